package org.eson.gateway.flows;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.eson.fnap.name.FlowName;
import org.eson.gateway.config.NamespaceEntry;

/**
 * The configured namespaces. A flow belongs to the longest namespace that is a DNS suffix of it,
 * compared label by label (the prototype's substring test let {@code x.flows.unix.ar.evil.com}
 * match {@code flows.unix.ar}).
 */
public final class NamespaceDirectory {

    private final List<NamespaceEntry> byLengthDescending;

    public NamespaceDirectory(List<NamespaceEntry> namespaces) {
        this.byLengthDescending = namespaces.stream()
                .sorted(Comparator.comparingInt((NamespaceEntry ns) -> ns.name().length()).reversed())
                .toList();
    }

    /** The namespace a flow lives in, whoever owns it. */
    public Optional<NamespaceEntry> namespaceOf(FlowName flow) {
        return byLengthDescending.stream().filter(ns -> flow.isStrictSubdomainOf(ns.name())).findFirst();
    }

    /** The namespace with this exact name. */
    public Optional<NamespaceEntry> find(String name) {
        return byLengthDescending.stream().filter(ns -> ns.name().equals(name)).findFirst();
    }

    /** Whether the name is a namespace itself, which can never also be a flow. */
    public boolean isNamespace(FlowName flow) {
        return find(flow.fqdn()).isPresent();
    }

    /** The namespaces a user owns, sorted by name. */
    public List<NamespaceEntry> ownedBy(String user) {
        return byLengthDescending.stream()
                .filter(ns -> ns.owner().equals(user))
                .sorted(Comparator.comparing(NamespaceEntry::name))
                .toList();
    }

    public List<NamespaceEntry> all() {
        return byLengthDescending;
    }
}
