package org.eson.fnap.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.eson.fnap.name.FlowName;
import org.junit.jupiter.api.Test;

class CommandTest {

    private static final FlowName FLOW = new FlowName("time.flows.unix.ar");

    @Test
    void verbsAndAuthenticationRequirement() {
        record Case(Command command, String verb, boolean auth) {
        }
        List<Case> cases = List.of(
                new Case(new Command.Authenticate("plain", Optional.empty()), "AUTHENTICATE", false),
                new Case(new Command.CreateFlow(FLOW), "CREATE FLOW", true),
                new Case(new Command.DescribeFlow(FLOW), "DESCRIBE FLOW", true),
                new Case(new Command.DeleteFlow(FLOW), "DELETE FLOW", true),
                new Case(new Command.GetFlows(Optional.empty()), "GET FLOWS", true),
                new Case(new Command.GetNamespaces(), "GET NAMESPACES", true),
                new Case(new Command.Subscribe(FLOW, Optional.empty()), "SUBSCRIBE", true),
                new Case(new Command.Unsubscribe(FLOW), "UNSUBSCRIBE", true),
                new Case(new Command.GetSubscriptions(), "GET SUBSCRIPTIONS", true),
                new Case(new Command.GetSubscribers(Optional.empty()), "GET SUBSCRIBERS", true),
                new Case(new Command.Revoke(FLOW), "REVOKE", true),
                new Case(new Command.Capabilities(), "CAPABILITIES", false),
                new Case(new Command.Noop(), "NOOP", false),
                new Case(new Command.Help(Optional.empty()), "HELP", false),
                new Case(new Command.Quit(), "QUIT", false));
        for (Case c : cases) {
            assertThat(c.command().verb()).isEqualTo(c.verb());
            assertThat(c.command().requiresAuthentication()).as(c.verb()).isEqualTo(c.auth());
        }
    }

    @Test
    void authenticateMasksTheInitialResponse() {
        Command.Authenticate auth = new Command.Authenticate("plain", Optional.of("AHRlc3QAdGVzdA=="));
        assertThat(auth.mechanism()).isEqualTo("PLAIN");
        assertThat(auth.initialResponse()).contains("AHRlc3QAdGVzdA==");
        assertThat(auth.toString()).doesNotContain("AHRlc3QAdGVzdA==").contains("****").contains("PLAIN");
        assertThat(new Command.Authenticate("PLAIN", Optional.empty()).toString()).doesNotContain("****");
        assertThat(new ParseResult.Parsed(auth).toString()).doesNotContain("AHRlc3QAdGVzdA==");
    }

    @Test
    void getFlowsNormalizesTheNamespace() {
        assertThat(new Command.GetFlows(Optional.of("Flows.Unix.AR.")).namespace()).contains("flows.unix.ar");
        assertThatThrownBy(() -> new Command.GetFlows(Optional.of("a_b")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
