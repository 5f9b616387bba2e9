package org.eson.spi;

import java.util.Map;

import org.eson.spi.config.AdapterConfig;

/**
 * Service-loaded factory of one broker type. Found with {@link java.util.ServiceLoader}; chosen
 * when a configured broker's {@code type} equals {@link #name()} (case-insensitive), or when a
 * remote flow's DESCRIBE {@code type} does ({@link #attach}).
 */
public interface BrokerAdapterProvider {

    /** The broker type this provider serves, for example {@code memory} or {@code kafka}. */
    String name();

    /**
     * Creates an adapter for one configured broker.
     *
     * @param config the broker's own settings, read-only
     * @return a started adapter; the caller closes it
     * @throws BrokerException.Fatal when the configuration cannot work (a missing key, a bad value)
     */
    BrokerAdapter create(AdapterConfig config) throws BrokerException;

    /**
     * An adapter for the broker that holds a flow described by another gateway: participant B
     * read {@code remote} from participant A's {@code DESCRIBE FLOW} and opens a source (or sink)
     * on A's broker with its own adapter of that type, configured only from {@code remote} and
     * {@code credentials}. Only {@link BrokerAdapter#openSource}, {@link BrokerAdapter#openSink},
     * {@link BrokerAdapter#describe} and {@link BrokerAdapter#checkReachable} need to work, and only
     * for the described flow; provisioning a remote broker is not required ({@code create} and
     * {@code delete} may fail with {@link BrokerException.Fatal}).
     *
     * <p>The flow is addressed by its remote name: the caller passes
     * {@code FlowSpec.of(remote.get(FlowDescription.FLOW))}, and the attached adapter maps that name
     * to the described {@link FlowDescription#TOPIC topic} or {@link FlowDescription#QUEUE queue}
     * (which need not be equal to it); any other flow name is
     * {@link BrokerException.NoSuchResource}. When {@code remote} has no {@code flow} key the
     * topic or queue is the name. One attached adapter serves one remote flow; the caller closes it,
     * which closes the sources and sinks opened through it and nothing else.
     *
     * <p>Which DESCRIBE keys are read is each provider's contract, documented on its
     * implementation of this method. Common to all: {@link FlowDescription#FLOW flow} (optional, see
     * above), {@link FlowDescription#TYPE type} (optional; when present it must equal
     * {@link #name()}, case-insensitive, else {@code Fatal}), {@link FlowDescription#SERVER server},
     * {@code topic} or {@code queue}, {@link FlowDescription#TLS tls}. Keys a provider does not
     * know are ignored.
     *
     * @param name        a name for the attached adapter in logs and client ids, for example
     *                    {@code <peer>/<flow>}; not a configured broker's name
     * @param remote      the remote gateway's DESCRIBE parameters, {@code flow} and {@code type}
     *                    included
     * @param credentials extra adapter settings the operator configured for that peer, in the
     *                    provider's own setting names (for Kafka {@code sasl.jaas.config},
     *                    {@code ssl.truststore.location}...); never taken from the description;
     *                    empty when the peer needs none
     * @return a started adapter; the caller closes it
     * @throws BrokerException.Fatal when the description lacks a key the provider needs, names a
     *                               broker this process cannot reach by construction, or the
     *                               provider cannot attach at all (the default)
     */
    default BrokerAdapter attach(String name, FlowDescription remote, Map<String, String> credentials)
            throws BrokerException {
        throw new BrokerException.Fatal("broker type " + name() + " cannot attach to remote flows");
    }
}
