package org.eson.gateway.fnap;

import java.util.Optional;

import org.eson.fnap.wire.Reply;

/**
 * What one input frame produced: at most one reply, and whether the connection ends after it.
 */
public record SessionStep(Optional<Reply> reply, boolean close) {

    static SessionStep reply(Reply reply) {
        return new SessionStep(Optional.of(reply), false);
    }

    static SessionStep replyAndClose(Reply reply) {
        return new SessionStep(Optional.of(reply), true);
    }

    static SessionStep nothing() {
        return new SessionStep(Optional.empty(), false);
    }
}
