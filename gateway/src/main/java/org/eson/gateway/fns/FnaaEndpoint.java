package org.eson.gateway.fns;

/**
 * The FNAA as SRV records advertise it, with the port resolved to a real one.
 */
public record FnaaEndpoint(String host, int port, boolean tls, int priority, int weight) {
}
