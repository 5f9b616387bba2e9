package org.eson.gateway.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Credentials this gateway uses at another FNAA ({@code fnaa.peers[]}) when it subscribes to one
 * of that gateway's flows.
 *
 * @param fqdn              the peer's FQDN, matched against its greeting or the SRV target host
 * @param username          the account at the peer
 * @param password          its password (from {@code password} or {@code password-env}); a secret
 * @param brokerCredentials extra adapter settings for attaching to the peer's broker
 * @param truststore        an optional PKCS12 truststore for the peer's TLS listener
 * @param anonymous         {@code anonymous: true}: authenticate with SASL ANONYMOUS (trace = this
 *                          gateway's FQDN) instead of a username and password, which are then empty
 */
public record PeerEntry(String fqdn, String username, String password, Map<String, String> brokerCredentials,
                        Optional<Path> truststore, boolean anonymous) {

    public PeerEntry {
        fqdn = DnsNames.normalize(Objects.requireNonNull(fqdn, "fqdn"));
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        brokerCredentials = Map.copyOf(Objects.requireNonNull(brokerCredentials, "brokerCredentials"));
        Objects.requireNonNull(truststore, "truststore");
    }

    public PeerEntry(String fqdn, String username, String password, Map<String, String> brokerCredentials,
                     Optional<Path> truststore) {
        this(fqdn, username, password, brokerCredentials, truststore, false);
    }

    public PeerEntry(String fqdn, String username, String password) {
        this(fqdn, username, password, Map.of(), Optional.empty());
    }

    /** A peer this gateway reads public flows of with SASL ANONYMOUS. */
    public static PeerEntry anonymous(String fqdn) {
        return new PeerEntry(fqdn, "", "", Map.of(), Optional.empty(), true);
    }

    /** Masks the password. */
    @Override
    public String toString() {
        return "PeerEntry[fqdn=" + fqdn + ", username=" + username + ", password=****, brokerCredentials="
                + brokerCredentials.keySet() + ", truststore=" + truststore + ", anonymous=" + anonymous + "]";
    }
}
