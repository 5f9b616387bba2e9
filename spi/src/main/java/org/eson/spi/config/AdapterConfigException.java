package org.eson.spi.config;

/** A broker setting is missing or malformed. */
public final class AdapterConfigException extends IllegalArgumentException {

    public AdapterConfigException(String brokerName, String key, String problem) {
        super("Broker '" + brokerName + "': setting '" + key + "' " + problem);
    }
}
