package org.eson.gateway.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits on FNAP sessions.
 *
 * @param maxSessions     concurrent sessions accepted before new connections are refused
 * @param idleTimeout     how long a session may stay silent before the gateway closes it
 * @param maxAuthFailures failed AUTHENTICATE attempts after which the session is closed
 */
public record SessionSettings(int maxSessions, Duration idleTimeout, int maxAuthFailures) {

    public static final int DEFAULT_MAX_SESSIONS = 1000;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_AUTH_FAILURES = 5;

    public SessionSettings {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
    }

    public static SessionSettings defaults() {
        return new SessionSettings(DEFAULT_MAX_SESSIONS, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_AUTH_FAILURES);
    }
}
