package org.eson.fnap.command;

import java.util.Objects;
import org.eson.fnap.wire.Reply;

/** The outcome of parsing one line: a command to execute, or the reply to send instead. */
public sealed interface ParseResult permits ParseResult.Parsed, ParseResult.Rejected {

    /**
     * @param command the command
     */
    record Parsed(Command command) implements ParseResult {
        /** Validates the component. */
        public Parsed {
            Objects.requireNonNull(command, "command");
        }
    }

    /**
     * @param reply the error reply, one of 500, 501 and 553
     */
    record Rejected(Reply reply) implements ParseResult {
        /** Validates the component. */
        public Rejected {
            Objects.requireNonNull(reply, "reply");
        }
    }
}
