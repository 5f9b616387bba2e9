package org.eson.gateway.fns;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.eson.fnap.name.DomainNames;
import org.eson.fnap.name.FlowName;
import org.eson.spi.FlowDescription;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The DNS records of one flow, laid out as in thesis Annex B:
 * <pre>
 * flow.                     PTR  _flow._tcp.flow.
 * _flow._tcp.flow.          SRV  prio weight fnaa-port fnaa-host.   (+ TXT "tls" for a TLS listener)
 * _queue._flow._tcp.flow.   SRV  prio weight broker-port broker-host.  (one per server entry)
 * _queue._flow._tcp.flow.   TXT  "broker-type=..." ["tls"] "key=value"...
 * </pre>
 * Built from the broker's description every time rather than stored, so registration and
 * unregistration always agree on what "our records" are.
 */
public record FlowRecords(Name owner, Name service, Name queue, List<Record> records) {

    public static final String SERVICE_PREFIX = "_flow._tcp";
    public static final String QUEUE_PREFIX = "_queue." + SERVICE_PREFIX;
    /** RFC 1035 s3.3: a character-string is one length octet plus at most 255 octets. */
    public static final int MAX_TXT_STRING = 255;

    private static final Pattern HOST_PORT = Pattern.compile("([^:\\s]+):(\\d{1,5})");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public FlowRecords {
        records = List.copyOf(records);
    }

    /** The owner names this flow's records live at. */
    public List<Name> owners() {
        return List.of(owner, service, queue);
    }

    public static FlowRecords of(FlowName flow, String brokerType, FlowDescription description, FnaaEndpoint fnaa,
                                 long ttl) throws FnsException {
        Name owner;
        Name service;
        Name queue;
        try {
            owner = absolute(flow.fqdn());
            service = absolute(SERVICE_PREFIX + "." + flow.fqdn());
            queue = absolute(QUEUE_PREFIX + "." + flow.fqdn());
        } catch (TextParseException e) {
            throw FnsException.refused("flow name " + flow + " is too long for its DNS records ("
                    + QUEUE_PREFIX + "." + flow + " exceeds 255 octets)");
        }
        var records = new ArrayList<Record>();
        records.add(new PTRRecord(owner, DClass.IN, ttl, service));
        records.add(new SRVRecord(service, DClass.IN, ttl, fnaa.priority(), fnaa.weight(), fnaa.port(), target(fnaa.host())));
        if (fnaa.tls()) {
            records.add(txt(service, ttl, List.of("tls")));
        }

        Map<String, String> parameters = new LinkedHashMap<>(description.parameters());
        String server = parameters.get("server");
        Optional<List<HostPort>> servers = server == null ? Optional.empty() : hostPorts(server);
        if (servers.isPresent()) {
            for (HostPort hp : servers.get()) {
                records.add(new SRVRecord(queue, DClass.IN, ttl, fnaa.priority(), fnaa.weight(), hp.port(), target(hp.host())));
            }
        } else {
            // "Not reachable as host:port" (memory://local): RFC 2782's "service decidedly not available" target.
            records.add(new SRVRecord(queue, DClass.IN, ttl, 0, 0, 0, Name.root));
        }
        var strings = new ArrayList<String>();
        strings.add("broker-type=" + brokerType);
        if ("true".equalsIgnoreCase(parameters.get("tls"))) {
            strings.add("tls");
        }
        parameters.forEach((key, value) -> {
            boolean expressedAsSrv = key.equals("server") && servers.isPresent();
            if (!key.equals("flow") && !key.equals("type") && !key.equals("tls") && !expressedAsSrv) {
                strings.add(key + "=" + value);
            }
        });
        for (String s : strings) {
            int octets = s.getBytes(StandardCharsets.UTF_8).length;
            if (octets > MAX_TXT_STRING) {
                String key = s.contains("=") ? s.substring(0, s.indexOf('=')) : s;
                throw FnsException.refused("the broker parameter " + key + " is " + octets
                        + " octets as a DNS TXT string; at most " + MAX_TXT_STRING + " can be published");
            }
        }
        records.add(txt(queue, ttl, strings));
        return new FlowRecords(owner, service, queue, records);
    }

    record HostPort(String host, int port) {
    }

    /** Every comma-separated entry as {@code host:port} with a DNS host name, or empty when any is not. */
    static Optional<List<HostPort>> hostPorts(String server) {
        var out = new ArrayList<HostPort>();
        for (String entry : server.split(",")) {
            var m = HOST_PORT.matcher(entry.strip());
            if (!m.matches()) {
                return Optional.empty();
            }
            String host = m.group(1).toLowerCase(Locale.ROOT);
            int port = Integer.parseInt(m.group(2));
            // An SRV target must be a host name; an address literal cannot be published as one.
            if (port < 1 || port > 65535 || IPV4.matcher(host).matches() || !DomainNames.isValid(host)) {
                return Optional.empty();
            }
            out.add(new HostPort(host.endsWith(".") ? host.substring(0, host.length() - 1) : host, port));
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    /** A TXT record from raw strings: built from wire format so no character is read as a zone-file escape. */
    public static Record txt(Name name, long ttl, List<String> strings) {
        var wire = new ByteArrayOutputStream();
        for (String s : strings) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            wire.write(bytes.length);
            wire.write(bytes, 0, bytes.length);
        }
        return Record.newRecord(name, Type.TXT, DClass.IN, ttl, wire.toByteArray());
    }

    static Name absolute(String name) throws TextParseException {
        return Name.fromString(name.endsWith(".") ? name : name + ".");
    }

    static Name target(String host) throws FnsException {
        try {
            return absolute(host);
        } catch (TextParseException e) {
            throw FnsException.refused("'" + host + "' cannot be an SRV target: " + e.getMessage());
        }
    }
}
