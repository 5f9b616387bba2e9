package org.eson.adapters.memory;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

import org.eson.spi.BrokerAdapter;
import org.eson.spi.BrokerAdapterProvider;
import org.eson.spi.BrokerException;
import org.eson.spi.FlowDescription;
import org.eson.spi.config.AdapterConfig;

/**
 * Service-loaded entry point of broker type {@code memory}. It uses the system clock; tests and
 * the TCK that need to control time construct {@link MemoryBrokerAdapter} directly.
 */
public final class MemoryBrokerProvider implements BrokerAdapterProvider {

    /** Needed by {@link java.util.ServiceLoader}. */
    public MemoryBrokerProvider() {
    }

    @Override
    public String name() {
        return MemoryBrokerAdapter.TYPE;
    }

    @Override
    public BrokerAdapter create(AdapterConfig config) throws BrokerException {
        return new MemoryBrokerAdapter(config, Clock.systemUTC());
    }

    /**
     * A view over the memory broker of another gateway in this JVM (see
     * {@link MemoryBrokerAdapter#server()}), limited to the described flow. DESCRIBE keys read:
     * {@code server} (required: a {@code memory://} URI of an open memory broker of this JVM),
     * {@code topic} (required: the flow's log on that broker), {@code flow} (optional, default the
     * topic: the name the view answers to), {@code type} (optional, must be {@code memory}).
     * Everything else ({@code tls}, {@code delivery}, {@code dead-letter}) is ignored, and so are
     * {@code credentials}: a memory broker has no authentication. Like {@code openSource}, the
     * view checks the topic when it is used ({@code NoSuchResource}), not when attaching.
     *
     * @throws BrokerException.Fatal when {@code server} or {@code topic} is missing, {@code server}
     *                               is not a {@code memory://} URI, or no open memory broker of this
     *                               JVM has it ({@code "memory broker <uri> is in another process;
     *                               memory flows cannot be shared across processes"})
     */
    @Override
    public BrokerAdapter attach(String name, FlowDescription remote, Map<String, String> credentials)
            throws BrokerException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(credentials, "credentials");
        String type = remote.get(FlowDescription.TYPE);
        if (type != null && !type.strip().equalsIgnoreCase(name())) {
            throw new BrokerException.Fatal("A memory adapter cannot attach to a flow of broker type " + type);
        }
        String server = remote.required(FlowDescription.SERVER);
        if (!server.startsWith(MemoryBrokerAdapter.SCHEME)) {
            throw new BrokerException.Fatal("Not a memory broker: server=" + server);
        }
        String topic = remote.required(FlowDescription.TOPIC);
        String flow = remote.find(FlowDescription.FLOW).map(String::strip).filter(f -> !f.isEmpty()).orElse(topic);
        MemoryBrokerAdapter target = MemoryBrokerAdapter.running(server).orElseThrow(() -> new BrokerException.Fatal(
                "memory broker " + server + " is in another process; memory flows cannot be shared across processes"));
        return new AttachedMemoryAdapter(name, target, flow, topic);
    }
}
