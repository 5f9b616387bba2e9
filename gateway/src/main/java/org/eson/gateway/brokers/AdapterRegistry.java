package org.eson.gateway.brokers;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.eson.gateway.config.BrokerEntry;
import org.eson.gateway.config.ConfigurationException;
import org.eson.spi.BrokerAdapter;
import org.eson.spi.BrokerAdapterProvider;
import org.eson.spi.BrokerException;
import org.eson.spi.config.AdapterConfig;

/** One started adapter per configured broker, by broker name. */
public final class AdapterRegistry implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AdapterRegistry.class.getName());

    private final Map<String, BrokerAdapter> adapters;

    private AdapterRegistry(Map<String, BrokerAdapter> adapters) {
        this.adapters = adapters;
    }

    /** Creates the adapters of every configured broker with the providers visible to {@code loader}. */
    public static AdapterRegistry create(List<BrokerEntry> brokers, ClassLoader loader) {
        Map<String, BrokerAdapterProvider> providers = discover(loader);
        var problems = new ArrayList<String>();
        for (BrokerEntry broker : brokers) {
            if (!providers.containsKey(broker.type().toLowerCase(Locale.ROOT))) {
                problems.add("Broker '" + broker.name() + "' has type '" + broker.type()
                        + "' but no adapter provides it; installed types: " + String.join(", ", providers.keySet()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        var adapters = new LinkedHashMap<String, BrokerAdapter>();
        try {
            for (BrokerEntry broker : brokers) {
                var provider = providers.get(broker.type().toLowerCase(Locale.ROOT));
                adapters.put(broker.name(), provider.create(AdapterConfig.of(broker.name(), broker.settings())));
                LOG.log(Level.INFO, "event=broker.started broker=" + broker.name() + " type=" + provider.name());
            }
        } catch (BrokerException | RuntimeException e) {
            adapters.values().forEach(BrokerAdapter::close);
            throw new ConfigurationException(List.of("Cannot start a broker adapter: " + e.getMessage()));
        }
        return new AdapterRegistry(adapters);
    }

    private static Map<String, BrokerAdapterProvider> discover(ClassLoader loader) {
        var byName = new TreeMap<String, BrokerAdapterProvider>();
        var problems = new ArrayList<String>();
        for (BrokerAdapterProvider provider : ServiceLoader.load(BrokerAdapterProvider.class, loader)) {
            String name = provider.name().toLowerCase(Locale.ROOT);
            BrokerAdapterProvider previous = byName.putIfAbsent(name, provider);
            if (previous != null) {
                problems.add("Broker type '" + name + "' is provided twice, by " + previous.getClass().getName()
                        + " and " + provider.getClass().getName() + "; remove one from the class path");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return byName;
    }

    /** The adapter of a configured broker. */
    public BrokerAdapter adapter(String brokerName) {
        BrokerAdapter adapter = adapters.get(brokerName);
        if (adapter == null) {
            throw new IllegalArgumentException("No broker named " + brokerName);
        }
        return adapter;
    }

    /** Configured broker names, in configuration order. */
    public Set<String> brokerNames() {
        return adapters.keySet();
    }

    /** The distinct broker types in use, sorted. */
    public Set<String> types() {
        var types = new TreeSet<String>();
        adapters.values().forEach(adapter -> types.add(adapter.type()));
        return types;
    }

    @Override
    public void close() {
        adapters.values().forEach(adapter -> {
            try {
                adapter.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "event=broker.close-failed type=" + adapter.type(), e);
            }
        });
    }
}
