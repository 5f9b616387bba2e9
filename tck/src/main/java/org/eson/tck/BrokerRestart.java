package org.eson.tck;

/** Stops and starts the real broker, at the same address; returns once it accepts clients again. */
@FunctionalInterface
public interface BrokerRestart {

    void restart() throws Exception;
}
