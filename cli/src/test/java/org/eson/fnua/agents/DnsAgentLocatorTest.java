package org.eson.fnua.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eson.fnap.client.FnapEndpoint;
import org.eson.fnap.fns.Nameserver;
import org.eson.fnap.fns.ResolverSettings;
import org.eson.fnua.config.AgentConfig;
import org.eson.fnua.config.ConfigLoader;
import org.eson.fnua.config.ConfigLocation;
import org.eson.fixtures.dns.ScriptedDnsServer;
import org.junit.jupiter.api.Test;

class DnsAgentLocatorTest {

    private static AgentConfig agent(String extra) throws Exception {
        return new ConfigLoader(w -> { }, Path.of("/home/u")).parse("""
                agents:
                - {name: fnaa-unix, fqdn: fnaa.unix.ar, username: u, password: p%s}
                """.formatted(extra), ConfigLocation.explicit(Path.of("flow.yml")))
                .agents().get(0);
    }

    private static AgentLookup lookup(AgentConfig agent, String namespace, ScriptedDnsServer dns,
            List<String> trace) {
        ResolverSettings settings = ResolverSettings.defaults()
                .withNameservers(Nameserver.parse(dns.address()))
                .withTimeout(Duration.ofMillis(500));
        return new AgentLookup(agent, Optional.ofNullable(namespace), settings, trace::add);
    }

    @Test
    void tlsFromTheNamespaceTxtKeepsTheTargetNameForTheCertificateCheck() throws Exception {
        try (ScriptedDnsServer dns = ScriptedDnsServer.withRecords("unix.ar",
                "_flow._tcp.flows SRV 0 0 61443 fnaa",
                "_flow._tcp.flows TXT \"tls\"",
                "fnaa A 127.0.0.1")) {
            List<String> trace = new ArrayList<>();
            List<FnapEndpoint> endpoints = new DnsAgentLocator()
                    .locate(lookup(agent(""), "flows.unix.ar", dns, trace));
            assertThat(endpoints).containsExactly(new FnapEndpoint("fnaa.unix.ar", 61443, true));
            assertThat(trace).contains("FNAA FQDN Resolved to fnaa.unix.ar. port 61443");
        }
    }

    @Test
    void dnsCanAddTlsButNeverRemoveIt() throws Exception {
        try (ScriptedDnsServer dns = ScriptedDnsServer.withRecords("unix.ar",
                "fnaa SRV 0 0 61443 fnaa",
                "fnaa A 127.0.0.1")) {
            List<FnapEndpoint> endpoints = new DnsAgentLocator()
                    .locate(lookup(agent(", tls: true"), null, dns, new ArrayList<>()));
            assertThat(endpoints).containsExactly(new FnapEndpoint("fnaa.unix.ar", 61443, true));
        }
    }

    @Test
    void plaintextTargetsBecomeOneEndpointPerAddressInSrvOrder() throws Exception {
        try (ScriptedDnsServer dns = ScriptedDnsServer.withRecords("unix.ar",
                "fnaa SRV 10 0 61001 fnaa-b",
                "fnaa SRV 0 0 61000 fnaa-a",
                "fnaa-a A 127.0.0.1",
                "fnaa-a A 127.0.0.2",
                "fnaa-b AAAA ::1")) {
            List<FnapEndpoint> endpoints = new DnsAgentLocator()
                    .locate(lookup(agent(""), null, dns, new ArrayList<>()));
            assertThat(endpoints).extracting(FnapEndpoint::address).containsExactly(
                    "127.0.0.1:61000", "127.0.0.2:61000", "[0:0:0:0:0:0:0:1]:61001");
        }
    }

    @Test
    void aTargetDotMeansNotAvailable() throws Exception {
        try (ScriptedDnsServer dns = ScriptedDnsServer.withRecords("unix.ar", "fnaa SRV 0 0 0 .")) {
            assertThatThrownBy(() -> new DnsAgentLocator()
                    .locate(lookup(agent(""), null, dns, new ArrayList<>())))
                    .isInstanceOf(AgentLookupException.class)
                    .hasMessageContaining("target '.'")
                    .hasMessageEndingWith("set host/port for agent fnaa-unix or publish SRV at "
                            + "fnaa.unix.ar")
                    .satisfies(e -> assertThat(((AgentLookupException) e).isPermanent()).isTrue());
        }
    }

    @Test
    void theStandardLocatorUsesDnsOnlyWithoutHostAndPort() throws Exception {
        try (ScriptedDnsServer dns = ScriptedDnsServer.withRecords("unix.ar")) {
            assertThat(AgentLocator.standard().locate(lookup(agent(", port: 61007"), null, dns,
                    new ArrayList<>()))).containsExactly(
                            new FnapEndpoint("fnaa.unix.ar", 61007, false));
            assertThat(dns.questions()).isEmpty();
        }
    }
}
