package org.eson.gateway.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eson.gateway.testing.ChildJvm;
import org.eson.gateway.users.PasswordHasher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves, with real environment variables in a child JVM, how Helidon 4.5 maps them to keys and
 * that they outrank system properties, which outrank the file.
 */
class EnvironmentOverrideTest {

    /** Defines fnap, sessions and a user, but no http section. */
    private static final String FILE = """
            fnaa:
              fqdn: file.example.org
              data-dir: ./from-file
              fnap: { host: 127.0.0.1, port: 61000 }
              sessions: { idle-timeout: PT5M }
              users:
                - name: alice
                  password-hash: "%s"
              brokers:
                - name: local
                  type: memory
                  sasl: { password: placeholder }
              namespaces:
                - name: flows.example.org
                  owner: alice
                  broker: local
            """.formatted(TestConfigs.HASH);

    @TempDir
    Path dir;

    private Map<String, String> probe(List<String> jvmArgs, Map<String, String> env) throws Exception {
        return probe(FILE, jvmArgs, env);
    }

    private Map<String, String> probe(String yaml, List<String> jvmArgs, Map<String, String> env) throws Exception {
        Path file = dir.resolve("fnaad.yaml");
        Files.writeString(file, yaml);
        ChildJvm.Result result = ChildJvm.run(EnvProbe.class, jvmArgs, env, file.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        var values = new java.util.HashMap<String, String>();
        result.output().lines().filter(l -> l.contains("=") && !l.startsWith("WARN")).forEach(l -> {
            int eq = l.indexOf('=');
            values.put(l.substring(0, eq), l.substring(eq + 1));
        });
        return values;
    }

    @Test
    void withoutOverridesTheFileWins() throws Exception {
        Map<String, String> values = probe(List.of(), Map.of());

        assertThat(values).containsEntry("fqdn", "file.example.org")
                .containsEntry("data-dir", "./from-file")
                .containsEntry("fnap.port", "61000")
                .containsEntry("http.port", "61080");
    }

    @Test
    void upperCaseUnderscoresAndDashSpellingsOverrideKeys() throws Exception {
        String otherHash = PasswordHasher.hash("other".toCharArray(), 1000);

        Map<String, String> values = probe(List.of(), Map.of(
                "FNAA_FNAP_PORT", "62001",                           // fnaa.fnap.port
                "FNAA_DATA_DASH_DIR", "/env/dash",                   // fnaa.data-dir
                "FNAA_SESSIONS_IDLE_dash_TIMEOUT", "30s",            // fnaa.sessions.idle-timeout
                "FNAA_SESSIONS_MAX_DASH_AUTH_DASH_FAILURES", "7",    // absent from the file, read by name
                "FNAA_HTTP_PORT", "62080",                           // whole section absent from the file
                "FNAA_USERS_0_PASSWORD_DASH_HASH", otherHash,        // a key inside a list entry
                "FNAA_NAMESPACES_0_MAX_DASH_FLOWS", "5"));           // a defaulted key inside a list entry

        assertThat(values).containsEntry("fnap.port", "62001")
                .containsEntry("data-dir", "/env/dash")
                .containsEntry("sessions.idle-timeout", "PT30S")
                .containsEntry("sessions.max-auth-failures", "7")
                .containsEntry("http.port", "62080")
                .containsEntry("users.0.password-hash", otherHash)
                .containsEntry("namespaces.0.max-flows", "5");
    }

    @Test
    void variablesOverrideAndAddKeysInsideSectionsOfTheFile() throws Exception {
        // Helidon asks the environment about every key path of the file, sections included,
        // so broker secrets need not be in the file at all
        Map<String, String> values = probe(List.of(), Map.of(
                "FNAA_BROKERS_0_SASL_PASSWORD", "from-env",
                "FNAA_BROKERS_0_SASL_USERNAME", "not-in-file"));

        assertThat(values).containsEntry("brokers.0.sasl.password", "from-env")
                .containsEntry("brokers.0.sasl.username", "not-in-file");
    }

    @Test
    void aListTheFileLacksCanComeWholeFromTheEnvironment() throws Exception {
        String withoutUsers = FILE.replaceAll("(?s)  users:\n.*?  brokers:", "  brokers:");
        String otherHash = PasswordHasher.hash("other".toCharArray(), 1000);

        Map<String, String> values = probe(withoutUsers, List.of(), Map.of(
                "FNAA_USERS_0_NAME", "alice",
                "FNAA_USERS_0_PASSWORD_DASH_HASH", otherHash));

        assertThat(values).containsEntry("users", "[alice]").containsEntry("users.0.password-hash", otherHash);
    }

    @Test
    void anIndexBeyondTheFilesListMakesTheConfigurationUnreadable() throws Exception {
        Path file = dir.resolve("fnaad.yaml");
        Files.writeString(file, FILE);

        ChildJvm.Result result = ChildJvm.run(EnvProbe.class, List.of(), Map.of("FNAA_USERS_1_NAME", "bob"),
                file.toString());

        assertThat(result.exitCode()).as(result.output()).isEqualTo(3);
        assertThat(result.output()).contains("cannot read configuration from", "Cannot merge OBJECT members [1] with an LIST node");
    }

    @Test
    void dashMayAlsoBeWrittenAsUnderscore() throws Exception {
        Map<String, String> values = probe(List.of(), Map.of(
                "FNAA_DATA_DIR", "/env/plain",
                "FNAA_SESSIONS_IDLE_TIMEOUT", "45s"));

        assertThat(values).containsEntry("data-dir", "/env/plain")
                .containsEntry("sessions.idle-timeout", "PT45S");
    }

    @Test
    void theDashSpellingWinsOverTheUnderscoreSpelling() throws Exception {
        Map<String, String> values = probe(List.of(), Map.of(
                "FNAA_DATA_DIR", "/env/plain",
                "FNAA_DATA_DASH_DIR", "/env/dash"));

        assertThat(values).containsEntry("data-dir", "/env/dash");
    }

    @Test
    void environmentOutranksSystemPropertiesWhichOutrankTheFile() throws Exception {
        Map<String, String> values = probe(
                List.of("-Dfnaa.fqdn=sysprop.example.org", "-Dfnaa.fnap.port=1111"),
                Map.of("FNAA_FNAP_PORT", "2222"));

        assertThat(values).containsEntry("fqdn", "sysprop.example.org")
                .containsEntry("fnap.port", "2222");
    }

    @Test
    void overriddenValuesAreValidatedToo() throws Exception {
        Path file = dir.resolve("fnaad.yaml");
        Files.writeString(file, FILE);

        ChildJvm.Result result = ChildJvm.run(EnvProbe.class, List.of(), Map.of("FNAA_FNAP_PORT", "99999"),
                file.toString());

        assertThat(result.exitCode()).as(result.output()).isEqualTo(3);
        assertThat(result.output()).contains("fnaa.fnap.port must be between 0 and 65535 (0 picks a free port), got 99999");
    }
}
