package org.eson.adapters.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.eson.spi.BrokerException;
import org.eson.spi.config.AdapterConfig;
import org.eson.spi.config.AdapterConfigException;

/**
 * The adapter settings of one configured Kafka broker, validated once, and the client
 * properties derived from them. {@link #toString()} masks secrets.
 */
final class KafkaSettings {

    static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    static final String PARTITIONS = "partitions";
    static final String REPLICATION_FACTOR = "replication.factor";
    static final String RETENTION = "retention";
    static final String SECURITY_PROTOCOL = "security.protocol";
    static final String SASL_MECHANISM = "sasl.mechanism";
    static final String REQUEST_TIMEOUT = "request.timeout";
    static final String DESCRIBE_SERVER = "describe.server";
    static final String CLIENT_PREFIX = "client";

    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** checkReachable waits at most this long (or the request timeout when shorter). */
    static final Duration REACHABLE_TIMEOUT = Duration.ofSeconds(5);

    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    /** Client properties the adapter decides, because its guarantees depend on them. */
    private static final Set<String> RESERVED_CLIENT_KEYS = Set.of(
            CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
            ProducerConfig.ACKS_CONFIG, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            ConsumerConfig.GROUP_ID_CONFIG, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);

    private static final Set<String> ADMIN_KEYS = AdminClientConfig.configNames();
    private static final Set<String> PRODUCER_KEYS = ProducerConfig.configNames();
    private static final Set<String> CONSUMER_KEYS = ConsumerConfig.configNames();
    /** Consumer default (Kafka's is 3s): members notice a rebalance sooner. */
    static final int DEFAULT_HEARTBEAT_INTERVAL_MS = 1000;

    private final String brokerName;
    private final String bootstrapServers;
    private final OptionalInt partitions;
    private final Optional<Short> replicationFactor;
    private final Optional<Long> retentionMs;
    private final String securityProtocol;
    private final Optional<String> saslMechanism;
    /** {@code security.protocol}, {@code sasl.*}, {@code ssl.*}: given to every client as they are. */
    private final Map<String, String> security;
    /** {@code client.*} without the prefix: given to every client. */
    private final Map<String, String> client;
    private final Duration requestTimeout;
    private final Optional<String> describeServer;

    private KafkaSettings(AdapterConfig config) {
        this.brokerName = config.brokerName();
        this.bootstrapServers = config.required(BOOTSTRAP_SERVERS).strip();
        if (bootstrapServers.isEmpty()) {
            throw new AdapterConfigException(brokerName, BOOTSTRAP_SERVERS, "is blank");
        }
        int p = config.integer(PARTITIONS, -1);
        if (config.string(PARTITIONS).isPresent() && p < 1) {
            throw new AdapterConfigException(brokerName, PARTITIONS, "must be at least 1, got " + p);
        }
        this.partitions = p < 1 ? OptionalInt.empty() : OptionalInt.of(p);
        int rf = config.integer(REPLICATION_FACTOR, -1);
        if (config.string(REPLICATION_FACTOR).isPresent() && (rf < 1 || rf > Short.MAX_VALUE)) {
            throw new AdapterConfigException(brokerName, REPLICATION_FACTOR, "must be between 1 and " + Short.MAX_VALUE + ", got " + rf);
        }
        this.replicationFactor = rf < 1 ? Optional.empty() : Optional.of((short) rf);
        this.retentionMs = config.string(RETENTION).map(v -> {
            try {
                return TopicOptions.retentionMs(v);
            } catch (IllegalArgumentException e) {
                throw new AdapterConfigException(brokerName, RETENTION, e.getMessage());
            }
        });
        this.securityProtocol = config.string(SECURITY_PROTOCOL, "PLAINTEXT").strip().toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(securityProtocol)) {
            throw new AdapterConfigException(brokerName, SECURITY_PROTOCOL, "must be one of " + new java.util.TreeSet<>(PROTOCOLS)
                    + ", got '" + securityProtocol + "'");
        }
        this.saslMechanism = config.string(SASL_MECHANISM).map(String::strip).filter(s -> !s.isEmpty());
        var sec = new TreeMap<String, String>();
        sec.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol);
        for (String key : config.keys()) {
            if (key.startsWith("sasl.") || key.startsWith("ssl.")) {
                config.string(key).ifPresent(v -> sec.put(key, v));
            }
        }
        this.security = Map.copyOf(sec);
        this.client = config.subtree(CLIENT_PREFIX);
        for (String key : client.keySet()) {
            if (RESERVED_CLIENT_KEYS.contains(key)) {
                throw new AdapterConfigException(brokerName, CLIENT_PREFIX + "." + key,
                        "is decided by the adapter" + (key.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)
                                || key.equals(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG) ? "; set '" + key + "' instead" : ""));
            }
            if (key.startsWith("sasl.") || key.startsWith("ssl.")) {
                throw new AdapterConfigException(brokerName, CLIENT_PREFIX + "." + key, "belongs at the top level: set '" + key + "' instead");
            }
            if (key.equals(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG) || key.equals(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG)) {
                throw new AdapterConfigException(brokerName, CLIENT_PREFIX + "." + key, "is derived from '" + REQUEST_TIMEOUT
                        + "': set that instead");
            }
        }
        this.requestTimeout = config.duration(REQUEST_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
        if (requestTimeout.toMillis() < 1000 || requestTimeout.toMillis() > Integer.MAX_VALUE / 4) {
            throw new AdapterConfigException(brokerName, REQUEST_TIMEOUT, "must be between 1s and 6d, got " + requestTimeout);
        }
        this.describeServer = config.string(DESCRIBE_SERVER).map(String::strip).filter(s -> !s.isEmpty());
    }

    /** @throws BrokerException.Fatal naming the broker and the key when a setting is missing or malformed */
    static KafkaSettings of(AdapterConfig config) throws BrokerException.Fatal {
        try {
            return new KafkaSettings(config);
        } catch (AdapterConfigException e) {
            throw new BrokerException.Fatal(e.getMessage(), e);
        }
    }

    String brokerName() {
        return brokerName;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    OptionalInt partitions() {
        return partitions;
    }

    Optional<Short> replicationFactor() {
        return replicationFactor;
    }

    Optional<Long> retentionMs() {
        return retentionMs;
    }

    String securityProtocol() {
        return securityProtocol;
    }

    Optional<String> saslMechanism() {
        return saslMechanism;
    }

    boolean tls() {
        return securityProtocol.endsWith("SSL");
    }

    Duration requestTimeout() {
        return requestTimeout;
    }

    Duration reachableTimeout() {
        return requestTimeout.compareTo(REACHABLE_TIMEOUT) < 0 ? requestTimeout : REACHABLE_TIMEOUT;
    }

    /** What DESCRIBE shows as {@code server}: {@code describe.server}, else {@code bootstrap.servers}. */
    String describedServer() {
        return describeServer.orElse(bootstrapServers);
    }

    /** How long a producer keeps retrying one record before failing it. */
    Duration deliveryTimeout() {
        return requestTimeout.multipliedBy(2);
    }

    Map<String, Object> adminProperties(String clientId) {
        var p = common(clientId);
        p.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) requestTimeout.toMillis());
        p.putAll(clientFor(ADMIN_KEYS));
        return p;
    }

    Map<String, Object> producerProperties(String clientId) {
        var p = common(clientId);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, requestTimeout.toMillis());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout().toMillis());
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.putAll(clientFor(PRODUCER_KEYS));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return p;
    }

    Map<String, Object> consumerProperties(String clientId, String group) {
        var p = common(clientId);
        p.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) requestTimeout.toMillis());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        if (!"consumer".equalsIgnoreCase(client.getOrDefault(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic").strip())) {
            // The KIP-848 protocol takes the heartbeat interval from the broker and refuses this setting.
            p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, DEFAULT_HEARTBEAT_INTERVAL_MS);
        }
        p.putAll(clientFor(CONSUMER_KEYS));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return p;
    }

    /**
     * Checks that Kafka's clients accept their properties (types, ranges, names of classes)
     * without creating a client, which would resolve the bootstrap hosts. Cross-property checks
     * the clients make when created surface as {@link BrokerException.Fatal} at first use.
     */
    void validateClientProperties() throws BrokerException.Fatal {
        try {
            // Parsed against each client's definitions without logging them (the clients log once, when created).
            new AbstractConfig(AdminClientConfig.configDef(), adminProperties("validate"), false);
            new AbstractConfig(ProducerConfig.configDef(), withSerializers(producerProperties("validate"), true), false);
            new AbstractConfig(ConsumerConfig.configDef(), withSerializers(consumerProperties("validate", "validate"), false), false);
        } catch (org.apache.kafka.common.config.ConfigException e) {
            throw new BrokerException.Fatal("Broker '" + brokerName + "': Kafka refuses the client settings: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> withSerializers(Map<String, Object> props, boolean producer) {
        var p = new HashMap<>(props);
        if (producer) {
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.StringSerializer.class);
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.ByteArraySerializer.class);
        } else {
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.StringDeserializer.class);
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.ByteArrayDeserializer.class);
        }
        return p;
    }

    /**
     * The {@code client.*} properties one kind of client knows, plus those no Kafka client knows
     * (plug-in settings), so a producer setting does not make the admin client warn.
     */
    private Map<String, String> clientFor(Set<String> known) {
        var out = new HashMap<String, String>();
        client.forEach((k, v) -> {
            boolean anyClient = ADMIN_KEYS.contains(k) || PRODUCER_KEYS.contains(k) || CONSUMER_KEYS.contains(k);
            if (known.contains(k) || !anyClient) {
                out.put(k, v);
            }
        });
        return out;
    }

    private Map<String, Object> common(String clientId) {
        var p = new HashMap<String, Object>();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        p.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout.toMillis());
        p.putAll(security);
        return p;
    }

    /** Every setting, secrets masked. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add(BOOTSTRAP_SERVERS + "=" + bootstrapServers);
        partitions.ifPresent(n -> parts.add(PARTITIONS + "=" + n));
        replicationFactor.ifPresent(n -> parts.add(REPLICATION_FACTOR + "=" + n));
        retentionMs.ifPresent(n -> parts.add(RETENTION + "=" + n + "ms"));
        new TreeMap<>(security).forEach((k, v) -> parts.add(k + "=" + mask(k, v)));
        parts.add(REQUEST_TIMEOUT + "=" + requestTimeout);
        describeServer.ifPresent(s -> parts.add(DESCRIBE_SERVER + "=" + s));
        new TreeMap<>(client).forEach((k, v) -> parts.add(CLIENT_PREFIX + "." + k + "=" + mask(k, v)));
        return "KafkaSettings[" + brokerName + ": " + String.join(", ", parts) + "]";
    }

    static String mask(String key, String value) {
        return isSecret(key) ? "****" : value;
    }

    static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("token") || k.contains("credential")
                || k.contains("jaas") || k.contains("user.info") || k.contains("apikey") || k.contains("api.key")
                || k.endsWith(".key");
    }
}
