package org.eson.adapters.kafka;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.eson.fixtures.kafka.KafkaBroker;
import org.eson.spi.BrokerAdapter;
import org.eson.spi.BrokerAdapterProvider;
import org.eson.spi.BrokerException;
import org.eson.spi.Capability;
import org.eson.spi.config.AdapterConfig;
import org.eson.tck.BrokerRestart;
import org.eson.tck.NativeProbe;
import org.eson.tck.TckSubject;

/** The Kafka adapter on the fixture's broker, as the TCK and the Kafka-specific tests use it. */
final class KafkaTckSubject implements TckSubject {

    private final KafkaBroker broker;

    KafkaTckSubject(KafkaBroker broker) {
        this.broker = broker;
    }

    /** The minimal settings: where the broker is, and a faster heartbeat so test rebalances take milliseconds. */
    static Map<String, String> minimalSettings(KafkaBroker broker) {
        return Map.of(
                KafkaSettings.BOOTSTRAP_SERVERS, broker.bootstrapServers(),
                "client.heartbeat.interval.ms", "100");
    }

    @Override
    public BrokerAdapter newAdapter() throws BrokerException {
        return new KafkaBrokerProvider().create(AdapterConfig.of("tck-kafka", minimalSettings(broker)));
    }

    @Override
    public Optional<BrokerAdapterProvider> provider() {
        return Optional.of(new KafkaBrokerProvider());
    }

    /** What an operator would configure for a peer on this cluster: the test heartbeat only (no SASL here). */
    @Override
    public Map<String, String> attachCredentials() {
        return Map.of("client.heartbeat.interval.ms", "100");
    }

    @Override
    public NativeProbe probe() {
        return new KafkaNativeProbe();
    }

    @Override
    public Optional<BrokerRestart> restart() {
        return Optional.of(broker::restart);
    }

    /** Several partitions where the guarantee is about spreading (groups) or keeping order across partitions (keys). */
    @Override
    public Map<String, String> flowOptions(Capability capability) {
        return switch (capability) {
            case COMPETING_CONSUMERS -> Map.of(TopicOptions.OPTION_PARTITIONS, "4");
            case ORDERING_PER_KEY -> Map.of(TopicOptions.OPTION_PARTITIONS, "3");
            default -> Map.of();
        };
    }

    @Override
    public Predicate<Thread> fixtureThreads() {
        return KafkaBroker::isBrokerThread;
    }
}
