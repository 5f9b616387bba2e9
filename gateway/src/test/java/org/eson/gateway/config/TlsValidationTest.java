package org.eson.gateway.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.eson.gateway.config.TestConfigs.VALID;
import static org.eson.gateway.config.TestConfigs.problems;

class TlsValidationTest {

    @TempDir
    static Path dir;

    static Path keystore;

    /** A real PKCS12 key pair made by the JDK's keytool, as an operator would make one. */
    @BeforeAll
    static void createKeystore() throws Exception {
        keystore = dir.resolve("fnaa.p12");
        Process keytool = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "fnaa", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=fnaa.example.org", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
    }

    private static String fnaps(String keystoreYaml) {
        return VALID + "  fnaps:\n    host: 0.0.0.0\n    port: 0\n    keystore:\n" + keystoreYaml;
    }

    @Test
    void validKeystoreIsAccepted() {
        GatewayConfig config = TestConfigs.load(fnaps("""
                      path: %s
                      password: changeit
                      key-alias: fnaa
                """.formatted(keystore)));

        TlsListenerSettings tls = config.fnaps().orElseThrow();
        assertThat(tls.host()).isEqualTo("0.0.0.0");
        assertThat(tls.port()).isZero();
        assertThat(tls.keystore()).isEqualTo(keystore);
        assertThat(tls.keystoreType()).isEqualTo("PKCS12");
        assertThat(tls.keyAlias()).isEqualTo("fnaa");
        assertThat(tls.keyPassword()).as("defaults to the keystore password").isEqualTo("changeit");
    }

    @Test
    void defaultPortIs61443() {
        GatewayConfig config = TestConfigs.load(VALID + "  fnaps:\n    keystore:\n"
                + "      path: " + keystore + "\n      password: changeit\n      key-alias: fnaa\n");

        assertThat(config.fnaps().orElseThrow().listener()).isEqualTo(new ListenerSettings("127.0.0.1", 61443));
    }

    @Test
    void missingKeystoreFile() {
        Path missing = dir.resolve("missing.p12");

        assertThat(problems(fnaps("      path: " + missing + "\n      password: x\n      key-alias: fnaa\n")))
                .containsExactly("fnaa.fnaps.keystore.path: keystore file " + missing + " does not exist");
    }

    @Test
    void unreadableKeystoreFile() throws Exception {
        Path locked = dir.resolve("locked.p12");
        Files.copy(keystore, locked);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        assumeThat(Files.isReadable(locked)).as("running as root, permissions do not bite").isFalse();

        assertThat(problems(fnaps("      path: " + locked + "\n      password: changeit\n      key-alias: fnaa\n")))
                .containsExactly("fnaa.fnaps.keystore.path: keystore file " + locked + " is not readable");
    }

    @Test
    void notAKeystore() throws Exception {
        Path garbage = dir.resolve("garbage.p12");
        Files.writeString(garbage, "not a keystore");

        assertThat(problems(fnaps("      path: " + garbage + "\n      password: changeit\n      key-alias: fnaa\n")))
                .singleElement().asString()
                .startsWith("fnaa.fnaps.keystore: cannot open " + garbage + " as a PKCS12 keystore");
    }

    @Test
    void wrongKeystorePassword() {
        List<String> problems = problems(fnaps("      path: " + keystore + "\n      password: wrong\n      key-alias: fnaa\n"));

        assertThat(problems).singleElement().asString()
                .startsWith("fnaa.fnaps.keystore: cannot open " + keystore + " as a PKCS12 keystore")
                .doesNotContain("wrong");
    }

    @Test
    void missingKeyAlias() {
        assertThat(problems(fnaps("      path: " + keystore + "\n      password: changeit\n")))
                .containsExactly("fnaa.fnaps.keystore.key-alias is missing: name the keystore entry holding the gateway's key");
    }

    @Test
    void unknownKeyAlias() {
        assertThat(problems(fnaps("      path: " + keystore + "\n      password: changeit\n      key-alias: other\n")))
                .containsExactly("fnaa.fnaps.keystore.key-alias: keystore " + keystore + " has no key entry 'other' (entries: fnaa)");
    }

    @Test
    void missingPassword() {
        assertThat(problems(fnaps("      path: " + keystore + "\n      key-alias: fnaa\n")))
                .containsExactly("fnaa.fnaps.keystore.password is missing");
    }

    @Test
    void wrongKeyPassword() {
        assertThat(problems(fnaps("      path: " + keystore
                + "\n      password: changeit\n      key-alias: fnaa\n      key-password: wrong\n")))
                .containsExactly("fnaa.fnaps.keystore.key-password does not unlock key 'fnaa' in " + keystore);
    }

    @Test
    void missingKeystoreSection() {
        assertThat(problems(VALID + "  fnaps: { port: 61443 }\n"))
                .containsExactly("fnaa.fnaps.keystore is missing: the TLS listener needs path, password and key-alias");
    }

    @Test
    void passwordsStayOutOfToString() {
        GatewayConfig config = TestConfigs.load(fnaps("      path: " + keystore
                + "\n      password: changeit\n      key-alias: fnaa\n"));

        assertThat(config.toString()).doesNotContain("changeit");
    }
}
