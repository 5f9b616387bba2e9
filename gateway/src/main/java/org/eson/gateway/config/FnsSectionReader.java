package org.eson.gateway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.config.Config;

import org.eson.gateway.fns.BindKeyFile;
import org.eson.gateway.fns.TsigKeySpec;
import org.eson.gateway.fns.Zones;

/** Reads {@code fnaa.fns}: TTL, timeout, the advertised FNAA endpoint and the zones with their TSIG keys. */
final class FnsSectionReader extends ConfigReader {

    FnsSectionReader(List<String> problems) {
        super(problems);
    }

    FnsSettings fns(Config node, String fqdn, boolean development, ListenerSettings fnap,
                            Optional<TlsListenerSettings> fnaps, ListenerSettings http,
                            List<NamespaceEntry> namespaces) {
        boolean present = section(node);
        Duration ttl = present ? duration(node.get("ttl"), FnsSettings.DEFAULT_TTL) : FnsSettings.DEFAULT_TTL;
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.toSeconds() > Integer.MAX_VALUE) {
            problems.add("fnaa.fns.ttl must be between 1s and " + Integer.MAX_VALUE + "s, got " + ttl);
        }
        Duration timeout = present ? duration(node.get("timeout"), FnsSettings.DEFAULT_TIMEOUT) : FnsSettings.DEFAULT_TIMEOUT;
        if (timeout.isNegative() || timeout.isZero()) {
            problems.add("fnaa.fns.timeout must be positive, got " + timeout);
        }
        FnsAdvertise advertise = advertise(present ? node.get("advertise") : null, fqdn, fnap, fnaps);
        List<FnsZone> zones = present ? zones(node.get("zones"), development) : List.of();
        ListenerSettings embedded = new ListenerSettings(GatewayConfigLoader.DEFAULT_HOST, FnsSettings.DEFAULT_EMBEDDED_PORT);
        if (present && section(node.get("embedded"))) {
            Config e = node.get("embedded");
            embedded = new ListenerSettings(host(e.get("host")), port(e.get("port"), FnsSettings.DEFAULT_EMBEDDED_PORT));
        }
        if (!zones.isEmpty()) {
            List<String> zoneNames = zones.stream().map(FnsZone::name).toList();
            List<String> uncovered = Zones.uncovered(namespaces.stream().map(NamespaceEntry::name).toList(), zoneNames);
            if (!uncovered.isEmpty()) {
                problems.add("fnaa.fns.zones: namespaces in no configured zone: " + String.join(", ", uncovered)
                        + " (every namespace must lie in a zone the gateway may update)");
            }
        } else {
            Map<String, ListenerSettings> tcp = new LinkedHashMap<>();
            tcp.put("fnaa.fnap", fnap);
            fnaps.ifPresent(t -> tcp.put("fnaa.fnaps", t.listener()));
            tcp.put("fnaa.http", http);
            for (var entry : tcp.entrySet()) {
                ListenerSettings other = entry.getValue();
                boolean sameHost = other.host().equals(embedded.host())
                        || GatewayConfigLoader.WILDCARD_HOSTS.contains(other.host()) || GatewayConfigLoader.WILDCARD_HOSTS.contains(embedded.host());
                if (embedded.port() != 0 && embedded.port() == other.port() && sameHost) {
                    problems.add("fnaa.fns.embedded.port " + embedded.port() + " is already used by " + entry.getKey());
                }
            }
        }
        return new FnsSettings(ttl, timeout, advertise, zones, embedded);
    }

    FnsAdvertise advertise(Config node, String fqdn, ListenerSettings fnap, Optional<TlsListenerSettings> fnaps) {
        String where = "fnaa.fns.advertise";
        boolean present = node != null && section(node);
        String host = fqdn;
        if (present) {
            Optional<String> value = text(node.get("host"));
            if (value.isPresent()) {
                host = DnsNames.normalize(value.get());
                if (!DnsNames.isValid(host)) {
                    problems.add(where + ".host '" + value.get() + "' is not a DNS name " + DNS_RULE);
                }
            }
        }
        int defaultPort = fnaps.map(TlsListenerSettings::port).orElse(fnap.port());
        int port = present ? port(node.get("port"), defaultPort) : defaultPort;
        boolean explicitPort = present && node.get("port").exists();
        boolean defaultTls = fnaps.isPresent() && (explicitPort ? port == fnaps.get().port() : true);
        boolean tls = present ? bool(node.get("tls"), defaultTls) : defaultTls;
        if (tls && fnaps.isEmpty() && (port == 0 || port == fnap.port())) {
            problems.add(where + ".tls is true but " + (port == 0 ? "no fnaa.fnaps listener is configured"
                    : "port " + port + " is the plaintext fnaa.fnap listener"));
        }
        int priority = present ? srvField(node.get("priority")) : 0;
        int weight = present ? srvField(node.get("weight")) : 0;
        return new FnsAdvertise(host.isEmpty() ? "invalid" : host, port, tls, priority, weight);
    }

    int srvField(Config node) {
        int value = integer(node, 0);
        if (value < 0 || value > 65535) {
            problems.add(node.key() + " must be between 0 and 65535, got " + value);
        }
        return value;
    }

    List<FnsZone> zones(Config node, boolean development) {
        return named(node, "fnaa.fns.zones", DnsNames::normalize, d -> "zone " + d, (item, where, name) -> {
            String what = "zone " + name;
            if (!DnsNames.isValid(name)) {
                problems.add(what + " is not a DNS name " + DNS_RULE);
            }
            String nameserver = text(item.get("nameserver")).orElse(GatewayConfigLoader.DEFAULT_HOST);
            int port = port(item.get("port"), 53);
            if (port == 0) {
                problems.add(what + ": port must be the name server's port, not 0");
            }
            boolean unsigned = bool(item.get("unsigned"), false);
            Optional<String> keyFile = text(item.get("key-file"));
            Optional<TsigKeySpec> key = Optional.empty();
            if (keyFile.isPresent() && unsigned) {
                problems.add(what + " has both key-file and unsigned: true; keep one");
            } else if (keyFile.isPresent()) {
                key = keyFile(what, keyFile.get());
            } else if (!unsigned) {
                problems.add(what + " has no key-file; unsigned updates need unsigned: true and fnaa.development: true");
            } else if (!development) {
                problems.add(what + ": unsigned: true is only allowed with fnaa.development: true");
            }
            return new FnsZone(name, nameserver, port, key, unsigned);
        });
    }

    Optional<TsigKeySpec> keyFile(String what, String file) {
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            problems.add(what + ": key-file '" + file + "' is not a valid path: " + e.getReason());
            return Optional.empty();
        }
        if (!Files.isRegularFile(path)) {
            problems.add(what + ": key-file " + path.toAbsolutePath() + " does not exist");
            return Optional.empty();
        }
        try {
            return Optional.of(BindKeyFile.read(path));
        } catch (IOException e) {
            problems.add(what + ": key-file " + path.toAbsolutePath() + " is not readable: " + e.getMessage());
        } catch (BindKeyFile.InvalidKeyFileException e) {
            problems.add(what + ": key-file " + path.toAbsolutePath() + ": " + e.getMessage());
        }
        return Optional.empty();
    }

}
