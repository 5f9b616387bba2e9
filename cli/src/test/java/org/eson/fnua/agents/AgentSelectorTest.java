package org.eson.fnua.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;

import org.eson.fnap.client.FnapEndpoint;
import org.eson.fnap.name.FlowName;
import org.eson.fnua.config.ConfigLoader;
import org.eson.fnua.config.ConfigLocation;
import org.eson.fnua.config.FlowConfig;
import org.junit.jupiter.api.Test;

class AgentSelectorTest {

    private static final String THREE_AGENTS = """
            agents:
            - {name: fnaa-unix, fqdn: fnaa.unix.ar, username: u, password: p}
            - {name: fnaa-team, fqdn: fnaa.team.unix.ar, username: u, password: p,
               host: 10.0.0.7, port: 61007, tls: true}
            - {name: fnaa-emiliano, fqdn: fnaa.emiliano.ar, username: u, password: p}
            namespaces:
            - {name: flows.unix.ar, agent: fnaa-unix}
            - {name: team.flows.unix.ar, agent: fnaa-team}
            - {name: flows.emiliano.ar, agent: fnaa-emiliano}
            """;

    private static FlowConfig config(String yaml) throws Exception {
        return new ConfigLoader(w -> { }, Path.of("/home/u"))
                .parse(yaml, ConfigLocation.explicit(Path.of("flow.yml")));
    }

    private static AgentSelector selector(String yaml) throws Exception {
        return new AgentSelector(config(yaml));
    }

    private static String forFlow(AgentSelector s, String flow, String agent) throws Exception {
        return s.forFlow(FlowName.parse(flow), Optional.ofNullable(agent)).agent().name();
    }

    @Test
    void picksTheAgentOfTheLongestNamespaceContainingTheFlow() throws Exception {
        AgentSelector s = selector(THREE_AGENTS);
        assertThat(forFlow(s, "time.flows.unix.ar", null)).isEqualTo("fnaa-unix");
        assertThat(forFlow(s, "time.team.flows.unix.ar", null)).isEqualTo("fnaa-team");
        assertThat(forFlow(s, "a.b.team.flows.unix.ar", null)).isEqualTo("fnaa-team");
        assertThat(forFlow(s, "time.flows.emiliano.ar", null)).isEqualTo("fnaa-emiliano");
        assertThat(s.forFlow(FlowName.parse("time.team.flows.unix.ar"), Optional.empty()).reason())
                .isEqualTo("namespace team.flows.unix.ar");
    }

    @Test
    void comparesWholeLabels() throws Exception {
        AgentSelector s = selector(THREE_AGENTS);
        // "xteam.flows.unix.ar" ends with "team.flows.unix.ar" as text, not as labels.
        assertThat(forFlow(s, "time.xteam.flows.unix.ar", null)).isEqualTo("fnaa-unix");
        // A namespace itself is not a flow inside it.
        assertThatThrownBy(() -> forFlow(s, "flows.emiliano.ar", null))
                .isInstanceOf(AgentSelectionException.class);
    }

    @Test
    void anExplicitAgentWins() throws Exception {
        AgentSelector s = selector(THREE_AGENTS);
        assertThat(forFlow(s, "time.flows.unix.ar", "fnaa-emiliano")).isEqualTo("fnaa-emiliano");
        assertThat(s.forFlow(FlowName.parse("x.y.z"), Optional.of("fnaa-team")).reason())
                .isEqualTo("--agent fnaa-team");
        assertThatThrownBy(() -> forFlow(s, "time.flows.unix.ar", "fnaa-nope"))
                .isInstanceOf(AgentSelectionException.class)
                .hasMessage("no agent named 'fnaa-nope' in config file flow.yml (configured: "
                        + "fnaa-unix, fnaa-team, fnaa-emiliano)");
    }

    @Test
    void fallsBackToTheOnlyAgent() throws Exception {
        AgentSelector s = selector("""
                agents:
                - {name: solo, fqdn: fnaa.solo.example, username: u, password: p}
                namespaces:
                - {name: flows.solo.example, agent: solo}
                """);
        assertThat(forFlow(s, "time.elsewhere.example", null)).isEqualTo("solo");
        assertThat(s.forFlow(FlowName.parse("time.elsewhere.example"), Optional.empty()).reason())
                .isEqualTo("the only agent");
        assertThat(s.forAgentCommand(Optional.empty()).agent().name()).isEqualTo("solo");
        assertThat(s.forNamespace(Optional.of("other.example"), Optional.empty()).agent().name())
                .isEqualTo("solo");
    }

    @Test
    void ambiguityIsAnErrorListingTheNamespaces() throws Exception {
        AgentSelector s = selector(THREE_AGENTS);
        assertThatThrownBy(() -> forFlow(s, "time.flows.elsewhere.example", null))
                .isInstanceOf(AgentSelectionException.class)
                .hasMessage("no configured namespace contains flow time.flows.elsewhere.example; "
                        + "configured namespaces: flows.unix.ar (fnaa-unix), team.flows.unix.ar "
                        + "(fnaa-team), flows.emiliano.ar (fnaa-emiliano); use --agent NAME");
        AgentSelector noNamespaces = selector("""
                agents:
                - {name: a, fqdn: fnaa.a.example, username: u, password: p}
                - {name: b, fqdn: fnaa.b.example, username: u, password: p}
                """);
        assertThatThrownBy(() -> forFlow(noNamespaces, "time.flows.a.example", null))
                .hasMessage("no configured namespace contains flow time.flows.a.example; config "
                        + "file flow.yml configures no namespaces; use --agent NAME");
        assertThatThrownBy(() -> noNamespaces.forAgentCommand(Optional.empty()))
                .hasMessage("several agents are configured (a, b); use --agent NAME");
    }

    @Test
    void namespaceCommandsUseTheNamespaceOrAnEnclosingOne() throws Exception {
        AgentSelector s = selector(THREE_AGENTS);
        assertThat(s.forNamespace(Optional.of("flows.unix.ar"), Optional.empty()).agent().name())
                .isEqualTo("fnaa-unix");
        assertThat(s.forNamespace(Optional.of("team.flows.unix.ar"), Optional.empty()).agent()
                .name()).isEqualTo("fnaa-team");
        assertThat(s.forNamespace(Optional.of("sub.team.flows.unix.ar"), Optional.empty())
                .agent().name()).isEqualTo("fnaa-team");
        assertThat(s.forNamespace(Optional.of("flows.unix.ar"), Optional.of("fnaa-emiliano"))
                .agent().name()).isEqualTo("fnaa-emiliano");
        assertThatThrownBy(() -> s.forNamespace(Optional.of("unix.ar"), Optional.empty()))
                .hasMessageStartingWith("no configured namespace matches unix.ar; ");
        assertThatThrownBy(() -> s.forNamespace(Optional.empty(), Optional.empty()))
                .hasMessageStartingWith("several agents are configured");
    }

    @Test
    void theSelectionCarriesTheNamespaceForDnsDiscoveryOnlyIfTheAgentHostsIt() throws Exception {
        AgentSelector s = selector(THREE_AGENTS);
        assertThat(s.forNamespace(Optional.of("sub.team.flows.unix.ar"), Optional.empty())
                .namespace()).contains("team.flows.unix.ar");
        assertThat(s.forNamespace(Optional.of("flows.unix.ar"), Optional.of("fnaa-unix"))
                .namespace()).contains("flows.unix.ar");
        assertThat(s.forNamespace(Optional.of("flows.unix.ar"), Optional.of("fnaa-emiliano"))
                .namespace()).isEmpty();
        assertThat(s.forAgentCommand(Optional.of("fnaa-unix")).namespace()).isEmpty();
    }

    @Test
    void theConfiguredLocatorUsesHostPortAndTlsWithDefaults() throws Exception {
        FlowConfig c = config(THREE_AGENTS);
        ConfiguredAgentLocator locator = new ConfiguredAgentLocator();
        assertThat(locator.locate(c.agent("fnaa-unix").orElseThrow()))
                .isEqualTo(new FnapEndpoint("fnaa.unix.ar", 61000, false));
        assertThat(locator.locate(c.agent("fnaa-team").orElseThrow()))
                .isEqualTo(new FnapEndpoint("10.0.0.7", 61007, true));
    }
}
