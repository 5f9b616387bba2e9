package org.eson.fnap.fns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.eson.fnap.name.DomainNames;
import org.eson.fnap.name.FlowName;
import org.eson.fnap.name.InvalidFlowNameException;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Resolves flows, namespaces, services and hosts through the Flow Name Service.
 *
 * <p>Every call asks DNS afresh; nothing is cached (see the package description). Each call writes
 * the thesis CLI's resolution lines to the given trace, one line per step:
 *
 * <pre>
 * Resolving PTR for time.flows.unix.ar. using server 127.0.0.1:5353
 * Executing query time.flows.unix.ar. IN 12 using server 127.0.0.1:5353
 * Executing successful: [time.flows.unix.ar.	300	IN	PTR	_flow._tcp.time.flows.unix.ar.]
 * Resolved PTR to _flow._tcp.time.flows.unix.ar. for time.flows.unix.ar. using server 127.0.0.1:5353
 * </pre>
 *
 * <p>Thread-safe: instances hold only immutable settings and the random source.
 */
public final class FlowResolver {

    private static final System.Logger LOG = System.getLogger(FlowResolver.class.getName());

    /** Enough for any sane alias chain, few enough to stop a loop quickly. */
    static final int MAX_CNAME_HOPS = 8;

    private static final Name FLOW_SERVICE = Name.fromConstantString("_flow._tcp");
    private static final Name QUEUE_LABEL = Name.fromConstantString("_queue");

    private final ResolverSettings settings;
    private final DnsTransport transport;
    private final RandomGenerator random;

    private FlowResolver(ResolverSettings settings, RandomGenerator random) {
        this.settings = settings;
        this.transport = new DnsTransport(settings);
        this.random = random;
    }

    /**
     * @param settings nameservers, timeout and attempts
     * @return a resolver
     */
    public static FlowResolver create(ResolverSettings settings) {
        return create(settings, new Random());
    }

    /**
     * @param settings nameservers, timeout and attempts
     * @param random   source of the RFC 2782 weighted draws; a seeded one makes the order of
     *                 equal-priority SRV targets reproducible. Must be thread-safe if the resolver
     *                 is shared ({@link Random} is).
     * @return a resolver
     */
    public static FlowResolver create(ResolverSettings settings, RandomGenerator random) {
        return new FlowResolver(Objects.requireNonNull(settings, "settings"),
                Objects.requireNonNull(random, "random"));
    }

    /**
     * @return the settings this resolver was created with
     */
    public ResolverSettings settings() {
        return settings;
    }

    /**
     * Resolves a flow: the {@code PTR} at the flow name, the FNAA's {@code SRV} and {@code TXT}
     * at the service instance it names, then the queue's {@code SRV} and {@code TXT} at
     * {@code _queue.} in front of that instance.
     *
     * @param flow  the flow
     * @param trace receives one line per step; null for none
     * @return the FNAA and, when published, the queue
     * @throws FnsException.NotFound      if the flow has no PTR record (or does not exist)
     * @throws FnsException.BrokenChain   if the PTR leads to no usable FNAA SRV, or a queue is
     *                                    published without a broker type
     * @throws FnsException.Timeout       if the nameservers did not answer
     * @throws FnsException.ServerFailure if they answered with an error or could not be reached
     */
    public FlowLocation resolve(FlowName flow, Consumer<String> trace) throws FnsException {
        Objects.requireNonNull(flow, "flow");
        Consumer<String> t = sink(trace);
        Name flowName = absolute(flow.fqdn());

        Answer ptr = lookup(flowName, Type.PTR, t);
        if (!ptr.found()) {
            throw new FnsException.NotFound(flowName.toString(), "PTR",
                    flow.uri() + " is not registered in DNS (" + ptr.absence() + ")");
        }
        Name instance = choosePtrTarget(flowName, ptr.records());
        resolved(t, "PTR", instance.toString(), flowName);

        Answer srv = lookup(instance, Type.SRV, t);
        if (!srv.found()) {
            throw new FnsException.BrokenChain(instance.toString(), "SRV", "PTR of " + flowName
                    + " points to " + instance + " but it has no SRV record"
                    + (srv.kind() == Kind.NXDOMAIN ? " (the name does not exist)" : ""));
        }
        FnaaLocation fnaa = fnaaAt(instance, srv, t, "flow " + flow.uri());

        Name queueName = prefixed(QUEUE_LABEL, instance);
        Optional<QueueLocation> queue = queueName == null ? Optional.empty() : queueAt(queueName, t);
        return new FlowLocation(flow, fnaa, queue);
    }

    /**
     * Discovers the authoritative FNAA of a namespace (thesis 6.3.2) from
     * {@code _flow._tcp.<namespace>} {@code SRV} and {@code TXT}.
     *
     * @param namespace namespace FQDN, e.g. {@code flows.unix.ar} (any case, optional trailing dot)
     * @param trace     receives one line per step; null for none
     * @return the FNAA location
     * @throws IllegalArgumentException   if the namespace is not a valid DNS host name
     * @throws FnsException.NotFound      if there is no such SRV record
     * @throws FnsException.BrokenChain   if the SRV record says the service is not available
     * @throws FnsException.Timeout       if the nameservers did not answer
     * @throws FnsException.ServerFailure if they answered with an error or could not be reached
     */
    public FnaaLocation discoverNamespace(String namespace, Consumer<String> trace)
            throws FnsException {
        String ns;
        try {
            ns = DomainNames.normalize(Objects.requireNonNull(namespace, "namespace"));
        } catch (InvalidFlowNameException e) {
            throw new IllegalArgumentException("Invalid namespace: " + e.getMessage(), e);
        }
        Consumer<String> t = sink(trace);
        Name service = prefixed(FLOW_SERVICE, absolute(ns));
        if (service == null) {
            throw new IllegalArgumentException("Namespace too long for a service name: " + ns);
        }
        Answer srv = lookup(service, Type.SRV, t);
        if (!srv.found()) {
            throw new FnsException.NotFound(service.toString(), "SRV", "namespace " + ns
                    + " has no FNAA registered in DNS (" + srv.absence() + ")");
        }
        return fnaaAt(service, srv, t, "namespace " + ns);
    }

    /**
     * Resolves the SRV records at exactly {@code name}, e.g. an agent FQDN as the thesis CLI does
     * ({@code fnaa.unix.ar. SRV 0 0 61000 fnaa.unix.ar.}).
     *
     * @param name  owner name (any case, optional trailing dot)
     * @param trace receives one line per step; null for none
     * @return targets in RFC 2782 order; empty when the single record has target {@code .}
     *         ("decidedly not available")
     * @throws IllegalArgumentException   if {@code name} is not a DNS name
     * @throws FnsException.NotFound      if the name does not exist or has no SRV record
     * @throws FnsException.Timeout       if the nameservers did not answer
     * @throws FnsException.ServerFailure if they answered with an error or could not be reached
     */
    public List<ServiceTarget> resolveService(String name, Consumer<String> trace)
            throws FnsException {
        Consumer<String> t = sink(trace);
        Name owner = absolute(Objects.requireNonNull(name, "name"));
        Answer srv = lookup(owner, Type.SRV, t);
        if (!srv.found()) {
            throw new FnsException.NotFound(owner.toString(), "SRV",
                    srv.kind() == Kind.NXDOMAIN
                            ? owner + " does not exist (" + srv.absence() + ")"
                            : owner + " has no SRV record");
        }
        List<ServiceTarget> targets = targets(srv);
        resolvedSrv(t, targets, owner);
        return targets;
    }

    /**
     * Resolves a host's addresses, A records first, then AAAA. An IP literal is returned as is,
     * without a query. If the A query succeeded with addresses and only the AAAA query fails, the
     * A addresses are returned (noted in the trace): an IPv4-only answer is still a usable one.
     *
     * @param host  host name (any case, optional trailing dot) or IP literal (IPv6 optionally in
     *              brackets)
     * @param trace receives one line per step; null for none
     * @return at least one address; resolved ones carry {@code host} as their host name
     * @throws IllegalArgumentException   if {@code host} is not a DNS name
     * @throws FnsException.NotFound      if the host does not exist or has neither A nor AAAA
     * @throws FnsException.Timeout       if the nameservers did not answer
     * @throws FnsException.ServerFailure if they answered with an error or could not be reached
     */
    public List<InetAddress> resolveAddresses(String host, Consumer<String> trace)
            throws FnsException {
        Objects.requireNonNull(host, "host");
        String h = host.strip();
        String literal = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
        byte[] bytes = Address.toByteArray(literal, Address.IPv4);
        if (bytes == null && literal.indexOf(':') >= 0) {
            bytes = Address.toByteArray(literal, Address.IPv6);
        }
        if (bytes != null) {
            return List.of(address(null, bytes));
        }
        Consumer<String> t = sink(trace);
        Name owner = absolute(h);
        String hostName = owner.toString(true);
        List<InetAddress> addresses = new ArrayList<>();

        Answer a = lookup(owner, Type.A, t);
        if (a.kind() == Kind.NXDOMAIN) {
            throw new FnsException.NotFound(owner.toString(), "A",
                    owner + " does not exist (" + a.absence() + ")");
        }
        for (Record r : a.records()) {
            addresses.add(address(hostName, ((ARecord) r).getAddress().getAddress()));
        }
        if (a.found()) {
            resolved(t, "A", rdata(a.records()), owner);
        }

        Answer aaaa;
        try {
            aaaa = lookup(owner, Type.AAAA, t);
        } catch (FnsException.Timeout | FnsException.ServerFailure e) {
            if (addresses.isEmpty()) {
                throw e;
            }
            t.accept("Ignoring failed AAAA query for " + owner + ": " + e.getMessage());
            return List.copyOf(addresses);
        }
        for (Record r : aaaa.records()) {
            addresses.add(address(hostName, ((AAAARecord) r).getAddress().getAddress()));
        }
        if (aaaa.found()) {
            resolved(t, "AAAA", aaaa.records().stream()
                    .map(r -> compressIpv6(((AAAARecord) r).getAddress().getAddress()))
                    .collect(Collectors.joining(", ")), owner);
        }
        if (addresses.isEmpty()) {
            throw new FnsException.NotFound(owner.toString(), "A",
                    owner + " has no A or AAAA record");
        }
        return List.copyOf(addresses);
    }

    // ---------------------------------------------------------------------------------------

    private FnaaLocation fnaaAt(Name service, Answer srv, Consumer<String> t, String whose)
            throws FnsException {
        List<ServiceTarget> targets = targets(srv);
        if (targets.isEmpty()) {
            throw new FnsException.BrokenChain(service.toString(), "SRV", service
                    + " SRV has target \".\": the FNAA of " + whose
                    + " is decidedly not available");
        }
        resolvedSrv(t, targets, service);
        Answer txt = lookup(service, Type.TXT, t);
        boolean tls = false;
        if (txt.found()) {
            resolved(t, "TXT", rdata(txt.records()), service);
            tls = TxtProperties.flag(TxtProperties.parse(txtRecords(txt)), "tls");
        }
        return new FnaaLocation(service.toString(true).toLowerCase(Locale.ROOT), targets, tls);
    }

    private Optional<QueueLocation> queueAt(Name queue, Consumer<String> t) throws FnsException {
        Answer srv = lookup(queue, Type.SRV, t);
        if (srv.kind() == Kind.NXDOMAIN) {
            return Optional.empty();
        }
        List<ServiceTarget> servers = List.of();
        if (srv.found()) {
            servers = targets(srv);
            resolvedSrv(t, servers, queue);
        }
        Answer txt = lookup(queue, Type.TXT, t);
        if (!srv.found() && !txt.found()) {
            return Optional.empty();
        }
        Map<String, String> properties = Map.of();
        if (txt.found()) {
            resolved(t, "TXT", rdata(txt.records()), queue);
            properties = TxtProperties.parse(txtRecords(txt));
        }
        String brokerType = properties.get("broker-type");
        if (brokerType == null || brokerType.isBlank()) {
            throw new FnsException.BrokenChain(queue.toString(), "TXT", queue
                    + (txt.found() ? " has a TXT record without broker-type"
                            : " has SRV records but no TXT record with broker-type"));
        }
        return Optional.of(new QueueLocation(queue.toString(true).toLowerCase(Locale.ROOT),
                brokerType.strip().toLowerCase(Locale.ROOT), servers,
                TxtProperties.flag(properties, "tls"), properties));
    }

    /**
     * The layout publishes one PTR; should there be several, the canonical instance name wins, and
     * otherwise the smallest name, so every resolver picks the same one regardless of the order a
     * server rotates them into.
     */
    private static Name choosePtrTarget(Name flowName, List<Record> records) {
        Name canonical = prefixed(FLOW_SERVICE, flowName);
        List<Name> targets = records.stream().map(r -> ((PTRRecord) r).getTarget()).toList();
        if (canonical != null && targets.contains(canonical)) {
            return canonical;
        }
        return targets.stream().min(Comparator.naturalOrder()).orElseThrow();
    }

    /** RFC 2782: a lone target "." means the service is decidedly not available here. */
    private List<ServiceTarget> targets(Answer srv) {
        List<ServiceTarget> targets = new ArrayList<>();
        for (Record r : srv.records()) {
            SRVRecord s = (SRVRecord) r;
            if (s.getTarget().equals(Name.root)) {
                // Among real targets, "." has no meaning; it is skipped rather than connected to.
                continue;
            }
            targets.add(new ServiceTarget(s.getTarget().toString(true), s.getPort(),
                    s.getPriority(), s.getWeight()));
        }
        return SrvOrder.order(targets, random);
    }

    // ---------------------------------------------------------------------------------------

    private enum Kind { FOUND, NODATA, NXDOMAIN }

    /**
     * @param records the records of the asked type at the end of any CNAME chain
     */
    private record Answer(Name name, int type, Kind kind, List<Record> records) {

        boolean found() {
            return kind == Kind.FOUND;
        }

        String absence() {
            return kind == Kind.NXDOMAIN
                    ? "NXDOMAIN for " + name + " " + Type.string(type)
                    : "no " + Type.string(type) + " record at " + name;
        }
    }

    /**
     * One logical lookup: the query plus whatever re-queries a CNAME chain needs when the server
     * did not include the alias target's records itself (it is not authoritative for them).
     */
    private Answer lookup(Name name, int type, Consumer<String> t) throws FnsException {
        String qtype = Type.string(type);
        t.accept("Resolving " + qtype + " for " + name + " using server " + transport.serverLabel());
        Name current = name;
        int hops = 0;
        while (true) {
            Message response = transport.query(current, type, t);
            List<Record> answer = response.getSection(Section.ANSWER);
            int rcode = response.getRcode();
            if (rcode == Rcode.NXDOMAIN) {
                t.accept("Executing failed: NXDOMAIN");
            } else {
                t.accept("Executing successful: " + answer);
            }
            Name owner = current;
            while (true) {
                List<Record> matching = new ArrayList<>();
                CNAMERecord alias = null;
                for (Record r : answer) {
                    if (r.getDClass() != DClass.IN || !r.getName().equals(owner)) {
                        continue;
                    }
                    if (r.getType() == type) {
                        matching.add(r);
                    } else if (r.getType() == Type.CNAME && alias == null) {
                        alias = (CNAMERecord) r;
                    }
                }
                if (!matching.isEmpty()) {
                    return new Answer(name, type, Kind.FOUND, List.copyOf(matching));
                }
                if (alias == null) {
                    break;
                }
                if (++hops > MAX_CNAME_HOPS) {
                    throw new FnsException.BrokenChain(name.toString(), qtype, "CNAME chain from "
                            + name + " is longer than " + MAX_CNAME_HOPS + " aliases (a loop?)");
                }
                owner = alias.getTarget();
            }
            if (rcode == Rcode.NXDOMAIN) {
                return new Answer(name, type, Kind.NXDOMAIN, List.of());
            }
            if (owner.equals(current)) {
                return new Answer(name, type, Kind.NODATA, List.of());
            }
            LOG.log(System.Logger.Level.DEBUG, "following CNAME from {0} to {1}", current, owner);
            current = owner;
        }
    }

    private void resolved(Consumer<String> t, String type, String values, Name name) {
        t.accept("Resolved " + type + " to " + values + " for " + name + " using server "
                + transport.serverLabel());
    }

    private void resolvedSrv(Consumer<String> t, List<ServiceTarget> targets, Name name) {
        String values = targets.isEmpty() ? ". (service decidedly not available)"
                : targets.stream().map(s -> s.host() + ". port " + s.port())
                        .collect(Collectors.joining(", "));
        resolved(t, "SRV", values, name);
    }

    private static String rdata(List<Record> records) {
        return records.stream().map(Record::rdataToString).collect(Collectors.joining(", "));
    }

    private static List<TXTRecord> txtRecords(Answer txt) {
        return txt.records().stream().map(TXTRecord.class::cast).toList();
    }

    private static Consumer<String> sink(Consumer<String> trace) {
        return trace == null ? line -> { } : trace;
    }

    /** Lower-cased, so trace lines and exception names read the same whatever case came in. */
    private static Name absolute(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.isEmpty() || s.equals(".")) {
            throw new IllegalArgumentException("DNS name must not be empty");
        }
        try {
            return Name.fromString(s, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("Invalid DNS name '" + text + "': " + e.getMessage(), e);
        }
    }

    /** @return {@code prefix.name}, or null when that would exceed 255 octets (it cannot exist) */
    private static Name prefixed(Name prefix, Name name) {
        try {
            return Name.concatenate(prefix, name);
        } catch (NameTooLongException e) {
            return null;
        }
    }

    /**
     * RFC 5952 text ({@code ::1}, {@code 2001:db8::7}): what people write and what they will
     * search a trace for, unlike the JDK's and dnsjava's uncompressed form.
     */
    static String compressIpv6(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    private static InetAddress address(String host, byte[] bytes) {
        try {
            return InetAddress.getByAddress(host, bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of illegal length " + bytes.length, e);
        }
    }
}
