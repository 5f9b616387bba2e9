package org.eson.gateway.config;

import java.util.Objects;

/**
 * A configured namespace: flows named {@code <something>.<name>} live in it, belong to
 * {@code owner}'s administration and are created on {@code broker}.
 *
 * @param name     normalized to lower case without a trailing dot, the form flows are compared in
 * @param maxFlows how many flows the namespace may hold
 */
public record NamespaceEntry(String name, String owner, String broker, int maxFlows) {

    public static final int DEFAULT_MAX_FLOWS = 10_000;

    public NamespaceEntry {
        name = DnsNames.normalize(Objects.requireNonNull(name, "name"));
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(broker, "broker");
    }
}
