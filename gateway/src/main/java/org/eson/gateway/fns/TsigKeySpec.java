package org.eson.gateway.fns;

import java.util.Objects;

/**
 * A TSIG key read from a BIND key file.
 *
 * @param name      the key name, which the name server matches against its own configuration
 * @param algorithm BIND's algorithm name, lower case ({@code hmac-sha256})
 * @param secret    the base64 secret, already checked to decode
 */
public record TsigKeySpec(String name, String algorithm, String secret) {

    public TsigKeySpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(secret, "secret");
    }

    // Configuration records end up in logs and exception messages; the secret must never.
    @Override
    public String toString() {
        return "TsigKeySpec[name=" + name + ", algorithm=" + algorithm + ", secret=****]";
    }
}
