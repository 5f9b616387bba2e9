package org.eson.gateway.fns;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eson.fnap.name.FlowName;
import org.eson.gateway.config.FnsZone;
import org.eson.spi.FlowDescription;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * Registers flows with RFC 2136 dynamic updates, signed with TSIG, sent over TCP to each zone's
 * primary. Registration is guarded by "name not in use" and unregistration by "these exact
 * records exist", so the gateway can share a zone with an operator: it only ever adds names
 * nobody uses and only ever deletes records it can show are the ones it wrote.
 */
public final class DnsFlowRegistrar implements FlowRegistrar {

    private static final System.Logger LOG = System.getLogger(DnsFlowRegistrar.class.getName());

    /** Update outcomes, as counted by {@code eson_fns_updates_total{result}}. */
    public enum Result { OK, TRANSIENT, PERMANENT }

    private final Map<String, FnsZone> zones = new LinkedHashMap<>();
    private final long ttl;
    private final Duration timeout;
    private final Supplier<FnaaEndpoint> fnaa;
    private final Consumer<Result> outcomes;

    /**
     * @param fnaa     resolved lazily: the advertised port may be a listener's bound port, known only once it listens
     * @param outcomes told the result of every update message, for metrics
     */
    public DnsFlowRegistrar(List<FnsZone> zones, Duration ttl, Duration timeout, Supplier<FnaaEndpoint> fnaa,
                            Consumer<Result> outcomes) {
        zones.forEach(zone -> this.zones.put(zone.name(), zone));
        this.ttl = Math.max(1, ttl.toSeconds());
        this.timeout = timeout;
        this.fnaa = fnaa;
        this.outcomes = outcomes;
    }

    @Override
    public void register(FlowName flow, String brokerType, FlowDescription description) throws FnsException {
        FlowRecords records = FlowRecords.of(flow, brokerType, description, fnaa.get(), ttl);
        FnsZone zone = zoneOf(flow.fqdn());
        Update update = new Update(zoneName(zone));
        records.owners().forEach(update::absent);
        records.records().forEach(update::add);
        Message response = exchange(zone, update, "register " + flow);
        int rcode = response.getRcode();
        if (rcode == Rcode.NOERROR) {
            succeeded(zone, response);
            LOG.log(Level.INFO, "event=fns.registered flow=" + flow + " zone=" + zone.name() + " records=" + records.records().size());
            return;
        }
        if (rcode != Rcode.YXDOMAIN) {
            throw failed(zone, response, "register " + flow);
        }
        // Some owner name is in use: a retry of our own registration, or somebody else's data.
        counted(() -> {
            Set<Record> expected = new HashSet<>(records.records());
            Set<Record> found = new HashSet<>();
            for (Name owner : records.owners()) {
                for (Record record : lookup(zone, owner)) {
                    if (!expected.contains(record)) {
                        throw FnsException.refused("DNS name " + strip(owner) + " already holds records this gateway did not write");
                    }
                    found.add(record);
                }
            }
            if (!found.equals(expected)) {
                // Ours, but partial: never complete a set we cannot show is wholly ours.
                throw FnsException.refused("DNS name " + flow + " already holds records this gateway did not write");
            }
        });
        LOG.log(Level.DEBUG, "event=fns.already-registered flow=" + flow + " zone=" + zone.name());
    }

    @Override
    public void unregister(FlowName flow, String brokerType, FlowDescription description) throws FnsException {
        FlowRecords records = FlowRecords.of(flow, brokerType, description, fnaa.get(), ttl);
        FnsZone zone = zoneOf(flow.fqdn());
        Update update = new Update(zoneName(zone));
        for (Record record : records.records()) {
            // RFC 2136 s2.4.2: a prerequisite's TTL must be zero.
            update.present(Record.newRecord(record.getName(), record.getType(), record.getDClass(), 0,
                    record.rdataToWireCanonical()));
        }
        records.records().forEach(update::delete);
        Message response = exchange(zone, update, "unregister " + flow);
        int rcode = response.getRcode();
        if (rcode == Rcode.NOERROR) {
            succeeded(zone, response);
            LOG.log(Level.INFO, "event=fns.unregistered flow=" + flow + " zone=" + zone.name());
            return;
        }
        if (rcode != Rcode.NXRRSET && rcode != Rcode.NXDOMAIN) {
            throw failed(zone, response, "unregister " + flow);
        }
        counted(() -> {
            List<Record> present = lookupAll(zone, records.owners());
            if (present.stream().anyMatch(records.records()::contains)) {
                throw FnsException.refused("the DNS records of " + flow + " were changed outside this gateway; "
                        + "they were left as they are");
            }
        });
        LOG.log(Level.DEBUG, "event=fns.already-unregistered flow=" + flow + " zone=" + zone.name());
    }

    @FunctionalInterface
    private interface Check {
        void run() throws FnsException;
    }

    /** Counts the follow-up of a failed prerequisite as the one outcome of its update. */
    private void counted(Check check) throws FnsException {
        try {
            check.run();
            outcomes.accept(Result.OK);
        } catch (FnsException e) {
            outcomes.accept(e.isTransient() ? Result.TRANSIENT : Result.PERMANENT);
            if (!e.isTransient()) {
                LOG.log(Level.WARNING, "event=fns.refused detail=\"" + e.getMessage() + "\"");
            }
            throw e;
        }
    }

    @Override
    public void publishNamespaces(List<String> namespaces) throws FnsException {
        FnaaEndpoint endpoint = fnaa.get();
        Name target = FlowRecords.target(endpoint.host());
        for (String namespace : namespaces) {
            FnsZone zone = zoneOf(namespace);
            Name service = name(FlowRecords.SERVICE_PREFIX + "." + namespace);
            Update update = new Update(zoneName(zone));
            // The namespace's service name is the gateway's own, so its SRV set is replaced outright.
            update.delete(service, Type.SRV);
            update.add(new SRVRecord(service, DClass.IN, ttl, endpoint.priority(), endpoint.weight(), endpoint.port(), target));
            Record tls = FlowRecords.txt(service, ttl, List.of("tls"));
            if (endpoint.tls()) {
                update.add(tls);
            } else {
                update.delete(tls);
            }
            check(zone, exchange(zone, update, "publish " + namespace), "publish " + namespace);
        }
        var hostZone = Zones.zoneOf(endpoint.host(), zones.keySet());
        if (hostZone.isPresent()) {
            // The thesis's CLI resolves "SRV for fnaa.unix.ar.", so the host name answers SRV too.
            FnsZone zone = zones.get(hostZone.get());
            Update update = new Update(zoneName(zone));
            update.delete(target, Type.SRV);
            update.add(new SRVRecord(target, DClass.IN, ttl, endpoint.priority(), endpoint.weight(), endpoint.port(), target));
            check(zone, exchange(zone, update, "publish " + endpoint.host()), "publish " + endpoint.host());
        }
        LOG.log(Level.INFO, "event=fns.namespaces-published count=" + namespaces.size() + " fnaa=" + endpoint.host()
                + ":" + endpoint.port() + " tls=" + endpoint.tls());
    }

    @Override
    public void checkReachable() throws FnsException {
        var down = new ArrayList<String>();
        for (FnsZone zone : zones.values()) {
            try {
                Message response = send(zone, Message.newQuery(Record.newRecord(zoneName(zone), Type.SOA, DClass.IN)));
                if (response.getRcode() != Rcode.NOERROR || response.getSection(Section.ANSWER).isEmpty()) {
                    down.add(zone.name() + " (" + Rcode.string(response.getRcode()) + ")");
                }
            } catch (IOException e) {
                down.add(zone.name() + " (" + describe(e) + ")");
            }
        }
        if (!down.isEmpty()) {
            throw FnsException.unavailable("no SOA answer for " + String.join(", ", down), null);
        }
    }

    /** The configured zones, by name. */
    public List<FnsZone> zones() {
        return List.copyOf(zones.values());
    }

    private FnsZone zoneOf(String name) throws FnsException {
        String zone = Zones.zoneOf(name, zones.keySet())
                .orElseThrow(() -> FnsException.refused(name + " lies in no configured DNS zone"));
        return zones.get(zone);
    }

    private Message exchange(FnsZone zone, Update update, String what) throws FnsException {
        try {
            return send(zone, update);
        } catch (IOException e) {
            outcomes.accept(Result.TRANSIENT);
            LOG.log(Level.WARNING, "event=fns.unavailable action=\"" + what + "\" zone=" + zone.name()
                    + " nameserver=" + zone.nameserver() + ":" + zone.port() + " detail=\"" + describe(e) + "\"");
            throw FnsException.unavailable("name server " + zone.nameserver() + ":" + zone.port()
                    + " for zone " + zone.name() + " is unavailable: " + describe(e), e);
        }
    }

    private void check(FnsZone zone, Message response, String what) throws FnsException {
        if (response.getRcode() != Rcode.NOERROR) {
            throw failed(zone, response, what);
        }
        succeeded(zone, response);
    }

    /** A NOERROR is only believed when the answer proves it came from the holder of the key. */
    private void succeeded(FnsZone zone, Message response) throws FnsException {
        if (zone.key().isPresent() && !response.isVerified()) {
            outcomes.accept(Result.PERMANENT);
            LOG.log(Level.WARNING, "event=fns.unverified zone=" + zone.name() + " nameserver=" + zone.nameserver()
                    + ":" + zone.port());
            throw FnsException.refused("the name server's answer for zone " + zone.name()
                    + " did not carry a valid TSIG signature; check the TSIG key");
        }
        outcomes.accept(Result.OK);
    }

    private FnsException failed(FnsZone zone, Message response, String what) {
        int rcode = response.getRcode();
        String code = Rcode.string(rcode);
        TSIGRecord tsig = response.getTSIG();
        if (tsig != null && tsig.getError() != Rcode.NOERROR) {
            code += "/" + Rcode.TSIGstring(tsig.getError());
        }
        LOG.log(Level.WARNING, "event=fns.update-failed action=\"" + what + "\" zone=" + zone.name()
                + " nameserver=" + zone.nameserver() + ":" + zone.port() + " rcode=" + code);
        if (rcode == Rcode.SERVFAIL) {
            outcomes.accept(Result.TRANSIENT);
            return FnsException.unavailable("name server " + zone.nameserver() + ":" + zone.port()
                    + " answered SERVFAIL for zone " + zone.name(), null);
        }
        outcomes.accept(Result.PERMANENT);
        if (rcode == Rcode.REFUSED || rcode == Rcode.NOTAUTH) {
            return FnsException.refused("name server refused the update for zone " + zone.name() + " (" + code + "); "
                    + "check the TSIG key and the zone's allow-update");
        }
        return FnsException.refused("name server answered " + code + " to the update for zone " + zone.name());
    }

    private List<Record> lookupAll(FnsZone zone, List<Name> owners) throws FnsException {
        var all = new ArrayList<Record>();
        for (Name owner : owners) {
            all.addAll(lookup(zone, owner));
        }
        return all;
    }

    /** Every record at exactly {@code owner}, DNSSEC bookkeeping aside (the server maintains those). */
    private List<Record> lookup(FnsZone zone, Name owner) throws FnsException {
        Message response;
        try {
            response = send(zone, Message.newQuery(Record.newRecord(owner, Type.ANY, DClass.IN)));
        } catch (IOException e) {
            throw FnsException.unavailable("name server " + zone.nameserver() + ":" + zone.port()
                    + " is unavailable: " + describe(e), e);
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return List.of();
        }
        if (rcode != Rcode.NOERROR) {
            if (rcode == Rcode.SERVFAIL) {
                throw FnsException.unavailable("name server answered SERVFAIL for " + strip(owner), null);
            }
            throw FnsException.refused("name server answered " + Rcode.string(rcode) + " to a query for " + strip(owner));
        }
        var records = new ArrayList<Record>();
        for (Record record : response.getSection(Section.ANSWER)) {
            int type = record.getType();
            if (record.getName().equals(owner) && type != Type.RRSIG && type != Type.NSEC && type != Type.NSEC3) {
                records.add(record);
            }
        }
        return records;
    }

    private Message send(FnsZone zone, Message message) throws IOException {
        SimpleResolver resolver;
        try {
            resolver = new SimpleResolver(InetAddress.getByName(zone.nameserver()));
        } catch (UnknownHostException e) {
            throw new IOException("cannot resolve name server " + zone.nameserver(), e);
        }
        resolver.setPort(zone.port());
        resolver.setTCP(true);
        resolver.setTimeout(timeout);
        if (zone.key().isPresent()) {
            resolver.setTSIGKey(tsig(zone.key().get()));
        }
        return resolver.send(message);
    }

    private static TSIG tsig(TsigKeySpec key) throws IOException {
        Name algorithm = switch (key.algorithm().toLowerCase(Locale.ROOT)) {
            case "hmac-sha1" -> TSIG.HMAC_SHA1;
            case "hmac-sha256" -> TSIG.HMAC_SHA256;
            case "hmac-sha384" -> TSIG.HMAC_SHA384;
            case "hmac-sha512" -> TSIG.HMAC_SHA512;
            default -> throw new IOException("unsupported TSIG algorithm " + key.algorithm());
        };
        return new TSIG(algorithm, FlowRecords.absolute(key.name()), Base64.getDecoder().decode(key.secret()));
    }

    private static Name zoneName(FnsZone zone) throws FnsException {
        return name(zone.name());
    }

    private static Name name(String text) throws FnsException {
        try {
            return FlowRecords.absolute(text);
        } catch (TextParseException e) {
            throw FnsException.refused("'" + text + "' is not a DNS name: " + e.getMessage());
        }
    }

    private static String strip(Name name) {
        return name.toString(true);
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
