package org.eson.spi;

import org.eson.spi.config.AdapterConfig;

/**
 * Service-loaded factory of one broker type. Found with {@link java.util.ServiceLoader}; chosen
 * when a configured broker's {@code type} equals {@link #name()} (case-insensitive).
 */
public interface BrokerAdapterProvider {

    /** The broker type this provider serves, for example {@code memory} or {@code kafka}. */
    String name();

    /**
     * Creates an adapter for one configured broker.
     *
     * @param config the broker's own settings, read-only
     * @return a started adapter; the caller closes it
     * @throws BrokerException.Fatal when the configuration cannot work (a missing key, a bad value)
     */
    BrokerAdapter create(AdapterConfig config) throws BrokerException;
}
