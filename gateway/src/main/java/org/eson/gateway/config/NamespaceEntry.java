package org.eson.gateway.config;

import java.util.List;
import java.util.Objects;

/**
 * A configured namespace: flows named {@code <something>.<name>} live in it, belong to
 * {@code owner}'s administration and are created on {@code broker}.
 *
 * @param name         normalized to lower case without a trailing dot, the form flows are compared in
 * @param maxFlows     how many flows the namespace may hold
 * @param readers      accounts besides the owner that may subscribe to its flows ({@code readers: [..]})
 * @param publicAccess whether any authenticated account may subscribe to its flows ({@code public: true})
 */
public record NamespaceEntry(String name, String owner, String broker, int maxFlows, List<String> readers,
                             boolean publicAccess) {

    public static final int DEFAULT_MAX_FLOWS = 10_000;

    public NamespaceEntry {
        name = DnsNames.normalize(Objects.requireNonNull(name, "name"));
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(broker, "broker");
        readers = List.copyOf(Objects.requireNonNull(readers, "readers"));
    }

    /** A private namespace: only its owner reads its flows. */
    public NamespaceEntry(String name, String owner, String broker, int maxFlows) {
        this(name, owner, broker, maxFlows, List.of(), false);
    }

    /** Whether {@code account} may subscribe to (read) this namespace's flows. */
    public boolean readableBy(String account) {
        return publicAccess || owner.equals(account) || readers.contains(account);
    }
}
