package org.eson.gateway.config;

import java.util.Objects;
import java.util.Optional;

import org.eson.gateway.fns.TsigKeySpec;

/**
 * A DNS zone the gateway may update (RFC 2136) and the primary name server that accepts the updates.
 *
 * @param name       the zone apex, normalized (lower case, no trailing dot)
 * @param nameserver host name or address of the primary
 * @param port       its DNS port (UDP and TCP; updates use TCP)
 * @param key        the TSIG key that signs updates; empty only when {@code unsigned}
 * @param unsigned   send updates without TSIG (development only, and the embedded zone)
 */
public record FnsZone(String name, String nameserver, int port, Optional<TsigKeySpec> key, boolean unsigned) {

    public FnsZone {
        name = DnsNames.normalize(Objects.requireNonNull(name, "name"));
        Objects.requireNonNull(nameserver, "nameserver");
        Objects.requireNonNull(key, "key");
    }

    // TsigKeySpec masks its own secret; spelled out here so no future component leaks by default.
    @Override
    public String toString() {
        return "FnsZone[name=" + name + ", nameserver=" + nameserver + ", port=" + port
                + ", key=" + key.map(TsigKeySpec::toString).orElse("<none>") + ", unsigned=" + unsigned + "]";
    }
}
