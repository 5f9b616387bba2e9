package org.eson.fnua.commands;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.eson.fnap.name.FlowName;
import org.eson.spi.BrokerException;
import org.eson.spi.Events;
import org.eson.spi.bridge.Delivery;
import org.eson.spi.bridge.EventSource;
import org.eson.spi.bridge.SourceSettings;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fnua tail FLOW}: describes the flow at its agent, then consumes it directly from its
 * broker, printing one line per event and acknowledging each once printed.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Print a flow's events as they arrive, one per line (id type source time "
                + "datacontenttype data): DESCRIBE FLOW at its agent, then read from the "
                + "described broker with its native client. --timeout also bounds how long "
                + "tail runs.",
        footerHeading = ExitCodes.FOOTER_HEADING, footer = ExitCodes.FOOTER)
final class TailCommand extends LeafCommand {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final int BATCH = 100;

    @Parameters(paramLabel = "FLOW", description = "The flow to read.")
    String flow;

    @Option(names = "--group", paramLabel = "GROUP", description = "Consumer group; runs with "
            + "the same group share the events and resume where the group left off (default: a "
            + "new group per run, starting from the earliest retained event).")
    String group;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N events.")
    Integer count;

    @Mixin
    AgentOption agent;

    @Override
    void run(CommandContext context) throws CommandFailure {
        FlowName name = FlowArgument.flow(flow);
        if (count != null && count < 1) {
            throw new CommandFailure(ExitCodes.USAGE, "--count must be at least 1");
        }
        if (group != null && group.isBlank()) {
            throw new CommandFailure(ExitCodes.USAGE, "--group must not be blank");
        }
        String consumerGroup = group != null ? group
                : "fnua-" + UUID.randomUUID().toString().substring(0, 8);
        Optional<Duration> timeout = context.settings().timeout();
        try (NativeFlow target = NativeFlow.open(context, name, optional(agent.agent));
                EventSource source = openSource(target, consumerGroup)) {
            context.debug("Reading flow " + target.spec().flow() + " as consumer group "
                    + consumerGroup);
            long deadline = timeout.map(t -> System.nanoTime() + t.toNanos()).orElse(0L);
            int seen = 0;
            while (count == null || seen < count) {
                Duration wait = POLL;
                if (timeout.isPresent()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    wait = Duration.ofNanos(Math.min(left, POLL.toNanos()));
                }
                int max = count == null ? BATCH : Math.min(BATCH, count - seen);
                List<Delivery> batch;
                try {
                    batch = source.poll(max, wait);
                } catch (BrokerException e) {
                    throw NativeFlow.failure("cannot read flow " + name, e);
                }
                for (Delivery d : batch) {
                    print(context, d.event());
                    context.out().flush();
                    d.ack();
                    seen++;
                }
            }
            if (count != null && seen < count) {
                throw new CommandFailure(ExitCodes.UNAVAILABLE, "timed out after "
                        + timeout.orElseThrow().toMillis() / 1000.0 + " s with " + seen + " of "
                        + count + " events from flow " + name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure(ExitCodes.UNAVAILABLE, "interrupted", e);
        }
    }

    private static EventSource openSource(NativeFlow target, String group) throws CommandFailure {
        try {
            return target.adapter().openSource(target.spec(), new SourceSettings(group));
        } catch (BrokerException e) {
            throw NativeFlow.failure("cannot read flow " + target.flow(), e);
        }
    }

    private static void print(CommandContext context, CloudEvent e) {
        byte[] bytes = Optional.ofNullable(e.getData()).map(CloudEventData::toBytes).orElse(null);
        Optional<String> text = bytes == null ? Optional.empty() : utf8(bytes);
        String time = e.getTime() == null ? null
                : e.getTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        if (context.settings().json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("specversion", e.getSpecVersion().toString());
            json.put("id", e.getId());
            json.put("type", e.getType());
            json.put("source", e.getSource().toString());
            if (time != null) {
                json.put("time", time);
            }
            if (e.getDataContentType() != null) {
                json.put("datacontenttype", e.getDataContentType());
            }
            if (e.getSubject() != null) {
                json.put("subject", e.getSubject());
            }
            for (String ext : e.getExtensionNames()) {
                json.put(ext, Events.canonical(e.getExtension(ext)));
            }
            if (bytes != null) {
                if (text.isPresent()) {
                    json.put("data", text.get());
                } else {
                    json.put("data_base64", Base64.getEncoder().encodeToString(bytes));
                }
            }
            context.printJson(json);
        } else {
            String data = bytes == null ? "-" : text.map(Text::printable)
                    .orElseGet(() -> "base64:" + Base64.getEncoder().encodeToString(bytes));
            context.out().println(String.join(" ", field(e.getId()), field(e.getType()),
                    field(e.getSource().toString()), field(time), field(e.getDataContentType()),
                    data));
        }
    }

    /** A space-free field: {@code -} when absent, spaces shown as {@code %20}. */
    private static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        return Text.printable(value).replace(" ", "%20");
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
