package org.eson.fnua.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordResolverTest {

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private FlowConfig config(String agentLine) throws ConfigException {
        return new ConfigLoader(w -> { }, dir).parse("agents:\n- " + agentLine + "\n",
                ConfigLocation.explicit(dir.resolve("flow.yml")));
    }

    private String resolve(FlowConfig config, Map<String, String> env) throws ConfigException {
        return new PasswordResolver(env::get, warnings::add).resolve(config,
                config.agents().get(0));
    }

    @Test
    void inlinePassword() throws Exception {
        FlowConfig c = config("{name: a, fqdn: fnaa.a.example, username: u, password: p4ss}");
        assertThat(resolve(c, Map.of())).isEqualTo("p4ss");
    }

    @Test
    void passwordFromTheEnvironment() throws Exception {
        FlowConfig c = config("{name: a, fqdn: fnaa.a.example, username: u, password-env: A_PW}");
        assertThat(resolve(c, Map.of("A_PW", "from-env"))).isEqualTo("from-env");
        assertThatThrownBy(() -> resolve(c, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage("config file " + dir.resolve("flow.yml")
                        + ": agents[0] 'a': key 'password-env': environment variable A_PW is not set");
        assertThatThrownBy(() -> resolve(c, Map.of("A_PW", "")))
                .hasMessageEndingWith("environment variable A_PW is not set");
    }

    @Test
    void passwordFromAFileWithoutItsFinalNewline() throws Exception {
        Path pw = Files.writeString(dir.resolve("a.pw"), "from-file\n");
        FlowConfig c = config("{name: a, fqdn: fnaa.a.example, username: u, password-file: a.pw}");
        assertThat(resolve(c, Map.of())).isEqualTo("from-file");

        Files.writeString(pw, "from-file\r\n");
        assertThat(resolve(c, Map.of())).isEqualTo("from-file");

        Files.writeString(pw, "two\nlines\n");
        assertThatThrownBy(() -> resolve(c, Map.of()))
                .hasMessageContaining("key 'password-file': file " + pw
                        + " must hold the password on a single line");

        Files.writeString(pw, "\n");
        assertThatThrownBy(() -> resolve(c, Map.of())).hasMessageEndingWith(" is empty");

        Files.delete(pw);
        assertThatThrownBy(() -> resolve(c, Map.of()))
                .hasMessage("config file " + dir.resolve("flow.yml")
                        + ": agents[0] 'a': key 'password-file': file " + pw + " not found");
    }

    @Test
    void warnsWhenThePasswordFileIsReadableByOthers() throws Exception {
        Path pw = Files.writeString(dir.resolve("a.pw"), "secret\n");
        assumeTrue(ConfigLoaderTest.posix(pw), "POSIX permissions only");
        FlowConfig c = config("{name: a, fqdn: fnaa.a.example, username: u, password-file: a.pw}");

        Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw----r--"));
        assertThat(resolve(c, Map.of())).isEqualTo("secret");
        assertThat(warnings).containsExactly("warning: password file " + pw
                + " (agents[0] 'a') is readable by others; restrict it with chmod 600");

        warnings.clear();
        Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("r--------"));
        resolve(c, Map.of());
        assertThat(warnings).isEmpty();
    }
}
