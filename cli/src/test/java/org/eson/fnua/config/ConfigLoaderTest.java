package org.eson.fnua.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    /** Section 7.3 of the thesis, byte for byte. */
    static final String THESIS_EXAMPLE = """
            agents:
            -
              name: fnaa-unix
              fqdn: fnaa.unix.ar
              username: test
              password: test
              prefix: unix.ar-
            -
              name: fnaa-emiliano
              fqdn: fnaa.emiliano.ar
              username: test
              password: test
              prefix: emiliano.ar-
            namespaces:
            -
              name: flows.unix.ar
              agent: fnaa-unix
            -
              name: flows.emiliano.ar
              agent: fnaa-emiliano
            """;

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private ConfigLoader loader() {
        return new ConfigLoader(warnings::add, dir);
    }

    private ConfigLocation location() {
        return ConfigLocation.explicit(dir.resolve("flow.yml"));
    }

    private FlowConfig parse(String yaml) throws ConfigException {
        return loader().parse(yaml, location());
    }

    private String error(String yaml) {
        try {
            parse(yaml);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a ConfigException for:\n" + yaml);
    }

    @Test
    void readsTheThesisExampleVerbatim() throws Exception {
        FlowConfig config = parse(THESIS_EXAMPLE);

        assertThat(config.agents()).hasSize(2);
        AgentConfig unix = config.agents().get(0);
        assertThat(unix.name()).isEqualTo("fnaa-unix");
        assertThat(unix.fqdn()).isEqualTo("fnaa.unix.ar");
        assertThat(unix.username()).isEqualTo("test");
        assertThat(unix.password()).isEqualTo(new PasswordSource.Inline("test"));
        assertThat(unix.prefix()).contains("unix.ar-");
        assertThat(unix.host()).isEmpty();
        assertThat(unix.port()).isEmpty();
        assertThat(unix.tls()).isFalse();
        assertThat(unix.hostOrFqdn()).isEqualTo("fnaa.unix.ar");
        assertThat(unix.portOrDefault()).isEqualTo(61000);
        assertThat(config.agents().get(1).name()).isEqualTo("fnaa-emiliano");

        assertThat(config.namespaces()).extracting(NamespaceConfig::name, NamespaceConfig::agent)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("flows.unix.ar", "fnaa-unix"),
                        org.assertj.core.groups.Tuple.tuple("flows.emiliano.ar", "fnaa-emiliano"));
        assertThat(config.namespacesOf("fnaa-unix")).containsExactly("flows.unix.ar");
    }

    @Test
    void readsTheOptionalEsonKeys() throws Exception {
        FlowConfig config = parse("""
                agents:
                - name: fnaa-unix
                  fqdn: FNAA.Unix.AR.
                  username: test
                  password-env: FNAA_PASSWORD
                  host: 127.0.0.1
                  port: 61001
                  tls: true
                namespaces:
                - name: Flows.Unix.AR
                  agent: fnaa-unix
                """);
        AgentConfig agent = config.agents().get(0);
        assertThat(agent.fqdn()).isEqualTo("fnaa.unix.ar");
        assertThat(agent.host()).contains("127.0.0.1");
        assertThat(agent.port()).isEqualTo(OptionalInt.of(61001));
        assertThat(agent.tls()).isTrue();
        assertThat(agent.prefix()).isEmpty();
        assertThat(agent.password()).isEqualTo(new PasswordSource.FromEnvironment("FNAA_PASSWORD"));
        assertThat(config.namespaces().get(0).name()).isEqualTo("flows.unix.ar");
    }

    @Test
    void readsNameServers() throws Exception {
        FlowConfig config = parse("""
                nameservers: ["127.0.0.1:61053", "10.0.0.53", "[::1]:5353"]
                agents:
                - {name: a, fqdn: fnaa.a.example, username: u, password: p}
                """);
        assertThat(config.nameservers()).extracting(Object::toString)
                .containsExactly("127.0.0.1:61053", "10.0.0.53:53", "[::1]:5353");
        assertThat(parse(THESIS_EXAMPLE).nameservers()).isEmpty();
        assertThat(error("""
                nameservers:
                - 127.0.0.1:99999
                agents:
                - {name: a, fqdn: fnaa.a.example, username: u, password: p}
                """)).startsWith("config file " + dir.resolve("flow.yml") + " line 2: "
                + "nameservers[0]: '127.0.0.1:99999' is not HOST or HOST:PORT: ");
    }

    @Test
    void namespacesAreOptional() throws Exception {
        FlowConfig config = parse("""
                agents:
                - {name: a, fqdn: fnaa.a.example, username: u, password: p}
                """);
        assertThat(config.namespaces()).isEmpty();
    }

    @Test
    void keepsValuesAsWrittenInsteadOfYamlTypes() throws Exception {
        // YAML 1.1 would read 0123 as the octal number 83 and "no" as false.
        FlowConfig config = parse("""
                agents:
                - name: a
                  fqdn: fnaa.a.example
                  username: no
                  password: 0123
                """);
        assertThat(config.agents().get(0).username()).isEqualTo("no");
        assertThat(config.agents().get(0).password()).isEqualTo(new PasswordSource.Inline("0123"));
    }

    @Test
    void passwordFileIsResolvedAgainstTheConfigDirectoryAndHome() throws Exception {
        FlowConfig config = parse("""
                agents:
                - {name: a, fqdn: fnaa.a.example, username: u, password-file: secrets/a}
                - {name: b, fqdn: fnaa.b.example, username: u, password-file: ~/b.pw}
                - {name: c, fqdn: fnaa.c.example, username: u, password-file: /etc/c.pw}
                """);
        assertThat(config.agents()).extracting(AgentConfig::password).containsExactly(
                new PasswordSource.FromFile(dir.resolve("secrets/a")),
                new PasswordSource.FromFile(dir.resolve("b.pw")),
                new PasswordSource.FromFile(Path.of("/etc/c.pw")));
    }

    @Test
    void errorsNameTheFileTheEntryAndTheKey() {
        String file = dir.resolve("flow.yml").toString();
        assertThat(error("""
                agents:
                - name: fnaa-unix
                  fqdn: fnaa.unix.ar
                  username: test
                  password: test
                  port: sixty
                """)).isEqualTo("config file " + file
                + " line 6: agents[0] 'fnaa-unix': key 'port': must be a number from 1 to 65535,"
                + " got 'sixty'");
        assertThat(error("""
                agents:
                - {name: a, fqdn: fnaa.a.example, username: u, password: p}
                - {name: b, fqdn: fnaa.b.example, password: p}
                """)).startsWith("config file " + file + " line 3: agents[1] 'b': key 'username': ")
                .endsWith("is missing");
        assertThat(error("""
                agents:
                - {name: a, fqdn: fnaa.a.example, username: u, password: p, tls: maybe}
                """)).contains("agents[0] 'a': key 'tls': must be true or false, got 'maybe'");
        assertThat(error("""
                agents:
                - {name: a, fqdn: fnaa_a.example, username: u, password: p}
                """)).contains("agents[0] 'a': key 'fqdn': 'fnaa_a.example' is not a valid DNS name");
        assertThat(error("""
                agents:
                - {fqdn: fnaa.a.example, username: u, password: p}
                """)).contains("agents[0]: key 'name': is missing");
        assertThat(error("""
                agents:
                - {name: a, fqdn: fnaa.a.example, username: u, password: p, port: 0}
                """)).contains("key 'port': must be a number from 1 to 65535, got '0'");
        assertThat(error("""
                agents:
                - {name: a, fqdn: fnaa.a.example, username: u, password: ""}
                """)).contains("agents[0] 'a': key 'password': must not be empty");
    }

    @Test
    void readsBrokerCredentialsForPublishAndTail() throws ConfigException {
        FlowConfig config = parse("""
                agents:
                - name: a
                  fqdn: fnaa.a.example
                  username: u
                  password: p
                  broker-credentials:
                    sasl.mechanism: PLAIN
                    security.protocol: SASL_SSL
                - {name: b, fqdn: fnaa.b.example, username: u, password: p}
                """);
        assertThat(config.agent("a").orElseThrow().brokerCredentials()).containsExactly(
                Map.entry("sasl.mechanism", "PLAIN"), Map.entry("security.protocol", "SASL_SSL"));
        assertThat(config.agent("b").orElseThrow().brokerCredentials()).isEmpty();
        assertThat(error("""
                agents:
                - {name: a, fqdn: fnaa.a.example, username: u, password: p, broker-credentials: x}
                """)).contains("broker-credentials").contains("must be a mapping");
    }

    @Test
    void rejectsUnknownKeysSoThatTyposDoNotFallBackToDefaults() {
        assertThat(error("""
                agents:
                - {name: a, fqdn: fnaa.a.example, username: u, password: p, prot: 61001}
                """)).contains("agents[0] 'a': key 'prot': is not a known key (known: broker-credentials, fqdn, host, ");
        assertThat(error("""
                agents:
                - {name: a, fqdn: fnaa.a.example, username: u, password: p}
                agent: x
                """)).contains("line 3: key 'agent': is not a known key");
    }

    @Test
    void rejectsPasswordsGivenTwiceOrNotAtAll() {
        assertThat(error("""
                agents:
                - {name: a, fqdn: fnaa.a.example, username: u}
                """)).contains("agents[0] 'a': key 'password': is missing (give one of password, "
                + "password-env, password-file)");
        assertThat(error("""
                agents:
                - {name: a, fqdn: fnaa.a.example, username: u, password: p, password-env: X}
                """)).contains("agents[0] 'a': key 'password-env': conflicts with 'password'");
    }

    @Test
    void checksReferencesAndDuplicates() {
        assertThat(error("""
                agents:
                - {name: a, fqdn: fnaa.a.example, username: u, password: p}
                namespaces:
                - {name: flows.a.example, agent: b}
                """)).contains("namespaces[0] 'flows.a.example': key 'agent': no agent named 'b'");
        assertThat(error("""
                agents:
                - {name: a, fqdn: fnaa.a.example, username: u, password: p}
                - {name: a, fqdn: fnaa.b.example, username: u, password: p}
                """)).contains("agents[1] 'a': key 'name': another agent is already named 'a'");
        assertThat(error("""
                agents:
                - {name: a, fqdn: fnaa.a.example, username: u, password: p}
                namespaces:
                - {name: flows.a.example, agent: a}
                - {name: FLOWS.a.example., agent: a}
                """)).contains("namespaces[1] 'FLOWS.a.example.': key 'name': namespace "
                + "'flows.a.example' is listed twice");
        assertThat(error("""
                agents:
                - name: a
                  name: b
                  fqdn: fnaa.a.example
                  username: u
                  password: p
                """)).contains("line 3: agents[0]: key 'name': appears twice");
        assertThat(error("""
                agents:
                - {name: a, fqdn: fnaa.a.example, username: u, password: p}
                namespaces:
                - {name: "flows a", agent: a}
                """)).contains("namespaces[0] 'flows a': key 'name': 'flows a' is not a valid DNS");
    }

    @Test
    void rejectsFilesOfTheWrongShape() {
        assertThat(error("")).endsWith(": is empty; it needs an 'agents:' list");
        assertThat(error("namespaces: []\n")).contains("key 'agents': is missing");
        assertThat(error("agents: []\n")).contains("key 'agents': lists no agents");
        assertThat(error("agents: fnaa-unix\n"))
                .contains("key 'agents': must be a list (entries starting with '-'), not a single value");
        assertThat(error("- a\n- b\n")).contains("must be a mapping of keys to values, not a list");
        assertThat(error("agents:\n- name: [a, b]\n"))
                .contains("agents[0]: key 'name': must be a single value, not a list");
        assertThat(error("agents:\n  - name: a\n bad: indentation\n"))
                .startsWith("config file " + dir.resolve("flow.yml") + " line ")
                .contains("is not valid YAML");
    }

    @Test
    void reportsAMissingDefaultFileWithAHint() {
        ConfigLocation def = ConfigLocation.defaultIn(dir);
        assertThatThrownBy(() -> loader().load(def)).isInstanceOf(ConfigException.class)
                .hasMessage("config file ~/.flow.yml not found (use --config)");
        ConfigLocation explicit = ConfigLocation.explicit(Path.of("missing.yml"));
        assertThatThrownBy(() -> loader().load(explicit)).isInstanceOf(ConfigException.class)
                .hasMessage("config file missing.yml not found");
        assertThatThrownBy(() -> loader().load(ConfigLocation.explicit(dir)))
                .hasMessage("config file " + dir + " is a directory");
    }

    @Test
    void warnsWhenAFileWithAPlainPasswordIsReadableByOthers() throws Exception {
        Path file = write("flow.yml", THESIS_EXAMPLE);
        assumeTrue(posix(file), "POSIX permissions only");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        loader().load(ConfigLocation.explicit(file));
        assertThat(warnings).containsExactly("warning: config file " + file + " (it holds a password) "
                + "is readable by group and others; restrict it with chmod 600");

        warnings.clear();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        loader().load(ConfigLocation.explicit(file));
        assertThat(warnings).singleElement().asString().contains("readable by group;");

        warnings.clear();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        loader().load(ConfigLocation.explicit(file));
        assertThat(warnings).isEmpty();
    }

    @Test
    void doesNotWarnWhenTheFileHoldsNoPassword() throws Exception {
        Path file = write("flow.yml", """
                agents:
                - {name: a, fqdn: fnaa.a.example, username: u, password-env: A_PASSWORD}
                """);
        assumeTrue(posix(file), "POSIX permissions only");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        FlowConfig config = loader().load(ConfigLocation.explicit(file));
        assertThat(config.agents()).hasSize(1);
        assertThat(warnings).isEmpty();
    }

    @Test
    void neverShowsAPasswordInToString() throws Exception {
        FlowConfig config = parse("""
                agents:
                - {name: a, fqdn: fnaa.a.example, username: u, password: hunter2-secret}
                """);
        assertThat(config.toString()).doesNotContain("hunter2-secret");
    }

    @Test
    void agentLookupByName() throws Exception {
        FlowConfig config = parse(THESIS_EXAMPLE);
        assertThat(config.agent("fnaa-emiliano")).map(AgentConfig::fqdn)
                .isEqualTo(Optional.of("fnaa.emiliano.ar"));
        assertThat(config.agent("nope")).isEmpty();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    static boolean posix(Path file) {
        return Files.getFileAttributeView(file, PosixFileAttributeView.class) != null;
    }
}
