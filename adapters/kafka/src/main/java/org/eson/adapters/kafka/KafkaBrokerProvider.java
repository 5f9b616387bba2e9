package org.eson.adapters.kafka;

import org.eson.spi.BrokerAdapter;
import org.eson.spi.BrokerAdapterProvider;
import org.eson.spi.BrokerException;
import org.eson.spi.config.AdapterConfig;

/** Service-loaded entry point of broker type {@code kafka}. */
public final class KafkaBrokerProvider implements BrokerAdapterProvider {

    /** Needed by {@link java.util.ServiceLoader}. */
    public KafkaBrokerProvider() {
    }

    @Override
    public String name() {
        return KafkaBrokerAdapter.TYPE;
    }

    /** @throws BrokerException.Fatal when {@code bootstrap.servers} is missing or a setting is malformed */
    @Override
    public BrokerAdapter create(AdapterConfig config) throws BrokerException {
        return new KafkaBrokerAdapter(config);
    }
}
