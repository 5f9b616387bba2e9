package org.eson.fnap.name;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlowNameTest {

    @Test
    void annexCNotificationsExample() throws Exception {
        FlowName flow = FlowName.parse("flow://notifications.calendar.people.syndeno.com");
        assertThat(flow.fqdn()).isEqualTo("notifications.calendar.people.syndeno.com");
        assertThat(flow.uri()).isEqualTo("flow://notifications.calendar.people.syndeno.com");
        assertThat(flow.isStrictSubdomainOf("people.syndeno.com")).isTrue();
        assertThat(flow.relativeTo("people.syndeno.com")).isEqualTo("notifications.calendar");
        assertThat(flow.labels())
                .containsExactly("notifications", "calendar", "people", "syndeno", "com");
        assertThat(flow).hasToString("notifications.calendar.people.syndeno.com");
    }

    @Test
    void annexCInvoiceExample() throws Exception {
        FlowName flow = FlowName.parse("created.invoice.finance.syndeno.com");
        assertThat(flow.relativeTo("finance.syndeno.com")).isEqualTo("created.invoice");
        assertThat(flow.isStrictSubdomainOf("finance.syndeno.com")).isTrue();
        assertThat(flow.isStrictSubdomainOf("syndeno.com")).isTrue();
        assertThat(flow.relativeTo("syndeno.com")).isEqualTo("created.invoice.finance");
    }

    @Test
    void schemeIsCaseInsensitiveAndNameIsCanonicalised() throws Exception {
        assertThat(FlowName.parse("FLOW://Time.Flows.Unix.AR.").fqdn())
                .isEqualTo("time.flows.unix.ar");
        assertThat(FlowName.parse("Flow://a.b")).isEqualTo(new FlowName("A.B"));
    }

    @Test
    void thesisTranscriptNamesAreValid() throws Exception {
        assertThat(FlowName.parse("time.flows.unix.ar").relativeTo("flows.unix.ar"))
                .isEqualTo("time");
        assertThat(FlowName.parse("emiliano.ar-time.flows.unix.ar").labels())
                .hasSize(5);
        assertThat(FlowName.parse("ksdj898.time.flows.unix.ar").isStrictSubdomainOf("unix.ar"))
                .isTrue();
    }

    @Test
    void suffixTrapsAreNotSubdomains() throws Exception {
        assertThat(FlowName.parse("x.flows.unix.ar.evil.com").isStrictSubdomainOf("flows.unix.ar"))
                .isFalse();
        assertThat(FlowName.parse("xflows.unix.ar").isStrictSubdomainOf("flows.unix.ar")).isFalse();
        assertThat(FlowName.parse("flows.unix.ar").isStrictSubdomainOf("flows.unix.ar")).isFalse();
        assertThat(FlowName.parse("a.flows.unix.ar").isStrictSubdomainOf("FLOWS.unix.ar."))
                .isTrue();
        assertThat(FlowName.parse("a.flows.unix.ar").isStrictSubdomainOf("bad_domain")).isFalse();
        assertThat(FlowName.parse("a.flows.unix.ar").isStrictSubdomainOf("")).isFalse();
    }

    @Test
    void relativeToRequiresTheNamespace() throws Exception {
        FlowName flow = FlowName.parse("a.flows.unix.ar");
        assertThat(flow.relativeTo("Flows.Unix.Ar.")).isEqualTo("a");
        assertThatThrownBy(() -> flow.relativeTo("a.flows.unix.ar"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> flow.relativeTo("other.ar"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void labelLengthLimitIs63() throws Exception {
        String l63 = "a".repeat(63);
        assertThat(FlowName.parse(l63 + ".com").labels().get(0)).hasSize(63);
        assertThatThrownBy(() -> FlowName.parse("a".repeat(64) + ".com"))
                .isInstanceOf(InvalidFlowNameException.class)
                .hasMessageContaining("longer than 63");
    }

    @Test
    void totalLengthLimitIs253WithoutTrailingDot() throws Exception {
        String n253 = name(253);
        assertThat(n253).hasSize(253);
        assertThat(FlowName.parse(n253).fqdn()).hasSize(253);
        assertThat(FlowName.parse(n253 + ".").fqdn()).hasSize(253);
        String n254 = name(254);
        assertThatThrownBy(() -> FlowName.parse(n254))
                .isInstanceOf(InvalidFlowNameException.class)
                .hasMessage("name is longer than 253 characters");
    }

    /** Labels of 63 separated by dots, topped up to exactly {@code length} characters. */
    private static String name(int length) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < length) {
            if (!sb.isEmpty()) {
                sb.append('.');
            }
            int label = Math.min(63, length - sb.length());
            if (label == 0) {
                throw new IllegalStateException();
            }
            sb.append("b".repeat(label));
        }
        return sb.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "com", "flow://", "flow://com", "a..b", ".a.b", "a.b..", "a b.c", "a_b.c", "-a.b",
        "a-.b", "ñ.com", "a.b/path", "a.b:9092", "flow://a.b:9092", "a.b?x", "a.b#f", "u@a.b",
        "http://a.b", "a.b\t", "\u212Aelvin.com"})
    void rejectsInvalidNames(String text) {
        assertThatThrownBy(() -> FlowName.parse(text)).isInstanceOf(InvalidFlowNameException.class);
    }

    @Test
    void reasonsAreHumanReadable() {
        assertThatThrownBy(() -> FlowName.parse("a_b.c"))
                .hasMessage("label 'a_b' contains a character other than letters, digits and hyphens");
        assertThatThrownBy(() -> FlowName.parse("a..b")).hasMessage("empty label in 'a..b'");
        assertThatThrownBy(() -> FlowName.parse("a.b:9092"))
                .hasMessage("a flow name must not contain a port");
        assertThatThrownBy(() -> FlowName.parse("flow://a.b/x"))
                .hasMessage("a flow name must not contain a path");
        assertThatThrownBy(() -> FlowName.parse("com"))
                .hasMessage("a flow name needs at least two labels");
        assertThatThrownBy(() -> FlowName.parse("http://a.b"))
                .hasMessage("only flow:// URIs name flows");
        assertThatThrownBy(() -> FlowName.parse("-a.b"))
                .hasMessage("label '-a' starts or ends with a hyphen");
    }

    @Test
    void reasonsQuoteOnlyAShortPartOfTheInput() {
        String label = "x".repeat(40) + "_";
        assertThatThrownBy(() -> FlowName.parse(label + ".com"))
                .hasMessage("label '" + "x".repeat(32) + "...' contains a character other than"
                        + " letters, digits and hyphens");
    }

    @Test
    void constructorValidates() {
        assertThatThrownBy(() -> new FlowName("Bad_Name"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid flow name: ");
        assertThatThrownBy(() -> new FlowName("single"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FlowName(null)).isInstanceOf(NullPointerException.class);
        assertThat(new FlowName("A.B.").fqdn()).isEqualTo("a.b");
    }

    @Test
    void ordersByFqdn() throws Exception {
        assertThat(FlowName.parse("b.x.y")).isGreaterThan(FlowName.parse("a.x.y"));
        assertThat(FlowName.parse("a.x.y").compareTo(FlowName.parse("A.X.Y"))).isZero();
    }
}
