package org.eson.gateway.fns.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eson.gateway.fns.Zones;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Zone;

/** The zones the embedded server holds, synthesized from the configuration at every start. */
public final class EmbeddedZones {

    private EmbeddedZones() {
    }

    /**
     * One zone per namespace, plus the advertised host's parent domain when no namespace
     * covers the host, so that both the flows and the FNAA's own name resolve.
     */
    public static List<String> names(List<String> namespaces, String advertisedHost) {
        Set<String> names = new LinkedHashSet<>(namespaces);
        if (Zones.zoneOf(advertisedHost, namespaces).isEmpty()) {
            int dot = advertisedHost.indexOf('.');
            if (dot > 0) {
                names.add(advertisedHost.substring(dot + 1));
            }
        }
        return List.copyOf(names);
    }

    /**
     * The zones, each with a synthetic SOA and NS (the advertised host), and the host's own
     * address record in the zone that holds it.
     */
    public static List<Zone> build(List<String> zoneNames, String advertisedHost, InetAddress hostAddress, long ttl) {
        try {
            Name host = absolute(advertisedHost);
            String hostZone = Zones.zoneOf(advertisedHost, zoneNames).orElse(null);
            var zones = new ArrayList<Zone>();
            for (String zoneName : zoneNames) {
                Name origin = absolute(zoneName);
                var records = new ArrayList<Record>();
                records.add(new SOARecord(origin, DClass.IN, ttl, host, absolute("hostmaster." + zoneName),
                        1, 3600, 600, 86400, 60));
                records.add(new NSRecord(origin, DClass.IN, ttl, host));
                if (zoneName.equals(hostZone)) {
                    records.add(hostAddress.getAddress().length == 4
                            ? new ARecord(host, DClass.IN, ttl, hostAddress)
                            : new AAAARecord(host, DClass.IN, ttl, hostAddress));
                }
                zones.add(new Zone(origin, records.toArray(Record[]::new)));
            }
            return zones;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the embedded zones: " + e.getMessage(), e);
        }
    }

    private static Name absolute(String name) throws TextParseException {
        return Name.fromString(name.endsWith(".") ? name : name + ".");
    }
}
