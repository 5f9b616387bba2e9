package org.eson.gateway.fns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BindKeyFileTest {

    private static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA==";

    @Test
    void readsTsigKeygenOutput() throws Exception {
        var key = BindKeyFile.parse("key \"eson-gateway\" {\n\talgorithm hmac-sha256;\n\tsecret \"" + SECRET + "\";\n};\n");
        assertThat(key.name()).isEqualTo("eson-gateway");
        assertThat(key.algorithm()).isEqualTo("hmac-sha256");
        assertThat(key.secret()).isEqualTo(SECRET);
        assertThat(key.toString()).doesNotContain(SECRET).contains("****");
    }

    @Test
    void toleratesCommentsWhitespaceAndTakesTheFirstOfSeveralKeys() throws Exception {
        var key = BindKeyFile.parse("""
                // written by tsig-keygen
                # another comment style
                /* a block
                   comment */ key   fnaa.unix.ar {algorithm HMAC-SHA512;   # trailing
                secret "%s"; /* inline */ };
                key "second" { algorithm hmac-sha1; secret "%s"; };
                """.formatted(SECRET, SECRET));
        assertThat(key.name()).isEqualTo("fnaa.unix.ar");
        assertThat(key.algorithm()).isEqualTo("hmac-sha512");
    }

    @Test
    void acceptsTheFourHmacs() throws Exception {
        for (String algorithm : new String[] {"hmac-sha1", "hmac-sha256", "hmac-sha384", "hmac-sha512"}) {
            assertThat(BindKeyFile.parse("key k { algorithm " + algorithm + "; secret \"" + SECRET + "\"; };").algorithm())
                    .isEqualTo(algorithm);
        }
    }

    @Test
    void refusesMd5WithAReason() {
        assertThatThrownBy(() -> BindKeyFile.parse("key k { algorithm hmac-md5; secret \"" + SECRET + "\"; };"))
                .hasMessageContaining("hmac-md5").hasMessageContaining("MD5 is broken").hasMessageNotContaining(SECRET);
    }

    @Test
    void refusesIncompleteOrBrokenFiles() {
        assertThatThrownBy(() -> BindKeyFile.parse("key k { algorithm hmac-sha256; };")).hasMessageContaining("has no secret");
        assertThatThrownBy(() -> BindKeyFile.parse("key k { secret \"" + SECRET + "\"; };")).hasMessageContaining("has no algorithm");
        assertThatThrownBy(() -> BindKeyFile.parse("// nothing here\n")).hasMessageContaining("no key clause");
        assertThatThrownBy(() -> BindKeyFile.parse("key k { algorithm hmac-sha256; secret \"not base64!\"; };"))
                .hasMessageContaining("not valid base64").hasMessageNotContaining("not base64!");
        assertThatThrownBy(() -> BindKeyFile.parse("key k { algorithm hmac-sha256; secret \"" + SECRET + "\";"))
                .hasMessageContaining("not closed");
        assertThatThrownBy(() -> BindKeyFile.parse("key k { algorithm hmac-sha224; secret \"" + SECRET + "\"; };"))
                .hasMessageContaining("supported");
        assertThatThrownBy(() -> BindKeyFile.parse("/* never closed")).hasMessageContaining("never closed");
    }
}
