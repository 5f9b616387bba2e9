package org.eson.adapters.memory;

import java.time.Clock;

import org.eson.spi.BrokerAdapter;
import org.eson.spi.BrokerAdapterProvider;
import org.eson.spi.BrokerException;
import org.eson.spi.config.AdapterConfig;

/**
 * Service-loaded entry point of broker type {@code memory}. It uses the system clock; tests and
 * the TCK that need to control time construct {@link MemoryBrokerAdapter} directly.
 */
public final class MemoryBrokerProvider implements BrokerAdapterProvider {

    /** Needed by {@link java.util.ServiceLoader}. */
    public MemoryBrokerProvider() {
    }

    @Override
    public String name() {
        return MemoryBrokerAdapter.TYPE;
    }

    @Override
    public BrokerAdapter create(AdapterConfig config) throws BrokerException {
        return new MemoryBrokerAdapter(config, Clock.systemUTC());
    }
}
