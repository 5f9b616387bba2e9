package org.eson.fnap.name;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DomainNamesTest {

    @Test
    void normalizesCaseAndTrailingDot() throws Exception {
        assertThat(DomainNames.normalize("Flows.UNIX.ar.")).isEqualTo("flows.unix.ar");
        assertThat(DomainNames.normalize("localhost")).isEqualTo("localhost");
        assertThat(DomainNames.normalize("xn--bcher-kva.example")).isEqualTo("xn--bcher-kva.example");
        assertThat(DomainNames.normalize("123.example")).isEqualTo("123.example");
    }

    @Test
    void rejectsWithClearReasons() {
        assertThatThrownBy(() -> DomainNames.normalize(null)).hasMessage("name is empty");
        assertThatThrownBy(() -> DomainNames.normalize(".")).hasMessage("name is empty");
        assertThatThrownBy(() -> DomainNames.normalize("a..")).hasMessage("empty label in 'a.'");
        assertThatThrownBy(() -> DomainNames.normalize("a b"))
                .hasMessage("label 'a b' contains a character other than letters, digits and hyphens");
        assertThatThrownBy(() -> DomainNames.normalize("bücher.de"))
                .hasMessageContaining("other than letters, digits and hyphens");
        assertThat(DomainNames.isValid("a.b")).isTrue();
        assertThat(DomainNames.isValid("a_b")).isFalse();
    }
}
