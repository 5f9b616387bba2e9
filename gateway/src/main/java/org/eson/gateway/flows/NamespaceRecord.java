package org.eson.gateway.flows;

import java.util.Objects;

/** A namespace as the registry stores it: its administering user and the broker new flows go to. */
public record NamespaceRecord(String name, String owner, String broker) {

    public NamespaceRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(broker, "broker");
    }
}
