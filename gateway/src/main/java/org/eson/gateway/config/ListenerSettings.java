package org.eson.gateway.config;

import java.util.Objects;

/**
 * A plaintext listener's bind address.
 *
 * @param host the interface to bind; loopback by default so a fresh install is not exposed
 * @param port the TCP port; {@code 0} lets the operating system pick a free one (tests use this)
 */
public record ListenerSettings(String host, int port) {

    public ListenerSettings {
        Objects.requireNonNull(host, "host");
    }
}
