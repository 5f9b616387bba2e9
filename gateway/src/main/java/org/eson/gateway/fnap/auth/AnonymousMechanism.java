package org.eson.gateway.fnap.auth;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eson.fnap.wire.ReplyCodes;
import org.eson.gateway.users.User;

/**
 * SASL ANONYMOUS (RFC 4505): {@code AUTHENTICATE ANONYMOUS [trace]}, or {@code AUTHENTICATE ANONYMOUS},
 * {@code 220 OK}, then a trace line (possibly empty). The trace (an email address or a token, at most
 * 255 UTF-8 octets) is not secret and never required; it is only logged. Success makes the session
 * {@link User#anonymous()}, which reads flows of {@code public: true} namespaces and owns nothing.
 */
public final class AnonymousMechanism implements SaslMechanism {

    private static final Logger LOG = Logger.getLogger(AnonymousMechanism.class.getName());

    /** RFC 4505 section 2: the trace is at most 255 UTF-8 encoded octets. */
    public static final int MAX_TRACE_OCTETS = 255;

    @Override
    public String name() {
        return "ANONYMOUS";
    }

    @Override
    public SaslStep start(Optional<String> initialResponse) {
        return initialResponse.map(this::respond)
                .orElseGet(() -> new SaslStep.Challenge(PlainMechanism.CONTINUATION));
    }

    @Override
    public SaslStep respond(String clientLine) {
        String trace = clientLine.strip();
        if (trace.equals("*")) {
            return new SaslStep.Failure(ReplyCodes.BAD_ARGUMENTS, "Authentication cancelled", false);
        }
        if (trace.getBytes(StandardCharsets.UTF_8).length > MAX_TRACE_OCTETS
                || trace.codePoints().anyMatch(c -> Character.isISOControl(c) || c == '"')) {
            return new SaslStep.Failure(ReplyCodes.BAD_ARGUMENTS, "Invalid trace", false);
        }
        LOG.log(Level.INFO, "event=auth.anonymous trace=\"" + trace + "\"");
        return new SaslStep.Success(User.anonymous());
    }
}
