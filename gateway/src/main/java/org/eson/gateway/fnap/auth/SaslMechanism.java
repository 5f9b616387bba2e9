package org.eson.gateway.fnap.auth;

import java.util.Optional;

/** One SASL mechanism. Instances are shared by all sessions, so they keep no per-exchange state. */
public interface SaslMechanism {

    /** The mechanism's registered name, upper case ({@code PLAIN}). */
    String name();

    /**
     * Starts an exchange. With an initial response (the one-line form) the result is final;
     * without one the mechanism may answer with a {@link SaslStep.Challenge}.
     */
    SaslStep start(Optional<String> initialResponse);

    /** Continues an exchange with the client's next line. */
    SaslStep respond(String clientLine);
}
