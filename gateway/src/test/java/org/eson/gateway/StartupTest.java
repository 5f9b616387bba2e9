package org.eson.gateway;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.eson.gateway.config.BrokerEntry;
import org.eson.gateway.config.ConfigurationException;
import org.eson.gateway.support.TestGateways;

/** Start-up refuses what cannot work, with a message that says what to do. */
class StartupTest {

    @TempDir
    Path dataDir;

    @Test
    void aMissingAdapterTypeNamesTheInstalledOnes() {
        var config = TestGateways.withBrokers(TestGateways.thesisParticipant(dataDir),
                List.of(new BrokerEntry("local", "carrier-pigeon", Map.of())));
        assertThatThrownBy(() -> Gateway.start(config))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("type 'carrier-pigeon'")
                .hasMessageContaining("installed types: ")
                .hasMessageContaining("memory");
    }

    @Test
    void aSecondGatewayOnTheSameDataDirectoryIsRefused() {
        try (var first = TestGateways.start(dataDir)) {
            assertThatThrownBy(() -> TestGateways.start(dataDir)).hasMessageContaining("in use");
        }
    }
}
