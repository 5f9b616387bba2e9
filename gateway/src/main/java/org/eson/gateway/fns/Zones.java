package org.eson.gateway.fns;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.eson.gateway.config.DnsNames;

/** Which configured zone a DNS name belongs to. */
public final class Zones {

    private Zones() {
    }

    /** The longest zone equal to {@code name} or a label-wise suffix of it (so {@code xunix.ar} is not in {@code unix.ar}). */
    public static Optional<String> zoneOf(String name, Collection<String> zones) {
        String n = DnsNames.normalize(name);
        String best = null;
        for (String zone : zones) {
            String z = DnsNames.normalize(zone);
            if (contains(z, n) && (best == null || z.length() > best.length())) {
                best = z;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whether {@code name} is {@code zone} or below it. */
    public static boolean contains(String zone, String name) {
        return name.equals(zone) || zone.isEmpty() || name.endsWith("." + zone);
    }

    /** The namespaces that lie in none of the zones, in the order given. */
    public static List<String> uncovered(Collection<String> namespaces, Collection<String> zones) {
        return namespaces.stream().filter(ns -> zoneOf(ns, zones).isEmpty()).toList();
    }
}
