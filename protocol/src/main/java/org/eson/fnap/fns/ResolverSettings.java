package org.eson.fnap.fns;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link FlowResolver} reaches DNS.
 *
 * <p>{@code timeout} and {@code attempts} mean what they mean in {@code resolv.conf}: the timeout
 * bounds each single query to one server (a TCP retry after a truncated answer gets its own), and
 * every server is tried once per attempt. The worst case for one lookup is therefore
 * {@code nameservers x attempts x timeout}.
 *
 * @param nameservers servers in the order to try them; empty means the system's, as dnsjava's
 *                    {@code ResolverConfig} reads them from {@code /etc/resolv.conf} and similar
 * @param timeout     bound on waiting for each answer, positive
 * @param attempts    rounds over all servers, 1 to 10
 */
public record ResolverSettings(List<Nameserver> nameservers, Duration timeout, int attempts) {

    /** Longest accepted timeout; anything beyond is a typo that would hang a CLI for hours. */
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    /**
     * @throws IllegalArgumentException if the timeout is not positive or too long, or attempts are
     *                                  out of range
     */
    public ResolverSettings {
        nameservers = List.copyOf(Objects.requireNonNull(nameservers, "nameservers"));
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout longer than " + MAX_TIMEOUT + ": " + timeout);
        }
        if (attempts < 1 || attempts > 10) {
            throw new IllegalArgumentException("attempts out of range 1-10: " + attempts);
        }
    }

    /**
     * @return the system's nameservers, 5 s timeout, 2 attempts
     */
    public static ResolverSettings defaults() {
        return new ResolverSettings(List.of(), Duration.ofSeconds(5), 2);
    }

    /**
     * @param servers servers to use, empty for the system's
     * @return a copy with them
     */
    public ResolverSettings withNameservers(List<Nameserver> servers) {
        return new ResolverSettings(servers, timeout, attempts);
    }

    /**
     * @param servers servers to use, none for the system's
     * @return a copy with them
     */
    public ResolverSettings withNameservers(Nameserver... servers) {
        return withNameservers(List.of(servers));
    }

    /**
     * @param value new per-query timeout
     * @return a copy with it
     */
    public ResolverSettings withTimeout(Duration value) {
        return new ResolverSettings(nameservers, value, attempts);
    }

    /**
     * @param value new number of rounds over the servers
     * @return a copy with it
     */
    public ResolverSettings withAttempts(int value) {
        return new ResolverSettings(nameservers, timeout, value);
    }

    /**
     * @return whether the system's nameservers are used
     */
    public boolean usesSystemNameservers() {
        return nameservers.isEmpty();
    }
}
