package org.eson.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eson.gateway.config.TestConfigs.load;
import static org.eson.gateway.config.TestConfigs.problems;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fnaa.fns: defaults, zones, key files and every validation rule. */
class FnsConfigTest {

    private static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA==";

    @TempDir
    Path dir;

    private Path keyFile(String algorithm) throws Exception {
        Path file = dir.resolve("fnaa-" + algorithm + ".key");
        Files.writeString(file, "key \"fnaa\" {\n\talgorithm " + algorithm + ";\n\tsecret \"" + SECRET + "\";\n};\n");
        return file;
    }

    private static String withFns(String fns) {
        return TestConfigs.VALID + "  fns:\n" + fns.indent(4);
    }

    @Test
    void withoutAnFnsSectionTheEmbeddedServerIsUsed() {
        var fns = load(TestConfigs.VALID).fns();
        assertThat(fns.embeddedMode()).isTrue();
        assertThat(fns.embedded()).isEqualTo(new ListenerSettings("127.0.0.1", 61053));
        assertThat(fns.ttl()).hasSeconds(300);
        assertThat(fns.timeout()).hasSeconds(5);
        assertThat(fns.advertise()).isEqualTo(new FnsAdvertise("fnaa.example.org", 61000, false, 0, 0));
    }

    @Test
    void aSignedZone() throws Exception {
        var fns = load(withFns("""
                ttl: 875s
                timeout: 2s
                advertise: { host: gw.example.org, port: 65432, priority: 30, weight: 40 }
                zones:
                  - name: Example.Org.
                    nameserver: 192.0.2.53
                    port: 5353
                    key-file: %s
                embedded: { host: 127.0.0.1, port: 0 }
                """.formatted(keyFile("hmac-sha256")))).fns();
        assertThat(fns.ttl()).hasSeconds(875);
        assertThat(fns.advertise()).isEqualTo(new FnsAdvertise("gw.example.org", 65432, false, 30, 40));
        FnsZone zone = fns.zones().get(0);
        assertThat(zone.name()).isEqualTo("example.org");
        assertThat(zone.nameserver()).isEqualTo("192.0.2.53");
        assertThat(zone.port()).isEqualTo(5353);
        assertThat(zone.key().orElseThrow().name()).isEqualTo("fnaa");
        assertThat(zone.unsigned()).isFalse();
        assertThat(zone.toString()).doesNotContain(SECRET);
        assertThat(load(withFns("zones: [{ name: example.org, key-file: %s }]".formatted(keyFile("hmac-sha512"))))
                .toString()).doesNotContain(SECRET);
    }

    @Test
    void aZoneWithoutKeyNeedsUnsignedAndDevelopment() throws Exception {
        assertThat(problems(withFns("zones: [{ name: example.org }]")))
                .contains("zone example.org has no key-file; unsigned updates need unsigned: true and fnaa.development: true");
        assertThat(problems(withFns("zones: [{ name: example.org, unsigned: true }]")))
                .contains("zone example.org: unsigned: true is only allowed with fnaa.development: true");
        var dev = TestConfigs.VALID.replace("fnaa:\n", "fnaa:\n  development: true\n")
                + "  fns:\n    zones: [{ name: example.org, unsigned: true }]\n";
        assertThat(load(dev).fns().zones().get(0).key()).isEqualTo(Optional.empty());
        assertThat(problems(withFns("zones: [{ name: example.org, unsigned: true, key-file: %s }]"
                .formatted(keyFile("hmac-sha256"))))).anyMatch(p -> p.contains("both key-file and unsigned"));
    }

    @Test
    void keyFilesAreReadAtLoad() throws Exception {
        assertThat(problems(withFns("zones: [{ name: example.org, key-file: %s }]".formatted(dir.resolve("missing.key")))))
                .anyMatch(p -> p.startsWith("zone example.org: key-file ") && p.endsWith("does not exist"));
        assertThat(problems(withFns("zones: [{ name: example.org, key-file: %s }]".formatted(keyFile("hmac-md5")))))
                .anyMatch(p -> p.contains("hmac-md5") && !p.contains(SECRET));
        Path noSecret = dir.resolve("nosecret.key");
        Files.writeString(noSecret, "key k { algorithm hmac-sha256; };");
        assertThat(problems(withFns("zones: [{ name: example.org, key-file: %s }]".formatted(noSecret))))
                .anyMatch(p -> p.contains("has no secret"));
    }

    @Test
    void everyNamespaceMustLieInAZone() throws Exception {
        assertThat(problems(withFns("zones: [{ name: other.org, key-file: %s }]".formatted(keyFile("hmac-sha256")))))
                .anyMatch(p -> p.contains("namespaces in no configured zone: flows.example.org"));
        // a label-wise suffix only: ample.org does not cover flows.example.org
        assertThat(problems(withFns("zones: [{ name: ample.org, key-file: %s }]".formatted(keyFile("hmac-sha256")))))
                .anyMatch(p -> p.contains("flows.example.org"));
    }

    @Test
    void allProblemsAreListedTogether() throws Exception {
        var found = problems(withFns("""
                ttl: 0s
                timeout: -1s
                advertise: { host: "bad_host", port: 70000, tls: true, priority: -1, weight: 65536 }
                zones:
                  - name: "bad_zone"
                  - nameserver: 127.0.0.1
                  - name: example.org
                    key-file: %s
                  - name: example.org
                    key-file: %s
                    port: 0
                """.formatted(keyFile("hmac-sha256"), keyFile("hmac-sha256"))));
        assertThat(found).anyMatch(p -> p.startsWith("fnaa.fns.ttl"))
                .anyMatch(p -> p.startsWith("fnaa.fns.timeout"))
                .anyMatch(p -> p.startsWith("fnaa.fns.advertise.host"))
                .anyMatch(p -> p.startsWith("fnaa.fns.advertise.port"))
                .anyMatch(p -> p.startsWith("fnaa.fns.advertise.priority"))
                .anyMatch(p -> p.startsWith("fnaa.fns.advertise.weight"))
                .anyMatch(p -> p.startsWith("zone bad_zone is not a DNS name"))
                .anyMatch(p -> p.equals("fnaa.fns.zones[1]: name is missing"))
                .anyMatch(p -> p.contains("zone example.org is defined more than once"))
                .anyMatch(p -> p.contains("port must be the name server's port"));
    }

    @Test
    void tlsAdvertisementNeedsATlsListener() {
        assertThat(problems(withFns("advertise: { tls: true }")))
                .anyMatch(p -> p.startsWith("fnaa.fns.advertise.tls is true but port 61000 is the plaintext fnaa.fnap listener"));
    }

    @Test
    void theEmbeddedPortMustNotClash() {
        assertThat(problems(withFns("embedded: { port: 61000 }")))
                .contains("fnaa.fns.embedded.port 61000 is already used by fnaa.fnap");
    }

    @Test
    void theBundledDevelopmentFileRunsTheEmbeddedServerOn61053() {
        var config = GatewayConfigLoader.load(TestConfigs.yaml(readDevResource()));
        assertThat(config.fns().embeddedMode()).isTrue();
        assertThat(config.fns().embedded()).isEqualTo(new ListenerSettings("127.0.0.1", 61053));
        assertThat(config.fns().advertise().host()).isEqualTo("fnaa.unix.ar");
        assertThat(config.fns().advertise().port()).isEqualTo(61000);
    }

    private static String readDevResource() {
        try (var in = GatewayConfigLoader.class.getClassLoader().getResourceAsStream(GatewayConfigLoader.DEV_RESOURCE)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
