package org.eson.gateway.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits on FNAP sessions.
 *
 * @param maxSessions     concurrent sessions accepted before new connections are refused
 * @param idleTimeout     how long a session may stay silent before the gateway closes it
 * @param maxAuthFailures failed AUTHENTICATE attempts after which the session is closed
 * @param anonymous       whether SASL ANONYMOUS is offered ({@code anonymous}, default false, opt-in:
 *                        anonymous sessions only read flows of {@code public: true} namespaces)
 */
public record SessionSettings(int maxSessions, Duration idleTimeout, int maxAuthFailures, boolean anonymous) {

    public static final int DEFAULT_MAX_SESSIONS = 1000;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_AUTH_FAILURES = 5;

    public SessionSettings {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
    }

    public SessionSettings(int maxSessions, Duration idleTimeout, int maxAuthFailures) {
        this(maxSessions, idleTimeout, maxAuthFailures, false);
    }

    public static SessionSettings defaults() {
        return new SessionSettings(DEFAULT_MAX_SESSIONS, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_AUTH_FAILURES, false);
    }
}
