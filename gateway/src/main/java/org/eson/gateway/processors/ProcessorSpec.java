package org.eson.gateway.processors;

import java.util.Objects;
import java.util.UUID;

/**
 * What a processor does: the data the thesis's Figure 12 passes to {@code create} and
 * {@code update}.
 *
 * @param id     a UUID in canonical (lower-case) form; the processor's key for its whole life
 * @param source where it reads; its broker also holds the dead-letter flow
 * @param sink   where it writes
 */
public record ProcessorSpec(String id, ProcessorKind kind, Endpoint source, Endpoint sink,
                            ProcessorSettings settings) {

    public ProcessorSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(settings, "settings");
        try {
            id = UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("processor id is not a UUID: " + id, e);
        }
    }

    /** A bridge with a fresh id. */
    public static ProcessorSpec bridge(Endpoint source, Endpoint sink, ProcessorSettings settings) {
        return new ProcessorSpec(UUID.randomUUID().toString(), ProcessorKind.BRIDGE, source, sink, settings);
    }

    public ProcessorSpec withSettings(ProcessorSettings settings) {
        return new ProcessorSpec(id, kind, source, sink, settings);
    }
}
