package org.eson.gateway.processors;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a processor runs.
 *
 * @param batchSize      the most events one poll of the source returns (at least 1)
 * @param maxAttempts    how often the sink may refuse an event for good ({@code Fatal}) before
 *                       it goes to the dead-letter flow (at least 1)
 * @param deadLetterFlow the dead-letter flow on the source's broker; empty means
 *                       {@code dlq.<source flow>}
 */
public record ProcessorSettings(int batchSize, int maxAttempts, Optional<String> deadLetterFlow) {

    public static final int DEFAULT_BATCH_SIZE = 100;
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    /** The memory adapter's own dead-letter prefix too, so operators see one convention. */
    public static final String DEAD_LETTER_PREFIX = "dlq.";

    static final String BATCH_SIZE = "batch-size";
    static final String MAX_ATTEMPTS = "max-attempts";
    static final String DEAD_LETTER_FLOW = "dead-letter-flow";

    public ProcessorSettings {
        Objects.requireNonNull(deadLetterFlow, "deadLetterFlow");
        if (batchSize < 1) {
            throw new IllegalArgumentException(BATCH_SIZE + " must be at least 1, got " + batchSize);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(MAX_ATTEMPTS + " must be at least 1, got " + maxAttempts);
        }
        deadLetterFlow = deadLetterFlow.filter(f -> !f.isBlank());
    }

    public static ProcessorSettings defaults() {
        return new ProcessorSettings(DEFAULT_BATCH_SIZE, DEFAULT_MAX_ATTEMPTS, Optional.empty());
    }

    public ProcessorSettings withBatchSize(int batchSize) {
        return new ProcessorSettings(batchSize, maxAttempts, deadLetterFlow);
    }

    public ProcessorSettings withMaxAttempts(int maxAttempts) {
        return new ProcessorSettings(batchSize, maxAttempts, deadLetterFlow);
    }

    public ProcessorSettings withDeadLetterFlow(String flow) {
        return new ProcessorSettings(batchSize, maxAttempts, Optional.ofNullable(flow));
    }

    /** The dead-letter flow for a processor reading {@code sourceFlow}. */
    public String deadLetterFlowFor(String sourceFlow) {
        return deadLetterFlow.orElse(DEAD_LETTER_PREFIX + sourceFlow);
    }

    /** key=value lines, the store's format; keys in a fixed order so equal settings store equally. */
    public String toText() {
        var lines = new StringBuilder();
        lines.append(BATCH_SIZE).append('=').append(batchSize).append('\n');
        lines.append(MAX_ATTEMPTS).append('=').append(maxAttempts).append('\n');
        deadLetterFlow.ifPresent(f -> lines.append(DEAD_LETTER_FLOW).append('=').append(f).append('\n'));
        return lines.toString();
    }

    /**
     * Reads {@link #toText()}. Unknown keys are ignored so that a gateway rolled back to an older
     * version still starts the processors a newer one stored.
     */
    public static ProcessorSettings parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (line.isBlank() || eq < 1) {
                continue;
            }
            values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
        ProcessorSettings d = defaults();
        return new ProcessorSettings(
                intValue(values, BATCH_SIZE, d.batchSize()),
                intValue(values, MAX_ATTEMPTS, d.maxAttempts()),
                Optional.ofNullable(values.get(DEAD_LETTER_FLOW)));
    }

    private static int intValue(Map<String, String> values, String key, int fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a number: " + value, e);
        }
    }
}
