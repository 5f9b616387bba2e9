package org.eson.fnap.wire;

import java.io.IOException;

/**
 * The peer sent something that is not FNAP. An {@link IOException} so that stream-level code
 * treats it like any other broken connection: after a framing error nothing more on that
 * connection can be trusted.
 */
public final class ProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong, without echoing much of the peer's input
     */
    public ProtocolException(String message) {
        super(message);
    }
}
