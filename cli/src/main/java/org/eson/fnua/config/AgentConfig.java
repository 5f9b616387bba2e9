package org.eson.fnua.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One entry of {@code agents:}: an FNAA and the credentials to use with it.
 *
 * <p>{@code host} and {@code port} stay optional rather than being defaulted here, because their
 * absence is meaningful: an agent with neither is found through DNS SRV records (the namespace's
 * {@code _flow._tcp.<namespace>}, else the FQDN's own), as the thesis's client does.
 *
 * @param name     the agent's name, referenced by namespaces and {@code --agent}
 * @param fqdn     the agent's FQDN, canonical form
 * @param username the user to authenticate as
 * @param password where the password comes from
 * @param prefix   the thesis's prefix for local copies of remote flows, if any
 * @param host     where to connect, if not the FQDN (ESON addition)
 * @param port     the TCP port, if not the default (ESON addition)
 * @param tls      whether to use implicit TLS (ESON addition)
 * @param entry    how messages name this entry, for example {@code agents[0] 'fnaa-unix'}
 * @param brokerCredentials {@code broker-credentials:}, extra settings for the native broker
 *                 client of {@code fnua publish}/{@code tail}, in the adapter's own setting
 *                 names (for Kafka {@code sasl.jaas.config}...); empty when not configured
 */
public record AgentConfig(String name, String fqdn, String username, PasswordSource password,
        Optional<String> prefix, Optional<String> host, OptionalInt port, boolean tls,
        String entry, Map<String, String> brokerCredentials) {

    /** An agent without {@code broker-credentials}. */
    public AgentConfig(String name, String fqdn, String username, PasswordSource password,
            Optional<String> prefix, Optional<String> host, OptionalInt port, boolean tls,
            String entry) {
        this(name, fqdn, username, password, prefix, host, port, tls, entry, Map.of());
    }

    /** The port of the thesis's examples, used when neither config nor DNS says otherwise. */
    public static final int DEFAULT_PORT = 61000;

    public AgentConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fqdn, "fqdn");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(entry, "entry");
        brokerCredentials = Collections.unmodifiableMap(new LinkedHashMap<>(
                Objects.requireNonNull(brokerCredentials, "brokerCredentials")));
    }

    /**
     * @return whether {@code host} or {@code port} is configured; if neither is, the agent is
     *         located through DNS
     */
    public boolean hasConfiguredEndpoint() {
        return host.isPresent() || port.isPresent();
    }

    /**
     * @return the configured host, else the FQDN
     */
    public String hostOrFqdn() {
        return host.orElse(fqdn);
    }

    /**
     * @return the configured port, else {@value #DEFAULT_PORT}
     */
    public int portOrDefault() {
        return port.orElse(DEFAULT_PORT);
    }
}
