package org.eson.gateway.users;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordHasherTest {

    private static final int FAST = 1000;

    @Test
    void roundTrip() {
        String encoded = PasswordHasher.hash("correct horse".toCharArray(), FAST);

        assertThat(PasswordHasher.verify("correct horse".toCharArray(), encoded)).isTrue();
        assertThat(PasswordHasher.verify("correct horsf".toCharArray(), encoded)).isFalse();
        assertThat(PasswordHasher.verify("".toCharArray(), encoded)).isFalse();
    }

    @Test
    void encodingIsSchemeIterationsSaltAndHash() {
        String encoded = PasswordHasher.hash("pw".toCharArray(), 1234);
        String[] parts = encoded.split(":");

        assertThat(parts).hasSize(4);
        assertThat(parts[0]).isEqualTo("pbkdf2-sha256");
        assertThat(parts[1]).isEqualTo("1234");
        assertThat(Base64.getDecoder().decode(parts[2])).hasSize(16);
        assertThat(Base64.getDecoder().decode(parts[3])).hasSize(32);
        assertThat(PasswordHasher.iterations(encoded)).isEqualTo(1234);
    }

    @Test
    void defaultIsSixHundredThousandIterations() {
        assertThat(PasswordHasher.DEFAULT_ITERATIONS).isEqualTo(600_000);
        // one slow hash, to prove the one-argument form really uses the default
        assertThat(PasswordHasher.iterations(PasswordHasher.hash("pw".toCharArray()))).isEqualTo(600_000);
    }

    @Test
    void saltMakesEveryHashDifferent() {
        assertThat(PasswordHasher.hash("pw".toCharArray(), FAST)).isNotEqualTo(PasswordHasher.hash("pw".toCharArray(), FAST));
    }

    @Test
    void interoperatesWithStandardPbkdf2() {
        // Computed independently with Python: hashlib.pbkdf2_hmac('sha256', b'passwd', b'saltsaltsaltsalt', 1000, 32),
        // so hashes made by other tools in this format verify here.
        String encoded = "pbkdf2-sha256:1000:" + Base64.getEncoder().encodeToString("saltsaltsaltsalt".getBytes())
                + ":n4PA7KayQ8H+KYljp2Dl/38BO3UhEmLfrgsulEpdxsE=";

        assertThat(PasswordHasher.verify("passwd".toCharArray(), encoded)).isTrue();
        assertThat(PasswordHasher.verify("passwD".toCharArray(), encoded)).isFalse();
    }

    @Test
    void refusesWeakOrEmptyInput() {
        assertThatThrownBy(() -> PasswordHasher.hash("pw".toCharArray(), 999))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("iteration count 999 is outside 1000..10000000 (recommended: 600000)");
        assertThatThrownBy(() -> PasswordHasher.hash(new char[0], FAST))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("password must not be empty");
    }

    @Test
    void malformedEncodingsAreExplained() {
        String salt = Base64.getEncoder().encodeToString(new byte[16]);
        String hash = Base64.getEncoder().encodeToString(new byte[32]);

        assertMalformed(null, "the hash is empty");
        assertMalformed("  ", "the hash is empty");
        assertMalformed("pbkdf2-sha256:1000:" + salt, "expected pbkdf2-sha256:<iterations>:<salt base64>:<hash base64>, got 3 ':'-separated fields");
        assertMalformed("bcrypt:1000:" + salt + ":" + hash, "unknown scheme 'bcrypt', expected 'pbkdf2-sha256'");
        assertMalformed("pbkdf2-sha256:many:" + salt + ":" + hash, "iteration count 'many' is not a number");
        assertMalformed("pbkdf2-sha256:10:" + salt + ":" + hash, "iteration count 10 is outside 1000..10000000 (recommended: 600000)");
        assertMalformed("pbkdf2-sha256:1000:!!!:" + hash, "salt is not valid base64");
        assertMalformed("pbkdf2-sha256:1000::" + hash, "salt is empty");
        assertMalformed("pbkdf2-sha256:1000:" + Base64.getEncoder().encodeToString(new byte[4]) + ":" + hash,
                "salt is 4 bytes, at least 8 are required");
        assertMalformed("pbkdf2-sha256:1000:" + salt + ":" + Base64.getEncoder().encodeToString(new byte[20]),
                "hash is 20 bytes, expected 32");
    }

    @Test
    void verifyRefusesMalformedEncodingsRatherThanAnsweringFalse() {
        assertThatThrownBy(() -> PasswordHasher.verify("pw".toCharArray(), "plain-text-by-mistake"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedMessagesDoNotEchoTheValue() {
        assertThatThrownBy(() -> PasswordHasher.checkFormat("my-long-secret-password-pasted-here"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("my-long-secret-password-pasted-here");
    }

    private static void assertMalformed(String encoded, String reason) {
        assertThatThrownBy(() -> PasswordHasher.checkFormat(encoded))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(reason);
    }
}
