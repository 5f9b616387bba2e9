package org.eson.gateway.subscribe;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

import org.eson.gateway.config.GatewayConfig;
import org.eson.gateway.config.PeerEntry;
import org.eson.gateway.processors.RemoteAttacher;
import org.eson.gateway.processors.RemoteFlow;
import org.eson.spi.BrokerAdapter;
import org.eson.spi.BrokerAdapterProvider;
import org.eson.spi.BrokerException;
import org.eson.spi.FlowDescription;

/**
 * Attaches to the broker of a remote copy flow: the provider named by the description's
 * {@code type}, the credentials of the peer's {@code broker-credentials}.
 */
public final class RemoteBrokers implements RemoteAttacher {

    private final GatewayConfig config;
    private final Map<String, BrokerAdapterProvider> providers = new TreeMap<>();

    public RemoteBrokers(GatewayConfig config, ClassLoader loader) {
        this.config = config;
        for (BrokerAdapterProvider provider : ServiceLoader.load(BrokerAdapterProvider.class, loader)) {
            providers.putIfAbsent(provider.name().toLowerCase(Locale.ROOT), provider);
        }
    }

    @Override
    public BrokerAdapter attach(RemoteFlow flow) throws BrokerException {
        BrokerAdapterProvider provider = providers.get(flow.type());
        if (provider == null) {
            throw new BrokerException.Fatal("no adapter for broker type '" + flow.type() + "' of remote flow "
                    + flow.flow() + "; installed: " + String.join(", ", providers.keySet()));
        }
        var parameters = new LinkedHashMap<>(flow.description());
        String peer = parameters.remove(RemoteFlow.PEER);
        Map<String, String> credentials = peer == null ? Map.of()
                : config.peer(peer).map(PeerEntry::brokerCredentials).orElse(Map.of());
        return provider.attach((peer == null ? "local" : peer) + "/" + flow.flow(), new FlowDescription(parameters),
                credentials);
    }
}
