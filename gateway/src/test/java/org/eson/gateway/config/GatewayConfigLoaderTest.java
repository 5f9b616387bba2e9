package org.eson.gateway.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eson.gateway.config.TestConfigs.HASH;
import static org.eson.gateway.config.TestConfigs.VALID;
import static org.eson.gateway.config.TestConfigs.load;

class GatewayConfigLoaderTest {

    @Test
    void devResourceLoadsWithDocumentedValues() {
        GatewayConfig config = GatewayConfigLoader.load(GatewayConfigLoader.read(Optional.empty()));

        assertThat(config.fqdn()).isEqualTo("fnaa.unix.ar");
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.development()).isTrue();
        assertThat(config.fnap()).isEqualTo(new ListenerSettings("127.0.0.1", 61000));
        assertThat(config.fnaps()).isEmpty();
        assertThat(config.http()).isEqualTo(new ListenerSettings("127.0.0.1", 61080));
        assertThat(config.sessions()).isEqualTo(new SessionSettings(1000, Duration.ofMinutes(5), 5));
        assertThat(config.users()).containsExactly(UserEntry.plaintext("test", "test"));
        assertThat(config.brokers()).containsExactly(new BrokerEntry("local", "memory", Map.of()));
        assertThat(config.namespaces()).containsExactly(new NamespaceEntry("flows.unix.ar", "test", "local", 10_000));
    }

    @Test
    void absentKeysTakeDefaults() {
        GatewayConfig config = load(VALID);

        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.development()).isFalse();
        assertThat(config.fnap()).isEqualTo(new ListenerSettings("127.0.0.1", 61000));
        assertThat(config.fnaps()).isEmpty();
        assertThat(config.http()).isEqualTo(new ListenerSettings("127.0.0.1", 61080));
        assertThat(config.sessions()).isEqualTo(SessionSettings.defaults());
        assertThat(config.sessions()).isEqualTo(new SessionSettings(1000, Duration.ofMinutes(5), 5));
        assertThat(config.namespaces().getFirst().maxFlows()).isEqualTo(10_000);
        assertThat(config.users()).containsExactly(UserEntry.hashed("alice", HASH));
    }

    @Test
    void sectionsWithSomeKeysDefaultTheOthers() {
        GatewayConfig config = load(VALID + """
                  fnap: { port: 0 }
                  http: { host: 0.0.0.0 }
                  sessions: { max: 3 }
                """);

        assertThat(config.fnap()).isEqualTo(new ListenerSettings("127.0.0.1", 0));
        assertThat(config.http()).isEqualTo(new ListenerSettings("0.0.0.0", 61080));
        assertThat(config.sessions()).isEqualTo(new SessionSettings(3, Duration.ofMinutes(5), 5));
    }

    @Test
    void durationsAcceptIsoAndShortForms() {
        assertThat(idleTimeout("PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThat(idleTimeout("pt90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(idleTimeout("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(idleTimeout("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(idleTimeout("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(idleTimeout("2h")).isEqualTo(Duration.ofHours(2));
    }

    private static Duration idleTimeout(String value) {
        return load(VALID + "  sessions: { idle-timeout: " + value + " }\n").sessions().idleTimeout();
    }

    @Test
    void namesAreNormalized() {
        GatewayConfig config = load(VALID
                .replace("fqdn: fnaa.example.org", "fqdn: FNAA.Example.org.")
                .replace("- name: flows.example.org", "- name: Flows.EXAMPLE.org."));

        assertThat(config.fqdn()).isEqualTo("fnaa.example.org");
        assertThat(config.namespaces().getFirst().name()).isEqualTo("flows.example.org");
        assertThat(config.namespace("FLOWS.example.org.")).isPresent();
    }

    @Test
    void brokerSettingsAreFlattenedToDottedKeys() {
        GatewayConfig config = load(VALID.replace("""
                    - name: local
                      type: memory
                """, """
                    - name: local
                      type: memory
                    - name: kafka
                      type: kafka
                      bootstrap.servers: [kafka-1:9092, kafka-2:9092]
                      security:
                        protocol: SASL_SSL
                      sasl:
                        mechanism: PLAIN
                        jaas:
                          config: "org.apache.kafka.common.security.plain.PlainLoginModule required password=s3cr3t;"
                      linger-ms: 5
                      listeners:
                        - { host: a, port: 1 }
                        - { host: b, port: 2 }
                """));

        BrokerEntry kafka = config.broker("kafka").orElseThrow();
        assertThat(kafka.type()).isEqualTo("kafka");
        assertThat(kafka.settings()).containsExactly(
                Map.entry("bootstrap.servers", "kafka-1:9092,kafka-2:9092"),
                Map.entry("linger-ms", "5"),
                Map.entry("listeners.0.host", "a"),
                Map.entry("listeners.0.port", "1"),
                Map.entry("listeners.1.host", "b"),
                Map.entry("listeners.1.port", "2"),
                Map.entry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required password=s3cr3t;"),
                Map.entry("sasl.mechanism", "PLAIN"),
                Map.entry("security.protocol", "SASL_SSL"));
        assertThat(config.broker("local").orElseThrow().settings()).isEmpty();
    }

    @Test
    void brokerToStringMasksSecrets() {
        BrokerEntry broker = new BrokerEntry("k", "kafka", Map.of(
                "sasl.jaas.config", "x password=hunter2;",
                "ssl.truststore.password", "hunter3",
                "oauth.client-secret", "hunter4",
                "api.token", "hunter5",
                "aws.credentials", "hunter6",
                "bootstrap.servers", "kafka:9092"));

        assertThat(broker.toString())
                .doesNotContain("hunter")
                .contains("bootstrap.servers=kafka:9092", "sasl.jaas.config=****", "ssl.truststore.password=****");
        assertThat(broker.settings()).containsEntry("api.token", "hunter5");
        assertThat(BrokerEntry.isSensitiveKey("SSL.KEY.PASSWORD")).isTrue();
        assertThat(BrokerEntry.isSensitiveKey("security.protocol")).isFalse();
    }

    @Test
    void userAndTlsToStringMaskSecrets() {
        UserEntry hashed = UserEntry.hashed("alice", HASH);
        UserEntry plain = UserEntry.plaintext("bob", "hunter2");
        TlsListenerSettings tls = new TlsListenerSettings("0.0.0.0", 61443, Path.of("k.p12"), "PKCS12",
                "storepass-hunter", "fnaa", "keypass-hunter");

        assertThat(hashed.toString()).contains("alice").doesNotContain(HASH).doesNotContain(HASH.substring(20));
        assertThat(plain.toString()).contains("bob").doesNotContain("hunter2");
        assertThat(tls.toString()).contains("k.p12", "fnaa", "61443").doesNotContain("hunter");
        GatewayConfig config = load(VALID);
        assertThat(config.toString()).doesNotContain(HASH);
    }

    @Test
    void readsAFileWhateverItsExtension(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("fnaad.conf");
        Files.writeString(file, VALID);

        GatewayConfig config = GatewayConfigLoader.load(GatewayConfigLoader.read(Optional.of(file)));

        assertThat(config.fqdn()).isEqualTo("fnaa.example.org");
    }

    @Test
    void missingFileIsAClearError(@TempDir Path dir) {
        Path file = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> GatewayConfigLoader.read(Optional.of(file)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("nope.yaml")
                .hasMessageContaining("does not exist");
    }

    @Test
    void malformedYamlIsAClearError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "fnaa:\n  fqdn: x.org\n  users:\n    - name: a\n      password: [hunter2\n");

        assertThatThrownBy(() -> GatewayConfigLoader.load(GatewayConfigLoader.read(Optional.of(file))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("cannot read configuration from " + file.toAbsolutePath() + ": YAML syntax error at line 6")
                .hasMessageContaining("started at line 5, column 17")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void noFnaaSection() {
        assertThat(TestConfigs.problems("other: 1\n")).containsExactly("the configuration has no 'fnaa' section");
    }

    @Test
    void exceptionMessageListsProblemsOnePerLine() {
        ConfigurationException e = new ConfigurationException(java.util.List.of("one", "two"));

        assertThat(e.getMessage()).isEqualTo("one\ntwo");
        assertThat(e.problems()).containsExactly("one", "two");
    }
}
