package org.eson.gateway.config;

import java.util.List;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.eson.gateway.users.PasswordHasher;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** YAML snippets as Helidon config, without the real environment or system properties. */
final class TestConfigs {

    /** Few iterations: validation only checks the format, and tests must stay fast. */
    static final String HASH = PasswordHasher.hash("secret".toCharArray(), 1000);

    static final String VALID = """
            fnaa:
              fqdn: fnaa.example.org
              users:
                - name: alice
                  password-hash: "%s"
              brokers:
                - name: local
                  type: memory
              namespaces:
                - name: flows.example.org
                  owner: alice
                  broker: local
            """.formatted(HASH);

    private TestConfigs() {
    }

    static Config yaml(String yaml) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(yaml, MediaTypes.APPLICATION_X_YAML))
                .build();
    }

    static GatewayConfig load(String yaml) {
        return GatewayConfigLoader.load(yaml(yaml));
    }

    static List<String> problems(String yaml) {
        ConfigurationException[] caught = new ConfigurationException[1];
        assertThatThrownBy(() -> load(yaml))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> caught[0] = e);
        return caught[0].problems();
    }
}
