package org.eson.gateway.config;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eson.gateway.config.TestConfigs.HASH;
import static org.eson.gateway.config.TestConfigs.VALID;
import static org.eson.gateway.config.TestConfigs.problems;

/** One test per validation rule, then one configuration breaking many rules at once. */
class ValidationTest {

    @Test
    void validConfigurationHasNoProblems() {
        assertThat(TestConfigs.load(VALID).fqdn()).isEqualTo("fnaa.example.org");
    }

    @Test
    void fqdnMissing() {
        assertThat(problems(VALID.replace("  fqdn: fnaa.example.org\n", "")))
                .containsExactly("fnaa.fqdn is missing: set it to the gateway's DNS name, e.g. fnaa.example.org");
    }

    @Test
    void fqdnNotADnsName() {
        for (String bad : List.of("fnaa_x.example.org", "-fnaa.example.org", "fnaa-.example.org", "a..b",
                "x".repeat(64) + ".org", ("abcdefghi.").repeat(26) + "org", "\"fnaa example\"")) {
            assertThat(problems(VALID.replace("fqdn: fnaa.example.org", "fqdn: " + bad)))
                    .as(bad)
                    .singleElement().asString()
                    .startsWith("fnaa.fqdn '")
                    .contains("is not a DNS name");
        }
    }

    @Test
    void portOutOfRange() {
        assertThat(problems(VALID + "  fnap: { port: 65536 }\n  http: { port: -1 }\n")).containsExactly(
                "fnaa.fnap.port must be between 0 and 65535 (0 picks a free port), got 65536",
                "fnaa.http.port must be between 0 and 65535 (0 picks a free port), got -1");
    }

    @Test
    void portNotANumber() {
        assertThat(problems(VALID + "  fnap: { port: sixty }\n"))
                .containsExactly("fnaa.fnap.port must be an integer, got 'sixty'");
    }

    @Test
    void listenersOnTheSamePort() {
        assertThat(problems(VALID + "  fnap: { port: 7000 }\n  http: { host: 0.0.0.0, port: 7000 }\n"))
                .containsExactly("fnaa.http.port 7000 is already used by fnaa.fnap on 127.0.0.1");
        // port 0 means "any free port", never a clash
        assertThat(TestConfigs.load(VALID + "  fnap: { port: 0 }\n  http: { port: 0 }\n").http().port()).isZero();
    }

    @Test
    void duplicateUser() {
        assertThat(problems(VALID.replace("  brokers:",
                "    - name: alice\n      password-hash: \"" + HASH + "\"\n  brokers:")))
                .containsExactly("fnaa.users: user 'alice' is defined more than once");
    }

    @Test
    void duplicateBroker() {
        assertThat(problems(VALID.replace("  namespaces:",
                "    - name: local\n      type: memory\n  namespaces:")))
                .containsExactly("fnaa.brokers: broker 'local' is defined more than once");
    }

    @Test
    void duplicateNamespaceAfterNormalization() {
        assertThat(problems(VALID + """
                    - name: FLOWS.example.org.
                      owner: alice
                      broker: local
                """))
                .containsExactly("fnaa.namespaces: namespace 'flows.example.org' is defined more than once");
    }

    @Test
    void userWithoutPassword() {
        assertThat(problems(VALID.replace("      password-hash: \"" + HASH + "\"\n", "")))
                .containsExactly("user 'alice' has no password: set password-hash (generate it with 'fnaad hash-password')");
    }

    @Test
    void userWithBothPasswords() {
        assertThat(problems(VALID.replace("      password-hash:", "      password: x\n      password-hash:")
                .replace("fnaa:\n", "fnaa:\n  development: true\n")))
                .containsExactly("user 'alice' has both password and password-hash: keep only password-hash");
    }

    @Test
    void userWithoutName() {
        assertThat(problems(VALID.replace("    - name: alice\n      password-hash:", "    - password-hash:")))
                .containsExactly("fnaa.users[0]: name is missing",
                        "namespace 'flows.example.org' has owner 'alice', who is not a configured user");
    }

    @Test
    void plaintextPasswordOutsideDevelopment() {
        String plain = VALID.replace("      password-hash: \"" + HASH + "\"", "      password: secret");

        assertThat(problems(plain))
                .containsExactly("plaintext password for user 'alice' is only allowed with fnaa.development: true");
        assertThat(problems(plain.replace("fnaa:\n", "fnaa:\n  development: false\n")))
                .containsExactly("plaintext password for user 'alice' is only allowed with fnaa.development: true");
        GatewayConfig dev = TestConfigs.load(plain.replace("fnaa:\n", "fnaa:\n  development: true\n"));
        assertThat(dev.users()).containsExactly(UserEntry.plaintext("alice", "secret"));
    }

    @Test
    void malformedPasswordHash() {
        assertThat(problems(VALID.replace(HASH, "sha1:1000:abc:def")))
                .singleElement().asString()
                .startsWith("password-hash of user 'alice' is malformed: unknown scheme 'sha1'");
        assertThat(problems(VALID.replace(HASH, HASH.replace(":1000:", ":10:"))))
                .singleElement().asString()
                .startsWith("password-hash of user 'alice' is malformed: iteration count 10 is outside");
    }

    @Test
    void namespaceOwnerNotAUser() {
        assertThat(problems(VALID.replace("owner: alice", "owner: bob")))
                .containsExactly("namespace 'flows.example.org' has owner 'bob', who is not a configured user");
    }

    @Test
    void namespaceBrokerNotABroker() {
        assertThat(problems(VALID.replace("broker: local", "broker: kafka")))
                .containsExactly("namespace 'flows.example.org' has broker 'kafka', which is not a configured broker");
    }

    @Test
    void namespaceWithoutOwnerOrBroker() {
        assertThat(problems(VALID.replace("      owner: alice\n", "").replace("      broker: local\n", "")))
                .containsExactly("namespace 'flows.example.org' has no owner",
                        "namespace 'flows.example.org' has no broker");
    }

    @Test
    void namespaceNameNotADnsName() {
        assertThat(problems(VALID.replace("- name: flows.example.org", "- name: flows_example.org")))
                .singleElement().asString()
                .startsWith("namespace 'flows_example.org' is not a DNS name");
    }

    @Test
    void brokerWithoutType() {
        assertThat(problems(VALID.replace("      type: memory\n", "")))
                .containsExactly("broker 'local' has no type (e.g. type: memory)");
    }

    @Test
    void maxFlowsBelowOne() {
        assertThat(problems(VALID + "      max-flows: 0\n"))
                .containsExactly("namespace 'flows.example.org': max-flows must be at least 1, got 0");
    }

    @Test
    void maxSessionsBelowOne() {
        assertThat(problems(VALID + "  sessions: { max: 0 }\n"))
                .containsExactly("fnaa.sessions.max must be at least 1, got 0");
    }

    @Test
    void sessionTimingsOutOfRange() {
        assertThat(problems(VALID + "  sessions: { idle-timeout: soon, max-auth-failures: 0 }\n")).containsExactly(
                "fnaa.sessions.idle-timeout must be a duration such as PT5M, 30s, 5m or 500ms, got 'soon'",
                "fnaa.sessions.max-auth-failures must be at least 1, got 0");
        assertThat(problems(VALID + "  sessions: { idle-timeout: 0s }\n"))
                .containsExactly("fnaa.sessions.idle-timeout must be positive, got PT0S");
    }

    @Test
    void developmentMustBeABoolean() {
        assertThat(problems(VALID + "  development: maybe\n"))
                .containsExactly("fnaa.development must be true or false, got 'maybe'");
    }

    @Test
    void wrongShapes() {
        assertThat(problems(VALID.replace("fqdn: fnaa.example.org", "fqdn: fnaa.example.org\n  fnap: 61000")
                .replace("  brokers:\n    - name: local\n      type: memory\n", "  brokers: { name: local }\n")))
                .contains("fnaa.fnap must be a section of keys, not a single value",
                        "fnaa.brokers must be a list (entries starting with '-')");
        assertThat(problems(VALID.replace("  users:\n    - name: alice\n      password-hash: \"" + HASH + "\"\n",
                "  users: alice\n")))
                .containsExactly("fnaa.users must be a list (entries starting with '-')",
                        "namespace 'flows.example.org' has owner 'alice', who is not a configured user");
        assertThat(problems(VALID.replace("    - name: alice\n      password-hash: \"" + HASH + "\"\n", "    - alice\n")))
                .contains("fnaa.users.0 must be a section of keys, not a single value");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String broken = """
                fnaa:
                  fqdn: not_a_name
                  development: false
                  fnap: { port: 70000 }
                  http: { port: 99999 }
                  sessions: { max: 0 }
                  fnaps: { keystore: { path: /nonexistent/fnaa.p12 } }
                  users:
                    - name: alice
                      password: a
                    - name: alice
                      password-hash: "%1$s"
                    - name: bob
                    - name: carol
                      password: c
                      password-hash: "%1$s"
                    - name: dave
                      password-hash: "md5:1:x:y"
                  brokers:
                    - name: local
                    - name: local
                      type: memory
                  namespaces:
                    - name: -bad-.org
                      owner: zed
                      broker: nowhere
                      max-flows: 0
                    - name: ok.example.org
                      owner: bob
                      broker: local
                    - name: ok.example.org
                      owner: bob
                      broker: local
                """.formatted(HASH);

        List<String> problems = problems(broken);

        assertThat(problems).containsExactlyInAnyOrder(
                "fnaa.fqdn 'not_a_name' is not a DNS name (dot-separated labels of 1-63 letters, digits or hyphens, "
                        + "no label starting or ending with a hyphen, at most 253 characters)",
                "fnaa.fnap.port must be between 0 and 65535 (0 picks a free port), got 70000",
                "fnaa.http.port must be between 0 and 65535 (0 picks a free port), got 99999",
                "fnaa.fnaps.keystore.path: keystore file /nonexistent/fnaa.p12 does not exist",
                "fnaa.fnaps.keystore.key-alias is missing: name the keystore entry holding the gateway's key",
                "fnaa.fnaps.keystore.password is missing",
                "fnaa.sessions.max must be at least 1, got 0",
                "plaintext password for user 'alice' is only allowed with fnaa.development: true",
                "user 'bob' has no password: set password-hash (generate it with 'fnaad hash-password')",
                "user 'carol' has both password and password-hash: keep only password-hash",
                "password-hash of user 'dave' is malformed: unknown scheme 'md5', expected 'pbkdf2-sha256'",
                "fnaa.users: user 'alice' is defined more than once",
                "broker 'local' has no type (e.g. type: memory)",
                "fnaa.brokers: broker 'local' is defined more than once",
                "namespace '-bad-.org' is not a DNS name (dot-separated labels of 1-63 letters, digits or hyphens, "
                        + "no label starting or ending with a hyphen, at most 253 characters)",
                "namespace '-bad-.org' has owner 'zed', who is not a configured user",
                "namespace '-bad-.org' has broker 'nowhere', which is not a configured broker",
                "namespace '-bad-.org': max-flows must be at least 1, got 0",
                "fnaa.namespaces: namespace 'ok.example.org' is defined more than once");
    }
}
