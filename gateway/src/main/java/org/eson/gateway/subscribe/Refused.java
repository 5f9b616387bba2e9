package org.eson.gateway.subscribe;

import org.eson.fnap.wire.Reply;

/** A step of a subscription failed; {@link #reply()} is what the user is told. */
final class Refused extends Exception {

    private final transient Reply reply;

    Refused(int code, String text) {
        super(code + " " + text, null, false, false);
        this.reply = Reply.of(code, text);
    }

    Reply reply() {
        return reply;
    }
}
