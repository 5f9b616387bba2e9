package org.eson.adapters.memory;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.OptionalInt;

import org.eson.spi.BrokerException;
import org.eson.spi.FlowSpec;

/**
 * The flow options this adapter understands, validated once at {@code create} so a typo fails
 * provisioning instead of silently disabling ttl or dead-lettering later.
 *
 * @param ttl            how long an undelivered event stays deliverable, or null for ever
 * @param maxDeliveries  deliveries per group before an event is dead-lettered, empty for unlimited
 * @param deadLetterFlow where dead-lettered events go (meaningful only with maxDeliveries)
 */
record FlowOptions(Duration ttl, OptionalInt maxDeliveries, String deadLetterFlow) {

    /** Parses the options of {@code spec}; keys meant for other adapters are ignored. */
    static FlowOptions of(FlowSpec spec) throws BrokerException.Fatal {
        String flow = spec.flow();
        var options = spec.options();

        Duration ttl = null;
        String ttlText = options.get(MemoryBrokerAdapter.OPTION_TTL);
        if (ttlText != null) {
            try {
                ttl = Duration.parse(ttlText.trim());
            } catch (DateTimeParseException e) {
                throw invalid(flow, MemoryBrokerAdapter.OPTION_TTL, "must be an ISO-8601 duration like PT5M, got '" + ttlText + "'");
            }
            if (ttl.isNegative() || ttl.isZero()) {
                throw invalid(flow, MemoryBrokerAdapter.OPTION_TTL, "must be positive, got '" + ttlText + "'");
            }
        }

        OptionalInt maxDeliveries = OptionalInt.empty();
        String maxText = options.get(MemoryBrokerAdapter.OPTION_MAX_DELIVERIES);
        if (maxText != null) {
            int max;
            try {
                max = Integer.parseInt(maxText.trim());
            } catch (NumberFormatException e) {
                throw invalid(flow, MemoryBrokerAdapter.OPTION_MAX_DELIVERIES, "must be an integer, got '" + maxText + "'");
            }
            if (max < 1) {
                throw invalid(flow, MemoryBrokerAdapter.OPTION_MAX_DELIVERIES, "must be at least 1, got '" + maxText + "'");
            }
            maxDeliveries = OptionalInt.of(max);
        }

        String deadLetterFlow = options.getOrDefault(MemoryBrokerAdapter.OPTION_DEAD_LETTER_FLOW,
                MemoryBrokerAdapter.DEAD_LETTER_PREFIX + flow).trim();
        if (deadLetterFlow.isEmpty()) {
            throw invalid(flow, MemoryBrokerAdapter.OPTION_DEAD_LETTER_FLOW, "is blank");
        }
        if (deadLetterFlow.equals(flow)) {
            throw invalid(flow, MemoryBrokerAdapter.OPTION_DEAD_LETTER_FLOW, "names the flow itself");
        }
        return new FlowOptions(ttl, maxDeliveries, deadLetterFlow);
    }

    /** A flow created on demand (a dead-letter flow): no ttl, no dead-lettering. */
    static FlowOptions none(String flow) {
        return new FlowOptions(null, OptionalInt.empty(), MemoryBrokerAdapter.DEAD_LETTER_PREFIX + flow);
    }

    /** Whether a slot delivered {@code deliveries} times must not be delivered again. */
    boolean exhausted(int deliveries) {
        return maxDeliveries.isPresent() && deliveries >= maxDeliveries.getAsInt();
    }

    private static BrokerException.Fatal invalid(String flow, String key, String problem) {
        return new BrokerException.Fatal("Flow " + flow + ": option '" + key + "' " + problem);
    }
}
