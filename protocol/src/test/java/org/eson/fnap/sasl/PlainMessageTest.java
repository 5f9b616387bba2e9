package org.eson.fnap.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainMessageTest {

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void thesisExample() throws Exception {
        assertThat(PlainMessage.of("test", "test").encode()).isEqualTo("AHRlc3QAdGVzdA==");
        PlainMessage m = PlainMessage.decode("AHRlc3QAdGVzdA==");
        assertThat(m).isEqualTo(PlainMessage.of("test", "test"));
        assertThat(m.effectiveIdentity()).contains("test");
    }

    @Test
    void authzid() throws Exception {
        assertThat(PlainMessage.decode(b64("alice\0alice\0pw")).effectiveIdentity()).contains("alice");
        assertThat(PlainMessage.decode(b64("bob\0alice\0pw")).effectiveIdentity()).isEmpty();
        assertThat(PlainMessage.decode(b64("bob\0alice\0pw")).authzid()).contains("bob");
        assertThat(new PlainMessage(Optional.of(""), "a", "b").authzid()).isEmpty();
    }

    @Test
    void utf8Credentials() throws Exception {
        PlainMessage m = PlainMessage.of("jörg", "pässwörd€");
        assertThat(PlainMessage.decode(m.encode())).isEqualTo(m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "*", "not base64!", "AHRlc3Q=", "dGVzdAB0ZXN0"})
    void rejectsMalformed(String line) {
        assertThatThrownBy(() -> PlainMessage.decode(line)).isInstanceOf(InvalidPlainMessageException.class);
    }

    @Test
    void rejectsStructuralErrors() {
        for (String raw : new String[] {"\0\0pw", "\0user\0", "a\0b\0c\0d", "\0" + "u".repeat(256) + "\0p"}) {
            assertThatThrownBy(() -> PlainMessage.decode(b64(raw)))
                    .as(raw).isInstanceOf(InvalidPlainMessageException.class);
        }
        byte[] badUtf8 = {0, (byte) 0xC3, 0, 'p'};
        assertThatThrownBy(() -> PlainMessage.decode(Base64.getEncoder().encodeToString(badUtf8)))
                .isInstanceOf(InvalidPlainMessageException.class).hasMessage("not valid UTF-8");
        assertThatThrownBy(() -> PlainMessage.of("a\0b", "c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PlainMessage.of("", "c")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringMasksThePassword() {
        assertThat(PlainMessage.of("test", "s3cret").toString()).doesNotContain("s3cret").contains("test");
    }
}
