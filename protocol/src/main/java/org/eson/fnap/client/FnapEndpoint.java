package org.eson.fnap.client;

import java.util.Objects;

/**
 * Where an FNAA listens. There is no default port in FNAP (it is discovered through DNS SRV), so
 * the port is always explicit.
 *
 * @param host DNS name or IP literal
 * @param port TCP port, 1 to 65535
 * @param tls  whether the listener expects implicit TLS (handshake before the greeting)
 */
public record FnapEndpoint(String host, int port, boolean tls) {

    /**
     * @throws IllegalArgumentException if the host is blank or the port out of range
     */
    public FnapEndpoint {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range 1-65535: " + port);
        }
    }

    /**
     * @param host host
     * @param port port
     * @return a plaintext endpoint
     */
    public static FnapEndpoint plain(String host, int port) {
        return new FnapEndpoint(host, port, false);
    }

    /**
     * @param host host
     * @param port port
     * @return an implicit-TLS endpoint
     */
    public static FnapEndpoint tls(String host, int port) {
        return new FnapEndpoint(host, port, true);
    }

    /**
     * @return {@code host:port}, with brackets around IPv6 literals
     */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return (tls ? "fnap+tls://" : "fnap://") + address();
    }
}
