package org.eson.adapters.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.ServiceLoader;

import org.eson.spi.BrokerAdapter;
import org.eson.spi.BrokerAdapterProvider;
import org.eson.spi.BrokerException;
import org.eson.spi.Capability;
import org.eson.spi.config.AdapterConfig;
import org.junit.jupiter.api.Test;

class ProviderTest {

    private static BrokerAdapterProvider lookup(String type) {
        return ServiceLoader.load(BrokerAdapterProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equalsIgnoreCase(type))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no provider " + type));
    }

    @Test
    void serviceLoaderFindsTheProviderByName() throws Exception {
        BrokerAdapterProvider provider = lookup("memory");
        assertThat(provider).isInstanceOf(MemoryBrokerProvider.class);
        assertThat(lookup("MEMORY")).isInstanceOf(MemoryBrokerProvider.class);

        try (BrokerAdapter adapter = provider.create(AdapterConfig.of("embedded", Map.of()))) {
            assertThat(adapter.type()).isEqualTo(provider.name()).isEqualTo("memory");
            adapter.checkReachable();
        }
    }

    @Test
    void declaresEverythingButPersistence() throws Exception {
        try (BrokerAdapter adapter = lookup("memory").create(AdapterConfig.of("embedded", Map.of()))) {
            assertThat(adapter.capabilities()).containsExactlyInAnyOrder(
                    Capability.ORDERING_PER_KEY, Capability.COMPETING_CONSUMERS, Capability.TTL, Capability.DEAD_LETTER);
            assertThatThrownBy(() -> adapter.capabilities().add(Capability.PERSISTENCE))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void malformedSettingsAreFatal() {
        BrokerAdapterProvider provider = lookup("memory");
        for (String bad : new String[] {"lots", "0", "-1", "2000000000"}) {
            assertThatThrownBy(() -> provider.create(AdapterConfig.of("embedded", Map.of("max-events-per-flow", bad))))
                    .isInstanceOf(BrokerException.Fatal.class)
                    .hasMessageContaining("embedded")
                    .hasMessageContaining("max-events-per-flow");
        }
    }
}
