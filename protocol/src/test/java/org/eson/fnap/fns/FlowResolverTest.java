package org.eson.fnap.fns;

import org.eson.fixtures.dns.ScriptedDnsServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eson.fnap.client.FnapEndpoint;
import org.eson.fnap.name.FlowName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The resolver against {@link ScriptedDnsServer}, a real DNS server on loopback. */
@Timeout(30)
class FlowResolverTest {

    private static ScriptedDnsServer dns;
    private static String server;

    private final List<String> trace = new ArrayList<>();
    private FlowResolver resolver;

    @BeforeAll
    static void startDns() throws Exception {
        dns = ScriptedDnsServer.start(Zones.UNIX_AR, Zones.SYNDENO_COM, Zones.PEOPLE_SYNDENO_COM,
                Zones.FINANCE_SYNDENO_COM);
        server = Nameserver.parse(dns.address()).toString();
    }

    @AfterAll
    static void stopDns() {
        dns.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        dns.mode(ScriptedDnsServer.Mode.ANSWER);
        dns.truncateUdp(false);
        dns.setZones(Zones.UNIX_AR, Zones.SYNDENO_COM, Zones.PEOPLE_SYNDENO_COM,
                Zones.FINANCE_SYNDENO_COM);
        resolver = FlowResolver.create(settings(), new Random(42));
    }

    private static ResolverSettings settings() {
        return ResolverSettings.defaults().withNameservers(Nameserver.parse(dns.address()))
                .withTimeout(Duration.ofSeconds(2)).withAttempts(1);
    }

    private static FlowName flow(String name) throws Exception {
        return FlowName.parse(name);
    }

    // ---- Annex B and C ---------------------------------------------------------------------

    @Test
    void resolvesTheAnnexBChain() throws Exception {
        FlowLocation location = resolver.resolve(
                flow("flow://notifications.calendar.people.syndeno.com"), trace::add);

        assertThat(location.flow().fqdn()).isEqualTo("notifications.calendar.people.syndeno.com");
        FnaaLocation fnaa = location.fnaa();
        assertThat(fnaa.serviceName()).isEqualTo("_flow._tcp.notifications.calendar.people.syndeno.com");
        assertThat(fnaa.targets()).containsExactly(new ServiceTarget("fnaa.syndeno.com", 65432, 30, 30));
        assertThat(fnaa.tls()).isTrue();
        assertThat(fnaa.endpoints()).containsExactly(FnapEndpoint.tls("fnaa.syndeno.com", 65432));

        QueueLocation queue = location.queue().orElseThrow();
        assertThat(queue.serviceName())
                .isEqualTo("_queue._flow._tcp.notifications.calendar.people.syndeno.com");
        assertThat(queue.brokerType()).isEqualTo("kafka");
        assertThat(queue.tls()).isTrue();
        assertThat(queue.servers()).containsExactly(new ServiceTarget("kafka.syndeno.com", 9092, 30, 30));
        assertThat(queue.bootstrapServers()).isEqualTo("kafka.syndeno.com:9092");
        assertThat(queue.property("topic")).contains("notifications.calendar.people.syndeno.com");

        // Annex B's last steps: the addresses of the FNAA and the broker.
        assertThat(resolver.resolveAddresses(fnaa.primary().host(), trace::add))
                .extracting(InetAddress::getHostAddress).containsExactly("208.68.163.200");
        assertThat(resolver.resolveAddresses(queue.servers().get(0).host(), trace::add))
                .extracting(InetAddress::getHostAddress).containsExactly("208.68.163.218");
        assertThat(trace).contains(
                "Resolved A to 208.68.163.200 for fnaa.syndeno.com. using server " + server,
                "Resolved A to 208.68.163.218 for kafka.syndeno.com. using server " + server);
    }

    @Test
    void resolvesAnnexCMultiLabelNames() throws Exception {
        FlowName created = flow("flow://created.invoice.finance.syndeno.com");
        assertThat(created.relativeTo("finance.syndeno.com")).isEqualTo("created.invoice");

        FlowLocation location = resolver.resolve(created, null);

        assertThat(location.fnaa().targets()).containsExactly(
                new ServiceTarget("fnaa.syndeno.com", 65432, 0, 0));
        assertThat(location.fnaa().tls()).isFalse();
        QueueLocation queue = location.queue().orElseThrow();
        assertThat(queue.tls()).isFalse();
        assertThat(queue.bootstrapServers()).isEqualTo("kafka.syndeno.com:9092,kafka-2.syndeno.com:9093");
        assertThat(queue.property("topic")).contains("created.invoice.finance.syndeno.com");
    }

    @Test
    void acceptsAnyCaseAndReturnsLowerCase() throws Exception {
        FlowLocation location = resolver.resolve(flow("NOTIFICATIONS.Calendar.People.Syndeno.COM"), null);
        assertThat(location.fnaa().primary().host()).isEqualTo("fnaa.syndeno.com");
    }

    // ---- exact trace -----------------------------------------------------------------------

    @Test
    void traceOfOneResolutionIsExact() throws Exception {
        resolver.resolve(flow("time.flows.unix.ar"), trace::add);

        String s = " using server " + server;
        String ptr = "time.flows.unix.ar.";
        String fnaa = "_flow._tcp.time.flows.unix.ar.";
        String queue = "_queue._flow._tcp.time.flows.unix.ar.";
        assertThat(trace).containsExactly(
                "Resolving PTR for " + ptr + s,
                "Executing query " + ptr + " IN 12" + s,
                "Executing successful: [time.flows.unix.ar.\t300\tIN\tPTR\t_flow._tcp.time.flows.unix.ar.]",
                "Resolved PTR to " + fnaa + " for " + ptr + s,
                "Resolving SRV for " + fnaa + s,
                "Executing query " + fnaa + " IN 33" + s,
                "Executing successful: [" + fnaa + "\t300\tIN\tSRV\t0 0 61000 fnaa.unix.ar.]",
                "Resolved SRV to fnaa.unix.ar. port 61000 for " + fnaa + s,
                "Resolving TXT for " + fnaa + s,
                "Executing query " + fnaa + " IN 16" + s,
                "Executing successful: [" + fnaa + "\t300\tIN\tTXT\t\"tls\"]",
                "Resolved TXT to \"tls\" for " + fnaa + s,
                "Resolving SRV for " + queue + s,
                "Executing query " + queue + " IN 33" + s,
                "Executing successful: [" + queue + "\t300\tIN\tSRV\t0 0 9092 kf1.unix.ar.]",
                "Resolved SRV to kf1.unix.ar. port 9092 for " + queue + s,
                "Resolving TXT for " + queue + s,
                "Executing query " + queue + " IN 16" + s,
                "Executing successful: [" + queue
                        + "\t300\tIN\tTXT\t\"broker-type=kafka\" \"tls\" \"topic=time.flows.unix.ar\"]",
                "Resolved TXT to \"broker-type=kafka\" \"tls\" \"topic=time.flows.unix.ar\" for "
                        + queue + s);
    }

    @Test
    void thesisAgentResolutionTrace() throws Exception {
        // Thesis 7.4.1: the CLI resolves the agent FQDN by SRV, then its address.
        List<ServiceTarget> targets = resolver.resolveService("fnaa.unix.ar", trace::add);
        List<InetAddress> addresses = resolver.resolveAddresses(targets.get(0).host(), trace::add);

        assertThat(targets).containsExactly(new ServiceTarget("fnaa.unix.ar", 61000, 0, 0));
        assertThat(addresses).extracting(InetAddress::getHostAddress)
                .containsExactly("127.0.0.1", "0:0:0:0:0:0:0:1");
        String s = " using server " + server;
        // dnsjava pads owner names shorter than 16 characters with a second tab.
        assertThat(trace).containsExactly(
                "Resolving SRV for fnaa.unix.ar." + s,
                "Executing query fnaa.unix.ar. IN 33" + s,
                "Executing successful: [fnaa.unix.ar.\t\t604800\tIN\tSRV\t0 0 61000 fnaa.unix.ar.]",
                "Resolved SRV to fnaa.unix.ar. port 61000 for fnaa.unix.ar." + s,
                "Resolving A for fnaa.unix.ar." + s,
                "Executing query fnaa.unix.ar. IN 1" + s,
                "Executing successful: [fnaa.unix.ar.\t\t604800\tIN\tA\t127.0.0.1]",
                "Resolved A to 127.0.0.1 for fnaa.unix.ar." + s,
                "Resolving AAAA for fnaa.unix.ar." + s,
                "Executing query fnaa.unix.ar. IN 28" + s,
                "Executing successful: [fnaa.unix.ar.\t\t300\tIN\tAAAA\t0:0:0:0:0:0:0:1]",
                "Resolved AAAA to ::1 for fnaa.unix.ar." + s);
    }

    // ---- SRV selection ---------------------------------------------------------------------

    @Test
    void severalTargetsAreOrderedByPriorityThenWeight() throws Exception {
        FlowLocation location = resolver.resolve(flow("multi.flows.unix.ar"), null);

        List<ServiceTarget> targets = location.fnaa().targets();
        assertThat(targets).extracting(ServiceTarget::priority).containsExactly(5, 10, 10, 20);
        assertThat(targets.get(0).host()).isEqualTo("primary.unix.ar");
        assertThat(targets.subList(1, 3)).extracting(ServiceTarget::host)
                .containsExactlyInAnyOrder("a.unix.ar", "b.unix.ar");
        assertThat(targets.get(3)).isEqualTo(new ServiceTarget("c.unix.ar", 61003, 20, 0));
        assertThat(location.queue().orElseThrow().servers()).extracting(ServiceTarget::port)
                .hasSize(3).endsWith(9094);

        // Same seed, same order: the order depends on nothing but the random source.
        List<ServiceTarget> again = FlowResolver.create(settings(), new Random(42))
                .resolve(flow("multi.flows.unix.ar"), null).fnaa().targets();
        assertThat(again).isEqualTo(targets);
    }

    @Test
    void differentSeedsEventuallyGiveBothOrders() throws Exception {
        List<String> firsts = new ArrayList<>();
        for (int seed = 0; seed < 40; seed++) {
            firsts.add(FlowResolver.create(settings(), new Random(seed))
                    .resolve(flow("multi.flows.unix.ar"), null).fnaa().targets().get(1).host());
        }
        assertThat(firsts).contains("a.unix.ar", "b.unix.ar");
    }

    // ---- TXT and target "." ----------------------------------------------------------------

    @Test
    void parsesDnsSdTxtAttributes() throws Exception {
        FlowLocation location = resolver.resolve(flow("props.flows.unix.ar"), null);

        assertThat(location.fnaa().tls()).as("tls=false").isFalse();
        QueueLocation queue = location.queue().orElseThrow();
        assertThat(queue.brokerType()).isEqualTo("sqs");
        assertThat(queue.tls()).as("bare TLS key, any case").isTrue();
        assertThat(queue.servers()).isEmpty();
        assertThat(queue.properties()).containsExactly(
                entry("broker-type", "SQS"),
                entry("url", "https://sqs.us-east-1.amazonaws.com/1/q?a=b&c=d"),
                entry("tls", ""),
                entry("region", "us-east-1"),
                entry("empty", ""),
                entry("fifo", ""));
        assertThat(queue.property("URL")).contains("https://sqs.us-east-1.amazonaws.com/1/q?a=b&c=d");
        assertThat(queue.property("missing")).isEmpty();
    }

    @Test
    void queueWithTargetDotHasNoServers() throws Exception {
        FlowLocation location = resolver.resolve(flow("mem.flows.unix.ar"), trace::add);

        QueueLocation queue = location.queue().orElseThrow();
        assertThat(queue.brokerType()).isEqualTo("memory");
        assertThat(queue.servers()).isEmpty();
        assertThat(queue.bootstrapServers()).isEmpty();
        assertThat(queue.tls()).isFalse();
        assertThat(trace).contains("Resolved SRV to . (service decidedly not available) for "
                + "_queue._flow._tcp.mem.flows.unix.ar. using server " + server);
    }

    @Test
    void fnaaWithTargetDotIsABrokenChain() {
        assertThatThrownBy(() -> resolver.resolve(flow("down.flows.unix.ar"), null))
                .isInstanceOf(FnsException.BrokenChain.class)
                .hasMessage("_flow._tcp.down.flows.unix.ar. SRV has target \".\": the FNAA of "
                        + "flow flow://down.flows.unix.ar is decidedly not available")
                .extracting(e -> ((FnsException) e).name())
                .isEqualTo("_flow._tcp.down.flows.unix.ar.");
    }

    @Test
    void flowWithoutQueueRecordsHasNoQueue() throws Exception {
        FlowLocation location = resolver.resolve(flow("bare.flows.unix.ar"), null);
        assertThat(location.queue()).isEmpty();
        assertThat(location.fnaa().tls()).isFalse();
        assertThat(location.fnaa().endpoints()).containsExactly(FnapEndpoint.plain("fnaa.unix.ar", 61000));
    }

    @Test
    void queueWithoutBrokerTypeIsABrokenChain() {
        assertThatThrownBy(() -> resolver.resolve(flow("notype.flows.unix.ar"), null))
                .isInstanceOf(FnsException.BrokenChain.class)
                .hasMessage("_queue._flow._tcp.notype.flows.unix.ar. has SRV records but no TXT "
                        + "record with broker-type");
    }

    // ---- failures --------------------------------------------------------------------------

    @Test
    void nxdomainIsNotFound() {
        assertThatThrownBy(() -> resolver.resolve(flow("flow://x.flows.unix.ar"), trace::add))
                .isInstanceOf(FnsException.NotFound.class)
                .hasMessage("flow://x.flows.unix.ar is not registered in DNS "
                        + "(NXDOMAIN for x.flows.unix.ar. PTR)")
                .satisfies(e -> {
                    assertThat(((FnsException) e).name()).isEqualTo("x.flows.unix.ar.");
                    assertThat(((FnsException) e).queryType()).isEqualTo("PTR");
                });
        assertThat(trace).endsWith("Executing failed: NXDOMAIN");
    }

    @Test
    void nameWithoutPtrIsNotFound() {
        assertThatThrownBy(() -> resolver.resolve(flow("kf1.unix.ar"), null))
                .isInstanceOf(FnsException.NotFound.class)
                .hasMessage("flow://kf1.unix.ar is not registered in DNS (no PTR record at kf1.unix.ar.)");
    }

    @Test
    void ptrWithoutSrvIsABrokenChain() {
        assertThatThrownBy(() -> resolver.resolve(flow("nosrv.flows.unix.ar"), null))
                .isInstanceOf(FnsException.BrokenChain.class)
                .hasMessage("PTR of nosrv.flows.unix.ar. points to _flow._tcp.nosrv.flows.unix.ar. "
                        + "but it has no SRV record (the name does not exist)")
                .extracting(e -> ((FnsException) e).name())
                .isEqualTo("_flow._tcp.nosrv.flows.unix.ar.");
        assertThatThrownBy(() -> resolver.resolve(flow("nodata.flows.unix.ar"), null))
                .isInstanceOf(FnsException.BrokenChain.class)
                .hasMessage("PTR of nodata.flows.unix.ar. points to _flow._tcp.nodata.flows.unix.ar. "
                        + "but it has no SRV record");
    }

    @Test
    void silentServerTimesOut() {
        dns.mode(ScriptedDnsServer.Mode.SILENT);
        int before = dns.udpQueries();
        FlowResolver r = FlowResolver.create(settings().withTimeout(Duration.ofMillis(300))
                .withAttempts(2));
        long start = System.nanoTime();

        assertThatThrownBy(() -> r.resolve(flow("time.flows.unix.ar"), trace::add))
                .isInstanceOf(FnsException.Timeout.class)
                .hasMessage("no answer from " + server + " within 300 ms for time.flows.unix.ar. "
                        + "PTR (2 attempts)");

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isBetween(Duration.ofMillis(550), Duration.ofSeconds(5));
        assertThat(dns.udpQueries() - before).isEqualTo(2);
        assertThat(trace).containsSubsequence(
                "Executing query time.flows.unix.ar. IN 12 using server " + server,
                "Executing failed: no answer within 300 ms",
                "Executing query time.flows.unix.ar. IN 12 using server " + server,
                "Executing failed: no answer within 300 ms");
    }

    @Test
    void servfailIsServerFailure() {
        dns.mode(ScriptedDnsServer.Mode.SERVFAIL);
        assertThatThrownBy(() -> resolver.resolve(flow("time.flows.unix.ar"), trace::add))
                .isInstanceOfSatisfying(FnsException.ServerFailure.class,
                        e -> assertThat(e.rcode()).isEqualTo("SERVFAIL"))
                .hasMessage(server + " answered SERVFAIL for time.flows.unix.ar. PTR");
        assertThat(trace).endsWith("Executing failed: SERVFAIL");
    }

    @Test
    void refusedIsServerFailure() {
        // The server is not authoritative for example.org and refuses, as BIND does.
        assertThatThrownBy(() -> resolver.resolveService("_flow._tcp.example.org", null))
                .isInstanceOfSatisfying(FnsException.ServerFailure.class,
                        e -> assertThat(e.rcode()).isEqualTo("REFUSED"));
    }

    @Test
    void closedPortIsServerFailureNotTimeout() throws Exception {
        int port;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        FlowResolver r = FlowResolver.create(settings()
                .withNameservers(new Nameserver("127.0.0.1", port)).withTimeout(Duration.ofSeconds(5)));
        long start = System.nanoTime();
        assertThatThrownBy(() -> r.resolve(flow("time.flows.unix.ar"), null))
                .isInstanceOfSatisfying(FnsException.ServerFailure.class,
                        e -> assertThat(e.rcode()).isNull())
                .hasMessageStartingWith("cannot query 127.0.0.1:" + port + " for time.flows.unix.ar. PTR: ");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void nextNameserverIsTriedWhenTheFirstIsSilent() throws Exception {
        try (ScriptedDnsServer silent = ScriptedDnsServer.start(Zones.UNIX_AR)) {
            silent.mode(ScriptedDnsServer.Mode.SILENT);
            FlowResolver r = FlowResolver.create(settings()
                    .withNameservers(Nameserver.parse(silent.address()), Nameserver.parse(dns.address()))
                    .withTimeout(Duration.ofMillis(300)));

            List<ServiceTarget> targets = r.resolveService("fnaa.unix.ar", trace::add);

            assertThat(targets).extracting(ServiceTarget::port).containsExactly(61000);
            String both = Nameserver.parse(silent.address()) + ", " + server;
            assertThat(trace).containsExactly(
                    "Resolving SRV for fnaa.unix.ar. using server " + both,
                    "Executing query fnaa.unix.ar. IN 33 using server " + Nameserver.parse(silent.address()),
                    "Executing failed: no answer within 300 ms",
                    "Executing query fnaa.unix.ar. IN 33 using server " + server,
                    "Executing successful: [fnaa.unix.ar.\t\t604800\tIN\tSRV\t0 0 61000 fnaa.unix.ar.]",
                    "Resolved SRV to fnaa.unix.ar. port 61000 for fnaa.unix.ar. using server " + both);
        }
    }

    // ---- transport -------------------------------------------------------------------------

    @Test
    void truncatedUdpAnswerIsRetriedOverTcp() throws Exception {
        dns.truncateUdp(true);
        int tcpBefore = dns.tcpQueries();

        FlowLocation location = resolver.resolve(flow("time.flows.unix.ar"), trace::add);

        assertThat(location.queue().orElseThrow().bootstrapServers()).isEqualTo("kf1.unix.ar:9092");
        assertThat(dns.tcpQueries() - tcpBefore).isEqualTo(5);
        assertThat(trace).contains("Answer truncated, executing query time.flows.unix.ar. IN 12 "
                + "over TCP using server " + server);
    }

    @Test
    void answerTooBigForUdpComesOverTcp() throws Exception {
        int tcpBefore = dns.tcpQueries();

        FlowLocation location = resolver.resolve(flow("big.flows.unix.ar"), null);

        assertThat(dns.tcpQueries() - tcpBefore).as("only the big TXT").isEqualTo(1);
        assertThat(location.queue().orElseThrow().properties())
                .containsEntry("broker-type", "kafka")
                .containsEntry("x", "y".repeat(240));
    }

    @Test
    void everyCallQueriesAgain() throws Exception {
        FlowName time = flow("time.flows.unix.ar");
        assertThat(resolver.resolve(time, null).fnaa().primary().port()).isEqualTo(61000);
        int before = dns.udpQueries();

        dns.setZones(Zones.UNIX_AR.replace(
                "_flow._tcp.time.flows         IN SRV 0 0 61000 fnaa.unix.ar.",
                "_flow._tcp.time.flows         IN SRV 0 0 62000 fnaa2.unix.ar."));

        FlowLocation after = resolver.resolve(time, null);
        assertThat(after.fnaa().primary()).isEqualTo(new ServiceTarget("fnaa2.unix.ar", 62000, 0, 0));
        assertThat(dns.udpQueries() - before).isEqualTo(5);
    }

    // ---- namespaces, services, addresses ---------------------------------------------------

    @Test
    void discoversTheFnaaOfANamespace() throws Exception {
        FnaaLocation fnaa = resolver.discoverNamespace("flows.unix.ar", trace::add);

        assertThat(fnaa.serviceName()).isEqualTo("_flow._tcp.flows.unix.ar");
        assertThat(fnaa.targets()).containsExactly(new ServiceTarget("fnaa.unix.ar", 61000, 0, 0));
        assertThat(fnaa.tls()).isTrue();
        assertThat(trace.get(0)).isEqualTo("Resolving SRV for _flow._tcp.flows.unix.ar. using server " + server);

        FnaaLocation people = resolver.discoverNamespace("People.Syndeno.com.", null);
        assertThat(people.endpoints()).containsExactly(FnapEndpoint.tls("fnaa.syndeno.com", 65432));
    }

    @Test
    void namespaceDiscoveryFailures() {
        assertThatThrownBy(() -> resolver.discoverNamespace("nothing.unix.ar", null))
                .isInstanceOf(FnsException.NotFound.class)
                .hasMessage("namespace nothing.unix.ar has no FNAA registered in DNS "
                        + "(NXDOMAIN for _flow._tcp.nothing.unix.ar. SRV)");
        assertThatThrownBy(() -> resolver.discoverNamespace("closed.unix.ar", null))
                .isInstanceOf(FnsException.BrokenChain.class)
                .hasMessageContaining("decidedly not available");
        assertThatThrownBy(() -> resolver.discoverNamespace("not a name", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resolveServiceCases() throws Exception {
        assertThat(resolver.resolveService("FNAA.unix.ar.", null))
                .containsExactly(new ServiceTarget("fnaa.unix.ar", 61000, 0, 0));
        assertThat(resolver.resolveService("_flow._tcp.down.flows.unix.ar", null)).isEmpty();
        assertThatThrownBy(() -> resolver.resolveService("nope.unix.ar", null))
                .isInstanceOf(FnsException.NotFound.class)
                .hasMessage("nope.unix.ar. does not exist (NXDOMAIN for nope.unix.ar. SRV)");
        assertThatThrownBy(() -> resolver.resolveService("kf1.unix.ar", null))
                .isInstanceOf(FnsException.NotFound.class)
                .hasMessage("kf1.unix.ar. has no SRV record");
    }

    @Test
    void resolvesAAndAaaa() throws Exception {
        assertThat(resolver.resolveAddresses("kf1.unix.ar", null))
                .extracting(InetAddress::getHostAddress).containsExactly("127.0.0.2");
        List<InetAddress> v6 = resolver.resolveAddresses("v6only.unix.ar.", trace::add);
        assertThat(v6).extracting(InetAddress::getHostAddress).containsExactly("2001:db8:0:0:0:0:0:7");
        assertThat(v6.get(0).getHostName()).isEqualTo("v6only.unix.ar");
        assertThat(trace).contains("Resolved AAAA to 2001:db8::7 for v6only.unix.ar. using server " + server)
                .noneMatch(l -> l.startsWith("Resolved A "));
    }

    @Test
    void ipLiteralsAreReturnedWithoutAQuery() throws Exception {
        int before = dns.udpQueries();
        assertThat(resolver.resolveAddresses("192.0.2.10", trace::add))
                .extracting(InetAddress::getHostAddress).containsExactly("192.0.2.10");
        assertThat(resolver.resolveAddresses("::1", trace::add))
                .extracting(InetAddress::getHostAddress).containsExactly("0:0:0:0:0:0:0:1");
        assertThat(resolver.resolveAddresses("[2001:db8::1]", trace::add))
                .extracting(InetAddress::getHostAddress).containsExactly("2001:db8:0:0:0:0:0:1");
        assertThat(dns.udpQueries()).isEqualTo(before);
        assertThat(trace).isEmpty();
    }

    @Test
    void addressFailures() {
        assertThatThrownBy(() -> resolver.resolveAddresses("nope.unix.ar", trace::add))
                .isInstanceOf(FnsException.NotFound.class)
                .hasMessage("nope.unix.ar. does not exist (NXDOMAIN for nope.unix.ar. A)");
        assertThat(trace).noneMatch(l -> l.contains(" IN 28 "));
        assertThatThrownBy(() -> resolver.resolveAddresses("textonly.unix.ar", null))
                .isInstanceOf(FnsException.NotFound.class)
                .hasMessage("textonly.unix.ar. has no A or AAAA record");
    }

    // ---- CNAME -----------------------------------------------------------------------------

    @Test
    void followsCnameChains() throws Exception {
        List<InetAddress> addresses = resolver.resolveAddresses("alias2.unix.ar", trace::add);

        assertThat(addresses).extracting(InetAddress::getHostAddress)
                .containsExactly("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(trace).contains("Executing successful: [alias2.unix.ar.\t\t300\tIN\tCNAME\talias.unix.ar., "
                + "alias.unix.ar.\t\t300\tIN\tCNAME\tfnaa.unix.ar., "
                + "fnaa.unix.ar.\t\t604800\tIN\tA\t127.0.0.1]",
                "Resolved A to 127.0.0.1 for alias2.unix.ar. using server " + server);
    }

    @Test
    void followsCnameIntoAnotherZoneWithASecondQuery() throws Exception {
        List<InetAddress> addresses = resolver.resolveAddresses("elsewhere.unix.ar", trace::add);

        assertThat(addresses).extracting(InetAddress::getHostAddress).containsExactly("208.68.163.200");
        assertThat(trace).containsSubsequence(
                "Executing query elsewhere.unix.ar. IN 1 using server " + server,
                "Executing query fnaa.syndeno.com. IN 1 using server " + server,
                "Resolved A to 208.68.163.200 for elsewhere.unix.ar. using server " + server);
    }

    @Test
    void cnameLoopIsABrokenChain() {
        assertThatThrownBy(() -> resolver.resolveAddresses("loop1.unix.ar", null))
                .isInstanceOf(FnsException.BrokenChain.class)
                .hasMessage("CNAME chain from loop1.unix.ar. is longer than 8 aliases (a loop?)");
    }

    @Test
    void compressesIpv6ForTheTrace() throws Exception {
        assertThat(FlowResolver.compressIpv6(InetAddress.getByName("::1").getAddress())).isEqualTo("::1");
        assertThat(FlowResolver.compressIpv6(InetAddress.getByName("::").getAddress())).isEqualTo("::");
        assertThat(FlowResolver.compressIpv6(InetAddress.getByName("2001:db8:0:0:1:0:0:1").getAddress()))
                .isEqualTo("2001:db8::1:0:0:1");
        assertThat(FlowResolver.compressIpv6(InetAddress.getByName("2001:db8:0:1:1:1:1:1").getAddress()))
                .isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(FlowResolver.compressIpv6(InetAddress.getByName("fe80::").getAddress())).isEqualTo("fe80::");
    }

    // ---- settings --------------------------------------------------------------------------

    @Test
    void systemResolverLabel() {
        assertThat(new DnsTransport(ResolverSettings.defaults()).serverLabel()).isEqualTo("system resolver");
        assertThat(new DnsTransport(ResolverSettings.defaults().withNameservers(
                Nameserver.parse("127.0.0.1:5353"), Nameserver.parse("[::1]:53"))).serverLabel())
                .isEqualTo("127.0.0.1:5353, [::1]:53");
    }
}
