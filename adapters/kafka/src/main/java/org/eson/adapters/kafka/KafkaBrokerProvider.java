package org.eson.adapters.kafka;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.eson.spi.BrokerAdapter;
import org.eson.spi.BrokerAdapterProvider;
import org.eson.spi.BrokerException;
import org.eson.spi.FlowDescription;
import org.eson.spi.config.AdapterConfig;

/** Service-loaded entry point of broker type {@code kafka}. */
public final class KafkaBrokerProvider implements BrokerAdapterProvider {

    /** DESCRIBE key: the security protocol ({@code security.protocol} of the describing adapter). */
    static final String DESCRIBE_SECURITY = "security";
    /** DESCRIBE key: the SASL mechanism, when the cluster uses SASL. */
    static final String DESCRIBE_SASL_MECHANISM = "sasl.mechanism";
    /** DESCRIBE key: the protocol binding ({@value KafkaBrokerAdapter#BINDING}). */
    static final String DESCRIBE_BINDING = "binding";
    /** DESCRIBE key: the extension that is the record key ({@value KafkaBrokerAdapter#PARTITION_KEY}). */
    static final String DESCRIBE_KEY = "key";

    /** Needed by {@link java.util.ServiceLoader}. */
    public KafkaBrokerProvider() {
    }

    @Override
    public String name() {
        return KafkaBrokerAdapter.TYPE;
    }

    /** @throws BrokerException.Fatal when {@code bootstrap.servers} is missing or a setting is malformed */
    @Override
    public BrokerAdapter create(AdapterConfig config) throws BrokerException {
        return new KafkaBrokerAdapter(config);
    }

    /**
     * A {@link KafkaBrokerAdapter} on the cluster of a remote flow, serving only that flow. DESCRIBE
     * keys read:
     * <ul>
     *   <li>{@code server} (required): {@code bootstrap.servers};</li>
     *   <li>{@code topic} (required): the topic the remote flow name maps to;</li>
     *   <li>{@code flow} (optional, default the topic): the flow name the adapter answers to;</li>
     *   <li>{@code security} (optional): {@code security.protocol}; when absent, {@code SSL} if
     *       {@code tls=true}, else {@code PLAINTEXT};</li>
     *   <li>{@code sasl.mechanism} (optional): {@code sasl.mechanism};</li>
     *   <li>{@code type}, {@code binding}, {@code key} (optional): when present they must be
     *       {@code kafka}, {@value KafkaBrokerAdapter#BINDING} and
     *       {@value KafkaBrokerAdapter#PARTITION_KEY}, else {@code Fatal} (this adapter could not
     *       read the records, or would key them differently from the remote participant's
     *       producers).</li>
     * </ul>
     * {@code partitions} and {@code tls} (beyond the default above) are not needed. {@code credentials}
     * are adapter settings added to those ({@code sasl.jaas.config}, {@code ssl.truststore.*},
     * {@code ssl.keystore.*}, {@code client.*}, {@code request.timeout}...), validated like a
     * configured broker's. They may supply {@code security.protocol} and {@code sasl.mechanism}
     * when DESCRIBE has none, but not contradict it, and may not set {@code bootstrap.servers} or
     * {@code describe.server}: DESCRIBE's {@code server} decides where the adapter connects and
     * what its {@code describe} shows. Nothing connects before first use, as for {@link #create}.
     */
    @Override
    public BrokerAdapter attach(String name, FlowDescription remote, Map<String, String> credentials)
            throws BrokerException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(credentials, "credentials");
        expect(remote, FlowDescription.TYPE, KafkaBrokerAdapter.TYPE);
        expect(remote, DESCRIBE_BINDING, KafkaBrokerAdapter.BINDING);
        expect(remote, DESCRIBE_KEY, KafkaBrokerAdapter.PARTITION_KEY);
        String server = remote.required(FlowDescription.SERVER);
        String topic = remote.required(FlowDescription.TOPIC);
        String flow = remote.find(FlowDescription.FLOW).map(String::strip).filter(f -> !f.isEmpty()).orElse(topic);

        for (String reserved : new String[] {KafkaSettings.BOOTSTRAP_SERVERS, KafkaSettings.DESCRIBE_SERVER}) {
            if (credentials.containsKey(reserved)) {
                throw new BrokerException.Fatal("Credentials for " + name + " may not set '" + reserved
                        + "': the remote DESCRIBE's server decides it");
            }
        }
        var settings = new LinkedHashMap<>(credentials);
        settings.put(KafkaSettings.BOOTSTRAP_SERVERS, server);
        Optional<String> security = remote.find(DESCRIBE_SECURITY).map(String::strip).filter(v -> !v.isEmpty());
        if (security.isEmpty() && !credentials.containsKey(KafkaSettings.SECURITY_PROTOCOL)) {
            security = Optional.of("true".equalsIgnoreCase(remote.find(FlowDescription.TLS).orElse("false").strip())
                    ? "SSL" : "PLAINTEXT");
        }
        described(name, settings, KafkaSettings.SECURITY_PROTOCOL, security);
        described(name, settings, KafkaSettings.SASL_MECHANISM,
                remote.find(DESCRIBE_SASL_MECHANISM).map(String::strip).filter(v -> !v.isEmpty()));
        return new KafkaBrokerAdapter(AdapterConfig.of(name, settings), flow, topic);
    }

    /** Puts a described value, refusing a credential that contradicts it. */
    private static void described(String name, Map<String, String> settings, String key, Optional<String> value)
            throws BrokerException.Fatal {
        if (value.isEmpty()) {
            return;
        }
        String given = settings.get(key);
        if (given != null && !given.strip().equalsIgnoreCase(value.get())) {
            throw new BrokerException.Fatal("Credentials for " + name + " set '" + key + "' to '" + given
                    + "' but the remote DESCRIBE says '" + value.get() + "'");
        }
        settings.put(key, value.get());
    }

    private static void expect(FlowDescription remote, String key, String expected) throws BrokerException.Fatal {
        String value = remote.get(key);
        if (value != null && !value.strip().toLowerCase(Locale.ROOT).equals(expected.toLowerCase(Locale.ROOT))) {
            throw new BrokerException.Fatal("A Kafka adapter cannot attach to a flow with " + key + "=" + value
                    + " (expected " + expected + ")");
        }
    }
}
