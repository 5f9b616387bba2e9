package org.eson.gateway.users;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HashPasswordCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        return HashPasswordCommand.run(args, null,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void hashesOneLineOfStdin() {
        int exit = run("s3cret pass\nignored second line\n", "--iterations", "1000");

        assertThat(exit).as(err()).isZero();
        String hash = out().strip();
        assertThat(out()).endsWith(System.lineSeparator()).doesNotContain("s3cret");
        assertThat(hash).startsWith("pbkdf2-sha256:1000:");
        assertThat(PasswordHasher.verify("s3cret pass".toCharArray(), hash)).isTrue();
        assertThat(err()).contains("below the recommended 600000");
    }

    @Test
    void acceptsEqualsFormAndWindowsLineEndingsAndNonAscii() {
        assertThat(run("contraseña\r\n", "--iterations=2000")).as(err()).isZero();

        String hash = out().strip();
        assertThat(PasswordHasher.iterations(hash)).isEqualTo(2000);
        assertThat(PasswordHasher.verify("contraseña".toCharArray(), hash)).isTrue();
    }

    @Test
    void lastLineWithoutNewlineCounts() {
        assertThat(run("pw", "--iterations", "1000")).isZero();

        assertThat(PasswordHasher.verify("pw".toCharArray(), out().strip())).isTrue();
    }

    @Test
    void emptyStdinFails() {
        assertThat(run("", "--iterations", "1000")).isEqualTo(HashPasswordCommand.EXIT_FAILED);
        assertThat(err()).contains("no password on standard input");
        assertThat(out()).isEmpty();
    }

    @Test
    void emptyLineFails() {
        assertThat(run("\n", "--iterations", "1000")).isEqualTo(HashPasswordCommand.EXIT_FAILED);
        assertThat(err()).contains("the password is empty");
    }

    @Test
    void overlongInputFails() {
        assertThat(run("x".repeat(5000) + "\n", "--iterations", "1000")).isEqualTo(HashPasswordCommand.EXIT_FAILED);
        assertThat(err()).contains("longer than 1024 characters");
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThat(run("pw\n", "--iterations")).isEqualTo(HashPasswordCommand.EXIT_USAGE);
        assertThat(run("pw\n", "--iterations", "lots")).isEqualTo(HashPasswordCommand.EXIT_USAGE);
        assertThat(run("pw\n", "--iterations", "10")).isEqualTo(HashPasswordCommand.EXIT_USAGE);
        assertThat(run("pw\n", "--verbose")).isEqualTo(HashPasswordCommand.EXIT_USAGE);
        assertThat(err()).contains("--iterations needs a number", "between 1000 and 10000000",
                "unknown argument '--verbose'", "usage: fnaad hash-password");
        assertThat(out()).isEmpty();
    }

    @Test
    void helpPrintsUsage() {
        assertThat(run("", "--help")).isZero();
        assertThat(out()).contains("usage: fnaad hash-password [--iterations N]", "600000");
    }
}
