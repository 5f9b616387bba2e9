package org.eson.adapters.memory;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.OptionalInt;

import org.eson.spi.BrokerException;
import org.eson.spi.FlowOptions;
import org.eson.spi.FlowSpec;

/**
 * The flow options this adapter understands, validated once at {@code create} so a typo fails
 * provisioning instead of silently disabling ttl or dead-lettering later.
 *
 * @param ttl            how long an undelivered event stays deliverable, or null for ever
 * @param maxDeliveries  deliveries per group before an event is dead-lettered, empty for unlimited
 * @param deadLetterFlow where dead-lettered events go (meaningful only with maxDeliveries)
 */
record MemoryFlowOptions(Duration ttl, OptionalInt maxDeliveries, String deadLetterFlow) {

    /** Parses the options of {@code spec}; keys meant for other adapters are ignored. */
    static MemoryFlowOptions of(FlowSpec spec) throws BrokerException.Fatal {
        String flow = spec.flow();
        var options = spec.options();

        Duration ttl = null;
        String ttlText = options.get(FlowOptions.TTL);
        if (ttlText != null) {
            try {
                ttl = Duration.parse(ttlText.trim());
            } catch (DateTimeParseException e) {
                throw invalid(flow, FlowOptions.TTL, "must be an ISO-8601 duration like PT5M, got '" + ttlText + "'");
            }
            if (ttl.isNegative() || ttl.isZero()) {
                throw invalid(flow, FlowOptions.TTL, "must be positive, got '" + ttlText + "'");
            }
        }

        OptionalInt maxDeliveries = OptionalInt.empty();
        String maxText = options.get(FlowOptions.MAX_DELIVERIES);
        if (maxText != null) {
            int max;
            try {
                max = Integer.parseInt(maxText.trim());
            } catch (NumberFormatException e) {
                throw invalid(flow, FlowOptions.MAX_DELIVERIES, "must be an integer, got '" + maxText + "'");
            }
            if (max < 1) {
                throw invalid(flow, FlowOptions.MAX_DELIVERIES, "must be at least 1, got '" + maxText + "'");
            }
            maxDeliveries = OptionalInt.of(max);
        }

        String deadLetterFlow = options.getOrDefault(FlowOptions.DEAD_LETTER_FLOW,
                FlowOptions.defaultDeadLetterFlow(flow)).trim();
        if (deadLetterFlow.isEmpty()) {
            throw invalid(flow, FlowOptions.DEAD_LETTER_FLOW, "is blank");
        }
        if (deadLetterFlow.equals(flow)) {
            throw invalid(flow, FlowOptions.DEAD_LETTER_FLOW, "names the flow itself");
        }
        return new MemoryFlowOptions(ttl, maxDeliveries, deadLetterFlow);
    }

    /** A flow created on demand (a dead-letter flow): no ttl, no dead-lettering. */
    static MemoryFlowOptions none(String flow) {
        return new MemoryFlowOptions(null, OptionalInt.empty(), FlowOptions.defaultDeadLetterFlow(flow));
    }

    /** Whether a slot delivered {@code deliveries} times must not be delivered again. */
    boolean exhausted(int deliveries) {
        return maxDeliveries.isPresent() && deliveries >= maxDeliveries.getAsInt();
    }

    private static BrokerException.Fatal invalid(String flow, String key, String problem) {
        return new BrokerException.Fatal("Flow " + flow + ": option '" + key + "' " + problem);
    }
}
