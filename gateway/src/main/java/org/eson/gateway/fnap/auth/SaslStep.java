package org.eson.gateway.fnap.auth;

import org.eson.gateway.users.User;

/** The outcome of feeding one client response to a SASL mechanism. */
public sealed interface SaslStep {

    /** The mechanism needs another client line; the server sends this challenge text. */
    record Challenge(String text) implements SaslStep {
    }

    /** The client proved who it is. */
    record Success(User user) implements SaslStep {
    }

    /** The exchange failed; {@code countsAsFailure} is false for a client cancel or a malformed message. */
    record Failure(int code, String text, boolean countsAsFailure) implements SaslStep {
    }
}
