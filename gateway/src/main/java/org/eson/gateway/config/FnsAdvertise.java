package org.eson.gateway.config;

import java.util.Objects;

/**
 * Where user agents are told to find this FNAA: the target of every {@code _flow._tcp} SRV
 * record the gateway publishes.
 *
 * @param host     the advertised DNS name (default {@code fnaa.fqdn})
 * @param port     the advertised port; {@code 0} means "whatever the FNAP listener chosen by
 *                 {@code tls} bound", so tests on free ports still publish a reachable port
 * @param tls      whether the advertised listener is implicit TLS ({@code TXT "tls"})
 * @param priority SRV priority (0-65535)
 * @param weight   SRV weight (0-65535)
 */
public record FnsAdvertise(String host, int port, boolean tls, int priority, int weight) {

    public FnsAdvertise {
        host = DnsNames.normalize(Objects.requireNonNull(host, "host"));
    }
}
