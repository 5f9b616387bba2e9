package org.eson.fnap.client;

import java.util.Objects;
import org.eson.fnap.wire.Reply;

/**
 * The server answered, but not with success. The session is still usable unless the reply was a
 * 421, after which the server closes it.
 */
public final class FnapReplyException extends FnapException {

    private static final long serialVersionUID = 1L;

    private final transient Reply reply;

    /**
     * @param reply   the server's reply
     * @param command the command it answered, already masked if it carried a secret
     */
    public FnapReplyException(Reply reply, String command) {
        super("Server replied " + Objects.requireNonNull(reply, "reply").statusLine()
                + " to " + command);
        this.reply = reply;
    }

    private FnapReplyException(String message, Reply reply) {
        super(message);
        this.reply = reply;
    }

    /** For a refused or malformed greeting, where there is no command to name. */
    static FnapReplyException greeting(Reply reply, String address, String problem) {
        return new FnapReplyException(
                "Server at " + address + " " + problem + ": " + reply.statusLine(), reply);
    }

    /**
     * @return the reply
     */
    public Reply reply() {
        return reply;
    }
}
