package org.eson.adapters.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.eson.spi.BrokerException;
import org.eson.spi.FlowSpec;
import org.eson.spi.config.Durations;

/**
 * How a flow's topic is created: the flow options {@code partitions}, {@code replication-factor}
 * and {@code retention} laid over the adapter's defaults. Validated before anything reaches the
 * broker, so a typo fails {@code create} with {@link BrokerException.Fatal}.
 *
 * @param topic             the topic, equal to the flow name
 * @param partitions        empty for the broker's {@code num.partitions}
 * @param replicationFactor empty for the broker's {@code default.replication.factor}
 * @param retentionMs       {@code retention.ms}, -1 for unlimited, empty for the broker's default
 */
record TopicOptions(String topic, OptionalInt partitions, Optional<Short> replicationFactor, Optional<Long> retentionMs) {

    static final String OPTION_PARTITIONS = "partitions";
    static final String OPTION_REPLICATION_FACTOR = "replication-factor";
    static final String OPTION_RETENTION = "retention";

    /** Kafka's legal topic names. */
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    static TopicOptions of(FlowSpec flow, KafkaSettings defaults) throws BrokerException.Fatal {
        String topic = topic(flow);
        var options = flow.options();
        OptionalInt partitions = defaults.partitions();
        String text = options.get(OPTION_PARTITIONS);
        if (text != null) {
            int n = integer(flow, OPTION_PARTITIONS, text);
            if (n < 1) {
                throw invalid(flow, OPTION_PARTITIONS, "must be at least 1, got '" + text + "'");
            }
            partitions = OptionalInt.of(n);
        }
        Optional<Short> replication = defaults.replicationFactor();
        text = options.get(OPTION_REPLICATION_FACTOR);
        if (text != null) {
            int n = integer(flow, OPTION_REPLICATION_FACTOR, text);
            if (n < 1 || n > Short.MAX_VALUE) {
                throw invalid(flow, OPTION_REPLICATION_FACTOR, "must be between 1 and " + Short.MAX_VALUE + ", got '" + text + "'");
            }
            replication = Optional.of((short) n);
        }
        Optional<Long> retention = defaults.retentionMs();
        text = options.get(OPTION_RETENTION);
        if (text != null) {
            try {
                retention = Optional.of(retentionMs(text));
            } catch (IllegalArgumentException e) {
                throw invalid(flow, OPTION_RETENTION, e.getMessage());
            }
        }
        return new TopicOptions(topic, partitions, replication, retention);
    }

    /** The topic of a flow: its name, checked against Kafka's rules. */
    static String topic(FlowSpec flow) throws BrokerException.Fatal {
        String name = flow.flow();
        if (!TOPIC.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new BrokerException.Fatal("Flow " + name + " cannot be a Kafka topic name ([a-zA-Z0-9._-], at most 249 characters)");
        }
        return name;
    }

    /**
     * {@code retention.ms} of a duration text (ISO-8601 or {@code 7d}-style), or -1 for
     * {@code infinite}/{@code unlimited}/{@code -1}.
     */
    static long retentionMs(String text) {
        String v = text.strip().toLowerCase(Locale.ROOT);
        if (v.equals("infinite") || v.equals("unlimited") || v.equals("-1")) {
            return -1;
        }
        Duration d = Durations.parse(v);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("must be positive, got '" + text + "'");
        }
        try {
            return d.toMillis();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("is too long: '" + text + "'");
        }
    }

    NewTopic newTopic() {
        var topic = new NewTopic(this.topic,
                partitions.isPresent() ? Optional.of(partitions.getAsInt()) : Optional.empty(), replicationFactor);
        var configs = new HashMap<String, String>();
        retentionMs.ifPresent(ms -> configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(ms)));
        return configs.isEmpty() ? topic : topic.configs(Map.copyOf(configs));
    }

    private static int integer(FlowSpec flow, String key, String text) throws BrokerException.Fatal {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw invalid(flow, key, "must be an integer, got '" + text + "'");
        }
    }

    private static BrokerException.Fatal invalid(String flow, String key, String problem) {
        return new BrokerException.Fatal("Flow " + flow + ": option '" + key + "' " + problem);
    }

    private static BrokerException.Fatal invalid(FlowSpec flow, String key, String problem) {
        return invalid(flow.flow(), key, problem);
    }
}
