package org.eson.fnua.commands;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eson.fnap.name.FlowName;
import org.eson.spi.BrokerException;
import org.eson.spi.Events;
import org.eson.spi.bridge.EventSink;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fnua publish FLOW}: describes the flow at its agent, then publishes one CloudEvent
 * directly to its broker with the native client of the described type.
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Publish one CloudEvent to a flow: DESCRIBE FLOW at its agent, then write "
                + "to the described broker with its native client.",
        footerHeading = ExitCodes.FOOTER_HEADING, footer = ExitCodes.FOOTER)
final class PublishCommand extends LeafCommand {

    /** Default {@code type} attribute. */
    static final String DEFAULT_TYPE = "org.eson.fnua.event";
    /** Default {@code source} attribute. */
    static final String DEFAULT_SOURCE = "/fnua";

    private static final Duration DEFAULT_PUBLISH_TIMEOUT = Duration.ofSeconds(30);

    @Parameters(paramLabel = "FLOW", description = "The flow to publish to.")
    String flow;

    @Option(names = "--type", paramLabel = "TYPE",
            description = "CloudEvents type (default: " + DEFAULT_TYPE + ").")
    String type = DEFAULT_TYPE;

    @Option(names = "--source", paramLabel = "URI",
            description = "CloudEvents source, a URI-reference (default: " + DEFAULT_SOURCE + ").")
    String source = DEFAULT_SOURCE;

    @Option(names = "--id", paramLabel = "ID", description = "CloudEvents id (default: a random UUID).")
    String id;

    @Option(names = "--data", paramLabel = "TEXT", description = "The event data, as UTF-8 text.")
    String data;

    @Option(names = "--data-file", paramLabel = "FILE", description = "The event data, the "
            + "bytes of FILE.")
    Path dataFile;

    @Option(names = "--content-type", paramLabel = "CT", description = "CloudEvents "
            + "datacontenttype (default: text/plain; charset=utf-8 with --data, "
            + "application/octet-stream with --data-file).")
    String contentType;

    @Option(names = "--key", paramLabel = "KEY", description = "Partition key (the CloudEvents "
            + "partitionkey extension): events with the same key keep their order.")
    String key;

    @Mixin
    AgentOption agent;

    @Override
    void run(CommandContext context) throws CommandFailure {
        FlowName name = FlowArgument.flow(flow);
        CloudEvent event = event();
        try (NativeFlow target = NativeFlow.open(context, name, optional(agent.agent));
                EventSink sink = openSink(target)) {
            Duration timeout = context.settings().timeout().orElse(DEFAULT_PUBLISH_TIMEOUT);
            context.debug("Publishing event " + event.getId() + " to " + target.spec().flow());
            try {
                sink.publish(event).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw NativeFlow.failure("cannot publish to flow " + name, e.getCause());
            } catch (TimeoutException e) {
                throw new CommandFailure(ExitCodes.UNAVAILABLE, "cannot publish to flow " + name
                        + ": the broker did not confirm within " + timeout.toSeconds() + " s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CommandFailure(ExitCodes.UNAVAILABLE, "interrupted", e);
            }
            if (context.settings().json()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("flow", name.fqdn());
                json.put("id", event.getId());
                json.put("result", "published");
                json.put("agent", target.selection().agent().name());
                context.printJson(json);
            } else {
                context.out().println("Event " + Text.printable(event.getId())
                        + " published to flow " + name.fqdn());
            }
        }
    }

    private static EventSink openSink(NativeFlow target) throws CommandFailure {
        try {
            return target.adapter().openSink(target.spec());
        } catch (BrokerException e) {
            throw NativeFlow.failure("cannot publish to flow " + target.flow(), e);
        }
    }

    private CloudEvent event() throws CommandFailure {
        if (data != null && dataFile != null) {
            throw new CommandFailure(ExitCodes.USAGE, "give --data or --data-file, not both");
        }
        URI sourceUri;
        try {
            sourceUri = new URI(source);
        } catch (URISyntaxException e) {
            throw new CommandFailure(ExitCodes.USAGE, "invalid --source '"
                    + Text.printable(source) + "': " + e.getMessage(), e);
        }
        if (type.isBlank()) {
            throw new CommandFailure(ExitCodes.USAGE, "--type must not be blank");
        }
        if (id != null && id.isBlank()) {
            throw new CommandFailure(ExitCodes.USAGE, "--id must not be blank");
        }
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(id != null ? id : UUID.randomUUID().toString())
                .withType(type)
                .withSource(sourceUri)
                .withTime(OffsetDateTime.now(ZoneOffset.UTC));
        byte[] bytes = null;
        String ct = contentType;
        if (data != null) {
            bytes = data.getBytes(StandardCharsets.UTF_8);
            ct = ct != null ? ct : "text/plain; charset=utf-8";
        } else if (dataFile != null) {
            try {
                bytes = Files.readAllBytes(dataFile);
            } catch (IOException e) {
                throw new CommandFailure(ExitCodes.USAGE, "cannot read --data-file "
                        + dataFile + ": " + e.getMessage(), e);
            }
            ct = ct != null ? ct : "application/octet-stream";
        }
        if (bytes != null) {
            builder.withData(ct, bytes);
        } else if (ct != null) {
            builder.withDataContentType(ct);
        }
        if (key != null) {
            builder.withExtension(Events.PARTITION_KEY, key);
        }
        try {
            return builder.build();
        } catch (RuntimeException e) {
            throw new CommandFailure(ExitCodes.USAGE, "invalid event: " + e.getMessage(), e);
        }
    }
}
