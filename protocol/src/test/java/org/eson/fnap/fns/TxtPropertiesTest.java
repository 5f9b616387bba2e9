package org.eson.fnap.fns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;

class TxtPropertiesTest {

    private static TXTRecord txt(String... strings) {
        return new TXTRecord(Name.fromConstantString("q.example."), DClass.IN, 60, List.of(strings));
    }

    @Test
    void rfc6763Rules() {
        Map<String, String> p = TxtProperties.parse(List.of(
                txt("broker-type=kafka", "tls", "topic=a=b", "Key=first", "KEY=second", "=nokey", "",
                        "v="),
                txt("extra=1")));
        assertThat(p).containsExactly(entry("broker-type", "kafka"), entry("tls", ""),
                entry("topic", "a=b"), entry("key", "first"), entry("v", ""), entry("extra", "1"));
    }

    @Test
    void utf8Values() {
        assertThat(TxtProperties.parse(List.of(txt("note=caf\u00e9"))))
                .containsEntry("note", "caf\u00e9");
    }

    @Test
    void flags() {
        assertThat(TxtProperties.flag(Map.of("tls", ""), "tls")).isTrue();
        assertThat(TxtProperties.flag(Map.of("tls", "true"), "tls")).isTrue();
        assertThat(TxtProperties.flag(Map.of("tls", "FALSE"), "tls")).isFalse();
        assertThat(TxtProperties.flag(Map.of("tls", "0"), "tls")).isFalse();
        assertThat(TxtProperties.flag(Map.of(), "tls")).isFalse();
    }
}
