package org.eson.gateway.fnap.auth;

import java.util.Optional;

import org.eson.fnap.sasl.InvalidPlainMessageException;
import org.eson.fnap.sasl.PlainMessage;
import org.eson.fnap.wire.ReplyCodes;
import org.eson.gateway.users.UserDirectory;

/**
 * SASL PLAIN (RFC 4616) as the thesis uses it: {@code AUTHENTICATE PLAIN}, {@code 220 OK}, then
 * the base64 of {@code [authzid] NUL authcid NUL passwd}.
 */
public final class PlainMechanism implements SaslMechanism {

    /** The continuation the thesis transcript shows after {@code AUTHENTICATE PLAIN}. */
    static final String CONTINUATION = "OK";

    private final UserDirectory users;

    public PlainMechanism(UserDirectory users) {
        this.users = users;
    }

    @Override
    public String name() {
        return "PLAIN";
    }

    @Override
    public SaslStep start(Optional<String> initialResponse) {
        return initialResponse.map(this::respond).orElseGet(() -> new SaslStep.Challenge(CONTINUATION));
    }

    @Override
    public SaslStep respond(String clientLine) {
        if (clientLine.strip().equals(PlainMessage.CANCEL)) {
            return new SaslStep.Failure(ReplyCodes.BAD_ARGUMENTS, "Authentication cancelled", false);
        }
        PlainMessage message;
        try {
            message = PlainMessage.decode(clientLine.strip());
        } catch (InvalidPlainMessageException e) {
            // Counted as a failure: garbage is also how a brute-force client probes.
            return new SaslStep.Failure(ReplyCodes.BAD_ARGUMENTS, "Invalid authentication string", true);
        }
        // Acting for another identity is not supported; refusing it looks like any other failure.
        return message.effectiveIdentity()
                .flatMap(identity -> users.authenticate(identity, message.password()))
                .<SaslStep>map(SaslStep.Success::new)
                .orElseGet(() -> new SaslStep.Failure(ReplyCodes.AUTH_FAILED, "Authentication failed", true));
    }
}
