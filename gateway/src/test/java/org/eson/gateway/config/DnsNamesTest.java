package org.eson.gateway.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DnsNamesTest {

    @Test
    void acceptsHostNames() {
        assertThat(DnsNames.isValid("fnaa.unix.ar")).isTrue();
        assertThat(DnsNames.isValid("FNAA.Unix.AR.")).isTrue();
        assertThat(DnsNames.isValid("localhost")).isTrue();
        assertThat(DnsNames.isValid("a-b.c1.d")).isTrue();
        assertThat(DnsNames.isValid("x".repeat(63) + ".org")).isTrue();
        assertThat(DnsNames.isValid(("x".repeat(63) + ".").repeat(3) + "x".repeat(61))).as("253 characters").isTrue();
    }

    @Test
    void refusesNonHostNames() {
        assertThat(DnsNames.isValid(null)).isFalse();
        assertThat(DnsNames.isValid("")).isFalse();
        assertThat(DnsNames.isValid(".")).isFalse();
        assertThat(DnsNames.isValid("a..b")).isFalse();
        assertThat(DnsNames.isValid("a.b..")).isFalse();
        assertThat(DnsNames.isValid(".a.b")).isFalse();
        assertThat(DnsNames.isValid("-a.b")).isFalse();
        assertThat(DnsNames.isValid("a-.b")).isFalse();
        assertThat(DnsNames.isValid("a_b.c")).isFalse();
        assertThat(DnsNames.isValid("a b.c")).isFalse();
        assertThat(DnsNames.isValid("x".repeat(64) + ".org")).isFalse();
        assertThat(DnsNames.isValid(("x".repeat(63) + ".").repeat(3) + "x".repeat(62))).as("254 characters").isFalse();
    }

    @Test
    void normalizesCaseAndTrailingDot() {
        assertThat(DnsNames.normalize(" Flows.Unix.AR. ")).isEqualTo("flows.unix.ar");
        assertThat(new NamespaceEntry("Flows.Unix.AR.", "o", "b", 1).name()).isEqualTo("flows.unix.ar");
    }
}
