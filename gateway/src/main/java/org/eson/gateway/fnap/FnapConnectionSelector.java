package org.eson.gateway.fnap;

import java.util.Map;
import java.util.Set;

import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;

import org.eson.gateway.fnap.auth.SaslMechanism;
import org.eson.gateway.observe.GatewayMetrics;

/**
 * The only selector of an FNAP listener. It claims every connection without reading a byte,
 * because FNAP is server-first: with any second candidate Helidon would wait for client bytes
 * and the greeting would never go out.
 */
public final class FnapConnectionSelector implements ServerConnectionSelector {

    private final String fqdn;
    private final CommandDispatcher dispatcher;
    private final Map<String, SaslMechanism> mechanisms;
    private final int maxAuthFailures;
    private final SessionRegistry registry;
    private final GatewayMetrics metrics;

    public FnapConnectionSelector(String fqdn, CommandDispatcher dispatcher, Map<String, SaslMechanism> mechanisms,
                                  int maxAuthFailures, SessionRegistry registry, GatewayMetrics metrics) {
        this.fqdn = fqdn;
        this.dispatcher = dispatcher;
        this.mechanisms = Map.copyOf(mechanisms);
        this.maxAuthFailures = maxAuthFailures;
        this.registry = registry;
        this.metrics = metrics;
    }

    @Override
    public int bytesToIdentifyConnection() {
        return 0;
    }

    @Override
    public Support supports(BufferData data) {
        return Support.SUPPORTED;
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return Set.of();
    }

    @Override
    public ServerConnection connection(ConnectionContext context) {
        var session = new FnapSession(fqdn, dispatcher, mechanisms, maxAuthFailures, metrics);
        return new FnapConnection(context, session, registry, metrics, fqdn);
    }
}
