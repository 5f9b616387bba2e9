package org.eson.adapters.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DeleteTopicsOptions;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eson.spi.BrokerAdapter;
import org.eson.spi.BrokerException;
import org.eson.spi.Capability;
import org.eson.spi.Events;
import org.eson.spi.FlowDescription;
import org.eson.spi.FlowSpec;
import org.eson.spi.bridge.EventSink;
import org.eson.spi.bridge.EventSource;
import org.eson.spi.bridge.SourceSettings;
import org.eson.spi.config.AdapterConfig;

/**
 * A Kafka cluster as an ESON broker: one topic per flow, provisioned through one {@link Admin}
 * client; one idempotent producer per {@link EventSink}, one consumer-group member per
 * {@link EventSource}. See the {@linkplain org.eson.adapters.kafka package documentation} for
 * settings, DESCRIBE parameters and the delivery semantics.
 */
public final class KafkaBrokerAdapter implements BrokerAdapter {

    /** The broker type, and provider name. */
    public static final String TYPE = "kafka";
    /** DESCRIBE {@code binding}: the CloudEvents Kafka protocol binding, binary content mode. */
    public static final String BINDING = "cloudevents-kafka-binary";
    /** The CloudEvents extension whose value is the record key (DESCRIBE {@code key}); {@link Events#PARTITION_KEY}. */
    public static final String PARTITION_KEY = Events.PARTITION_KEY;

    private static final System.Logger LOG = System.getLogger(KafkaBrokerAdapter.class.getName());
    private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            Capability.ORDERING_PER_KEY, Capability.PERSISTENCE, Capability.COMPETING_CONSUMERS));
    /** After create or delete, how long to wait for the broker's metadata to show the change. */
    private static final Duration METADATA_SETTLE = Duration.ofSeconds(10);

    private final KafkaSettings settings;
    /** Set when attached to a remote flow ({@link KafkaBrokerProvider#attach}): the only flow name served. */
    private final String remoteFlow;
    /** The described topic {@link #remoteFlow} maps to; null when not attached. */
    private final String attachedTopic;
    /** Created on first use: a bootstrap host that does not resolve yet must not stop the gateway. */
    private volatile Admin admin;
    private final Set<KafkaEventSource> sources = ConcurrentHashMap.newKeySet();
    private final Set<KafkaEventSink> sinks = ConcurrentHashMap.newKeySet();
    private final AtomicInteger clientIds = new AtomicInteger();
    private final Object lifecycle = new Object();
    private volatile boolean closed;

    /**
     * Creates a started adapter. Nothing connects yet, and nothing resolves the bootstrap hosts:
     * a broker that is down or a name that does not resolve now does not stop the gateway
     * ({@link #checkReachable()} tells, with {@link BrokerException.Retriable}).
     *
     * @throws BrokerException.Fatal when a setting is missing or malformed, also a {@code client.*}
     *                               property that Kafka's clients refuse
     */
    public KafkaBrokerAdapter(AdapterConfig config) throws BrokerException {
        this(config, null, null);
    }

    /**
     * An adapter attached to one remote flow: {@code remoteFlow} is the only flow name it serves,
     * mapped to {@code topic}; {@code create} and {@code delete} are refused.
     */
    KafkaBrokerAdapter(AdapterConfig config, String remoteFlow, String topic) throws BrokerException {
        this.settings = KafkaSettings.of(Objects.requireNonNull(config, "config"));
        settings.validateClientProperties();
        this.remoteFlow = remoteFlow;
        this.attachedTopic = topic == null ? null : TopicOptions.topic(FlowSpec.of(topic));
        LOG.log(System.Logger.Level.DEBUG, () -> "Kafka adapter started: " + settings
                + (remoteFlow == null ? "" : ", attached to flow " + remoteFlow + " (topic " + attachedTopic + ")"));
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** Per-key order, persistence and consumer groups; not ttl nor dead-lettering (see the package documentation). */
    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    /**
     * Creates the flow's topic with the flow's options over the adapter's defaults; an existing
     * topic is kept as it is, and described.
     */
    @Override
    public FlowDescription create(FlowSpec flow) throws BrokerException {
        refuseIfAttached("create", flow);
        TopicOptions options = TopicOptions.of(flow, settings);
        failIfClosed();
        try {
            admin().createTopics(List.of(options.newTopic()), new CreateTopicsOptions().timeoutMs(timeoutMs()))
                    .all().get(waitMs(), TimeUnit.MILLISECONDS);
            LOG.log(System.Logger.Level.DEBUG, "Kafka broker {0}: created topic {1}", settings.brokerName(), options.topic());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw KafkaErrors.map(settings.brokerName(), "create of flow " + flow.flow(), e);
            }
            LOG.log(System.Logger.Level.DEBUG, "Kafka broker {0}: topic {1} exists, keeping it", settings.brokerName(), options.topic());
        } catch (Exception e) {
            throw KafkaErrors.map(settings.brokerName(), "create of flow " + flow.flow(), e);
        }
        // The broker that answers describe may learn of the new topic a moment later.
        long deadline = System.nanoTime() + METADATA_SETTLE.toNanos();
        while (true) {
            try {
                return describe(flow);
            } catch (BrokerException.NoSuchResource e) {
                if (System.nanoTime() > deadline) {
                    throw new BrokerException.Retriable("Kafka broker " + settings.brokerName() + ": topic " + options.topic()
                            + " was created but is not visible yet", e);
                }
                pause();
            }
        }
    }

    @Override
    public FlowDescription describe(FlowSpec flow) throws BrokerException {
        TopicDescription topic = describeTopic(flow);
        return description(settings, topic.name(), topic.partitions().size());
    }

    /** The DESCRIBE parameters of a topic, in order. */
    static FlowDescription description(KafkaSettings settings, String topic, int partitions) {
        var description = FlowDescription.builder()
                .put("topic", topic)
                .put("server", settings.describedServer())
                .put("tls", Boolean.toString(settings.tls()))
                .put("security", settings.securityProtocol());
        settings.saslMechanism().ifPresent(m -> description.put("sasl.mechanism", m));
        return description
                .put("partitions", Integer.toString(partitions))
                .put("binding", BINDING)
                .put("key", PARTITION_KEY)
                .build();
    }

    /** Deletes the flow's topic and waits until the broker no longer describes it. */
    @Override
    public void delete(FlowSpec flow) throws BrokerException {
        refuseIfAttached("delete", flow);
        String topic = TopicOptions.topic(flow);
        failIfClosed();
        try {
            admin().deleteTopics(TopicCollection.ofTopicNames(List.of(topic)), new DeleteTopicsOptions().timeoutMs(timeoutMs()))
                    .all().get(waitMs(), TimeUnit.MILLISECONDS);
            LOG.log(System.Logger.Level.DEBUG, "Kafka broker {0}: deleted topic {1}", settings.brokerName(), topic);
        } catch (Exception e) {
            if (KafkaErrors.isUnknownTopic(e)) {
                return;
            }
            throw KafkaErrors.map(settings.brokerName(), "delete of flow " + flow.flow(), e);
        }
        long deadline = System.nanoTime() + METADATA_SETTLE.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                describeTopic(flow);
            } catch (BrokerException.NoSuchResource gone) {
                return;
            }
            pause();
        }
    }

    /** Asks the cluster for its nodes, waiting at most 5 seconds (or {@code request.timeout} if shorter). */
    @Override
    public void checkReachable() throws BrokerException {
        failIfClosed();
        int ms = (int) settings.reachableTimeout().toMillis();
        try {
            admin().describeCluster(new DescribeClusterOptions().timeoutMs(ms)).nodes().get(ms + 1000L, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw KafkaErrors.map(settings.brokerName(), "reachability check", e);
        }
    }

    /** @throws BrokerException.NoSuchResource when the flow's topic does not exist */
    @Override
    public EventSource openSource(FlowSpec flow, SourceSettings sourceSettings) throws BrokerException {
        Objects.requireNonNull(sourceSettings, "settings");
        String topic = describeTopic(flow).name();
        synchronized (lifecycle) {
            failIfClosed();
            var source = KafkaEventSource.open(this, topic, sourceSettings.consumerGroup());
            sources.add(source);
            return source;
        }
    }

    /** @throws BrokerException.NoSuchResource when the flow's topic does not exist */
    @Override
    public EventSink openSink(FlowSpec flow) throws BrokerException {
        String topic = describeTopic(flow).name();
        synchronized (lifecycle) {
            failIfClosed();
            var sink = KafkaEventSink.open(this, topic);
            sinks.add(sink);
            return sink;
        }
    }

    /** Closes every open source and sink, then the admin client; calling it again does nothing. */
    @Override
    public void close() {
        List<AutoCloseable> open = new ArrayList<>();
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            open.addAll(sources);
            open.addAll(sinks);
        }
        for (AutoCloseable client : open) {
            try {
                client.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "Kafka broker " + settings.brokerName() + ": closing " + client + " failed", e);
            }
        }
        Admin created;
        synchronized (lifecycle) {
            created = admin;
            admin = null;
        }
        try {
            if (created != null) {
                created.close(settings.reachableTimeout());
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Kafka broker " + settings.brokerName() + ": closing the admin client failed", e);
        }
        LOG.log(System.Logger.Level.DEBUG, "Kafka adapter {0} closed", settings.brokerName());
    }

    @Override
    public String toString() {
        return "KafkaBrokerAdapter[" + settings + "]";
    }

    KafkaSettings settings() {
        return settings;
    }

    boolean isClosed() {
        return closed;
    }

    String clientId(String role) {
        return "eson-" + settings.brokerName() + "-" + role + "-" + clientIds.incrementAndGet();
    }

    void forget(KafkaEventSource source) {
        sources.remove(source);
    }

    void forget(KafkaEventSink sink) {
        sinks.remove(sink);
    }

    BrokerException.Retriable closedFailure() {
        return new BrokerException.Retriable("Kafka broker " + settings.brokerName() + ": the adapter is closed");
    }

    /**
     * Whether the topic exists, without blocking the calling thread (sinks ask this from the
     * producer's callback, to tell a deleted flow from a slow broker).
     */
    CompletableFuture<Boolean> topicExists(String topic) {
        if (closed) {
            return CompletableFuture.completedFuture(true);
        }
        var result = new CompletableFuture<Boolean>();
        try {
            KafkaFuture<TopicDescription> f = admin().describeTopics(List.of(topic),
                    new DescribeTopicsOptions().timeoutMs((int) settings.reachableTimeout().toMillis())).topicNameValues().get(topic);
            f.whenComplete((d, e) -> result.complete(e == null || !KafkaErrors.isUnknownTopic(e)));
        } catch (RuntimeException | BrokerException e) {
            result.complete(true);
        }
        return result;
    }

    /** The admin client, created on first use. */
    private Admin admin() throws BrokerException {
        Admin current = admin;
        if (current != null) {
            return current;
        }
        synchronized (lifecycle) {
            failIfClosed();
            if (admin == null) {
                try {
                    admin = Admin.create(settings.adminProperties(clientId("admin")));
                } catch (KafkaException e) {
                    throw KafkaErrors.map(settings.brokerName(), "creating the admin client", e);
                }
            }
            return admin;
        }
    }

    /** The topic of a flow: its name, or the described topic when attached (any other name does not exist). */
    private String topicOf(FlowSpec flow) throws BrokerException {
        if (remoteFlow == null) {
            return TopicOptions.topic(flow);
        }
        if (!remoteFlow.equals(flow.flow())) {
            throw new BrokerException.NoSuchResource(flow.flow());
        }
        return attachedTopic;
    }

    private void refuseIfAttached(String operation, FlowSpec flow) throws BrokerException.Fatal {
        if (remoteFlow != null) {
            throw new BrokerException.Fatal("Kafka adapter " + settings.brokerName() + " is attached to remote flow " + remoteFlow
                    + " and cannot " + operation + " flow " + flow.flow() + ": it only opens sources and sinks");
        }
    }

    private TopicDescription describeTopic(FlowSpec flow) throws BrokerException {
        String topic = topicOf(flow);
        failIfClosed();
        try {
            return admin().describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(timeoutMs()))
                    .topicNameValues().get(topic).get(waitMs(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (KafkaErrors.isUnknownTopic(e)) {
                throw new BrokerException.NoSuchResource(flow.flow());
            }
            throw KafkaErrors.map(settings.brokerName(), "describe of flow " + flow.flow(), e);
        }
    }

    private int timeoutMs() {
        return (int) settings.requestTimeout().toMillis();
    }

    /** How long to wait for a future bounded by {@link #timeoutMs()}: a little longer, so the broker's answer wins. */
    private long waitMs() {
        return settings.requestTimeout().toMillis() + 2000;
    }

    private void failIfClosed() throws BrokerException.Retriable {
        if (closed) {
            throw closedFailure();
        }
    }

    private static void pause() throws BrokerException.Retriable {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException.Retriable("Interrupted", e);
        }
    }
}
