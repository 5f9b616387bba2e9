package org.eson.gateway.processors;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The processor types of the thesis's Figure 13. */
public enum ProcessorKind {
    /** One source flow to one sink flow; what a subscription needs. */
    BRIDGE(true),
    /** N source flows aggregated into one sink flow. */
    COLLECTOR(false),
    /** One source flow broadcast to N sink flows. */
    DISTRIBUTOR(false),
    /** N source flows producing new events to N sink flows. */
    SIGNAL(false);

    private final boolean implemented;

    ProcessorKind(boolean implemented) {
        this.implemented = implemented;
    }

    /** Whether this gateway can run processors of this kind. */
    public boolean isImplemented() {
        return implemented;
    }

    /** The kinds this gateway can run, in declaration order; what {@code CAPABILITIES} will list. */
    public static List<ProcessorKind> implemented() {
        return Arrays.stream(values()).filter(ProcessorKind::isImplemented).toList();
    }

    /** The lower-case name used in metrics labels and, later, on the wire. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a kind case-insensitively. */
    public static ProcessorKind parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown processor kind '" + text + "'; known: "
                    + Arrays.toString(values()), e);
        }
    }
}
