package org.eson.gateway.fnap;

import org.eson.gateway.users.User;

/**
 * Where a session stands (thesis Figure 19). "waiting" is the listener itself and "cmdRecvd" is
 * the span of one {@link FnapSession#onFrame} call, so neither needs a state object.
 */
sealed interface SessionState {

    /** Connected, not authenticated: only CAPABILITIES, NOOP, HELP, QUIT and AUTHENTICATE. */
    record Accepting() implements SessionState {
    }

    /** {@code AUTHENTICATE PLAIN} was answered with {@code 220 OK}; the next line is the credentials. */
    record AwaitingPlainResponse() implements SessionState {
    }

    /** Authenticated; commands act for this user. */
    record Ready(User user) implements SessionState {
    }

    /** QUIT, a fatal error or the server closed the session; nothing more is read. */
    record Closed() implements SessionState {
    }
}
