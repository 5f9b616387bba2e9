package org.eson.fnap.fns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eson.fixtures.bind9.Bind9Extension;
import org.eson.fixtures.bind9.Bind9Zone;
import org.eson.fnap.name.FlowName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The resolver against a real BIND 9 {@code named}, the server the thesis (6.2.2) builds the FNS
 * on, serving the Annex B example. Skipped, saying why, when BIND is not installed, unless
 * {@code ESON_REQUIRE_BIND9=1} makes its absence a failure (CI machines that must run it).
 */
@Timeout(60)
class Bind9FlowResolverTest {

    @RegisterExtension
    static final Bind9Extension BIND = Bind9Extension.withZones(
            Bind9Zone.fromZoneFile("syndeno.com", Zones.SYNDENO_COM),
            Bind9Zone.fromZoneFile("people.syndeno.com", Zones.PEOPLE_SYNDENO_COM
                    // One answer larger than 1232 octets, to see BIND truncate and TCP take over.
                    + "big.calendar IN PTR _flow._tcp.big.calendar.people.syndeno.com.\n"
                    + "_flow._tcp.big.calendar IN SRV 0 0 65432 fnaa.syndeno.com.\n"
                    + "_queue._flow._tcp.big.calendar IN SRV 0 0 9092 kafka.syndeno.com.\n"
                    + "_queue._flow._tcp.big.calendar IN TXT \"broker-type=kafka\""
                    + (" \"x=" + "y".repeat(240) + "\"").repeat(6) + "\n"
                    + "www IN CNAME fnaa.syndeno.com.\n"),
            Bind9Zone.fromZoneFile("finance.syndeno.com", Zones.FINANCE_SYNDENO_COM));

    private static FlowResolver resolver() {
        return FlowResolver.create(ResolverSettings.defaults()
                .withNameservers(new Nameserver(BIND.server().host(), BIND.server().port()))
                .withTimeout(Duration.ofSeconds(2)), new Random(1));
    }

    @Test
    void resolvesTheAnnexBExample() throws Exception {
        List<String> trace = new ArrayList<>();
        FlowResolver resolver = resolver();

        FlowLocation location = resolver.resolve(
                FlowName.parse("flow://notifications.calendar.people.syndeno.com"), trace::add);

        assertThat(location.fnaa().targets())
                .containsExactly(new ServiceTarget("fnaa.syndeno.com", 65432, 30, 30));
        assertThat(location.fnaa().tls()).isTrue();
        QueueLocation queue = location.queue().orElseThrow();
        assertThat(queue.brokerType()).isEqualTo("kafka");
        assertThat(queue.tls()).isTrue();
        assertThat(queue.bootstrapServers()).isEqualTo("kafka.syndeno.com:9092");
        assertThat(queue.property("topic")).contains("notifications.calendar.people.syndeno.com");
        assertThat(resolver.resolveAddresses("fnaa.syndeno.com", trace::add))
                .extracting(InetAddress::getHostAddress).containsExactly("208.68.163.200");

        String server = BIND.server().host() + ":" + BIND.server().port();
        assertThat(trace).startsWith(
                "Resolving PTR for notifications.calendar.people.syndeno.com. using server " + server,
                "Executing query notifications.calendar.people.syndeno.com. IN 12 using server " + server,
                "Executing successful: [notifications.calendar.people.syndeno.com.\t21600\tIN\tPTR\t"
                        + "_flow._tcp.notifications.calendar.people.syndeno.com.]");
        assertThat(trace).contains("Resolved A to 208.68.163.200 for fnaa.syndeno.com. using server "
                + server);
    }

    @Test
    void annexCFlowAndNamespaceDiscovery() throws Exception {
        FlowResolver resolver = resolver();
        QueueLocation queue = resolver.resolve(
                FlowName.parse("created.invoice.finance.syndeno.com"), null).queue().orElseThrow();
        assertThat(queue.bootstrapServers()).isEqualTo("kafka.syndeno.com:9092,kafka-2.syndeno.com:9093");
        assertThat(resolver.discoverNamespace("people.syndeno.com", null).targets())
                .containsExactly(new ServiceTarget("fnaa.syndeno.com", 65432, 30, 30));
    }

    @Test
    void bigAnswerIsTruncatedByBindAndFetchedOverTcp() throws Exception {
        List<String> trace = new ArrayList<>();
        FlowLocation location = resolver().resolve(
                FlowName.parse("big.calendar.people.syndeno.com"), trace::add);
        assertThat(location.queue().orElseThrow().property("x")).contains("y".repeat(240));
        assertThat(trace).anyMatch(l -> l.startsWith("Answer truncated, executing query "
                + "_queue._flow._tcp.big.calendar.people.syndeno.com. IN 16 over TCP"));
    }

    @Test
    void failuresFromARealServer() throws Exception {
        FlowResolver resolver = resolver();
        assertThatThrownBy(() -> resolver.resolve(FlowName.parse("nope.people.syndeno.com"), null))
                .isInstanceOf(FnsException.NotFound.class)
                .hasMessage("flow://nope.people.syndeno.com is not registered in DNS "
                        + "(NXDOMAIN for nope.people.syndeno.com. PTR)");
        // Not authoritative and no recursion: BIND refuses.
        assertThatThrownBy(() -> resolver.resolve(FlowName.parse("time.flows.unix.ar"), null))
                .isInstanceOfSatisfying(FnsException.ServerFailure.class,
                        e -> assertThat(e.rcode()).isEqualTo("REFUSED"));
        assertThat(resolver.resolveAddresses("www.people.syndeno.com", null))
                .extracting(InetAddress::getHostAddress).containsExactly("208.68.163.200");
    }
}
