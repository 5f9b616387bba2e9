package org.eson.gateway.observe;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eson.fnap.wire.Reply;

/**
 * The gateway's counters and gauges, rendered in the Prometheus text exposition format (0.0.4).
 * Kept dependency-free: a handful of adders is all FNAP needs, and the output is checked in tests.
 */
public final class GatewayMetrics {

    private final LongAdder sessionsOpened = new LongAdder();
    private final LongAdder sessionsClosed = new LongAdder();
    private final LongAdder sessionsRejected = new LongAdder();
    private final LongAdder authenticationFailures = new LongAdder();
    private final Map<CommandKey, LongAdder> commands = new ConcurrentHashMap<>();
    private volatile Supplier<Map<String, Integer>> flowsByNamespace = Map::of;
    private final Map<String, LongAdder> fnsUpdates = new ConcurrentHashMap<>();

    private volatile Supplier<List<ProcessorSample>> processors = List::of;

    /**
     * One processor's counters at scrape time.
     *
     * @param state           lower-case lifecycle state ({@code running}, {@code paused}...)
     * @param lastEventEpochSeconds when the processor's sink last confirmed an event,
     *                        empty before the first
     */
    public record ProcessorSample(String id, String kind, String state, long eventsIn, long eventsOut, long errors,
                                  long deadLettered, OptionalDouble lastEventEpochSeconds) {
    }

    /** The states {@code eson_processors} always reports, so a dashboard sees zeros rather than gaps. */
    private static final List<String> PROCESSOR_STATES = List.of("created", "running", "paused", "failed");

    private record CommandKey(String verb, String replyClass) {
    }

    public void sessionOpened() {
        sessionsOpened.increment();
    }

    public void sessionClosed() {
        sessionsClosed.increment();
    }

    public void sessionRejected() {
        sessionsRejected.increment();
    }

    public void authenticationFailed() {
        authenticationFailures.increment();
    }

    /** Counts a reply by the command's verb and the reply's class ({@code 2xx}, {@code 4xx}, {@code 5xx}). */
    public void commandReplied(String verb, Reply reply) {
        String replyClass = (reply.code() / 100) + "xx";
        commands.computeIfAbsent(new CommandKey(verb, replyClass), key -> new LongAdder()).increment();
    }

    /** Counts one DNS update by outcome: {@code ok}, {@code transient} or {@code permanent}. */
    public void fnsUpdate(String result) {
        fnsUpdates.computeIfAbsent(result, key -> new LongAdder()).increment();
    }

    public long fnsUpdates(String result) {
        LongAdder adder = fnsUpdates.get(result);
        return adder == null ? 0 : adder.sum();
    }

    /** Where the flow gauge reads from at scrape time, so it never drifts from the registry. */
    public void flowsFrom(Supplier<Map<String, Integer>> source) {
        this.flowsByNamespace = source;
    }

    /** Where the processor metrics read from at scrape time; the runtime owns the counters. */
    public void processorsFrom(Supplier<List<ProcessorSample>> source) {
        this.processors = source;
    }

    public long sessionsOpen() {
        return sessionsOpened.sum() - sessionsClosed.sum();
    }

    public long commandCount(String verb, String replyClass) {
        LongAdder adder = commands.get(new CommandKey(verb, replyClass));
        return adder == null ? 0 : adder.sum();
    }

    /** The Prometheus text of every metric. */
    public String scrape() {
        var out = new StringBuilder(1024);
        gauge(out, "eson_fnap_sessions_open", "FNAP sessions currently open", sessionsOpen());
        counter(out, "eson_fnap_sessions_total", "FNAP sessions accepted", sessionsOpened.sum());
        counter(out, "eson_fnap_sessions_rejected_total", "FNAP sessions refused by the session cap",
                sessionsRejected.sum());
        counter(out, "eson_fnap_authentication_failures_total", "Failed FNAP authentications",
                authenticationFailures.sum());
        out.append("# HELP eson_fnap_commands_total FNAP command replies by verb and reply class\n")
                .append("# TYPE eson_fnap_commands_total counter\n");
        new TreeMap<String, Long>(commandsSnapshot()).forEach((labels, value) ->
                out.append("eson_fnap_commands_total{").append(labels).append("} ").append(value).append('\n'));
        out.append("# HELP eson_flows Flows in the registry by namespace\n").append("# TYPE eson_flows gauge\n");
        new TreeMap<>(flowsByNamespace.get()).forEach((namespace, count) ->
                out.append("eson_flows{namespace=\"").append(escape(namespace)).append("\"} ")
                        .append(count).append('\n'));
        out.append("# HELP eson_fns_updates_total DNS updates sent by the Flow Name Service, by outcome\n")
                .append("# TYPE eson_fns_updates_total counter\n");
        for (String result : new String[] {"ok", "transient", "permanent"}) {
            out.append("eson_fns_updates_total{result=\"").append(result).append("\"} ")
                    .append(fnsUpdates(result)).append('\n');
        }
        processorMetrics(out);
        return out.toString();
    }

    private void processorMetrics(StringBuilder out) {
        List<ProcessorSample> samples = processors.get().stream()
                .sorted(Comparator.comparing(ProcessorSample::id)).toList();
        var byState = new TreeMap<String, Integer>();
        PROCESSOR_STATES.forEach(state -> byState.put(state, 0));
        samples.forEach(sample -> byState.merge(sample.state(), 1, Integer::sum));
        out.append("# HELP eson_processors Flow processors by lifecycle state\n")
                .append("# TYPE eson_processors gauge\n");
        byState.forEach((state, count) -> out.append("eson_processors{state=\"").append(escape(state)).append("\"} ")
                .append(count).append('\n'));
        processorSeries(out, samples, "eson_processor_events_in_total", "counter",
                "Events a processor read from its source, redeliveries included", s -> Long.toString(s.eventsIn()));
        processorSeries(out, samples, "eson_processor_events_out_total", "counter",
                "Events a processor's sink confirmed", s -> Long.toString(s.eventsOut()));
        processorSeries(out, samples, "eson_processor_errors_total", "counter",
                "Failed polls and publishes of a processor", s -> Long.toString(s.errors()));
        processorSeries(out, samples, "eson_processor_dead_lettered_total", "counter",
                "Events a processor moved to its dead-letter flow", s -> Long.toString(s.deadLettered()));
        processorSeries(out, samples.stream().filter(s -> s.lastEventEpochSeconds().isPresent()).toList(),
                "eson_processor_last_event_timestamp_seconds", "gauge",
                "When a processor's sink last confirmed an event, in seconds since the epoch",
                s -> Double.toString(s.lastEventEpochSeconds().getAsDouble()));
    }

    private static void processorSeries(StringBuilder out, List<ProcessorSample> samples, String name, String type,
                                        String help, Function<ProcessorSample, String> value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n');
        for (ProcessorSample sample : samples) {
            out.append(name).append("{processor=\"").append(escape(sample.id())).append("\",kind=\"")
                    .append(escape(sample.kind())).append("\"} ").append(value.apply(sample)).append('\n');
        }
    }

    private Map<String, Long> commandsSnapshot() {
        var snapshot = new TreeMap<String, Long>();
        commands.forEach((key, adder) -> snapshot.put(
                "verb=\"" + escape(key.verb()) + "\",class=\"" + key.replyClass() + "\"", adder.sum()));
        return snapshot;
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(value).append('\n');
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n")
                .append(name).append(' ').append(value).append('\n');
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
