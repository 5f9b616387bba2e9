package org.eson.fnua.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

import org.eson.fnap.name.FlowName;
import org.eson.fnua.agents.AgentSelection;
import org.eson.fnua.agents.AgentSelector;
import org.eson.spi.BrokerAdapter;
import org.eson.spi.BrokerAdapterProvider;
import org.eson.spi.BrokerException;
import org.eson.spi.FlowDescription;
import org.eson.spi.FlowSpec;

/**
 * For {@code publish} and {@code tail}: {@code DESCRIBE FLOW} at the flow's agent, then a native
 * client of the described broker, through the adapter whose provider {@link
 * BrokerAdapterProvider#name() name} equals the description's {@code type} ({@link ServiceLoader}),
 * attached with the agent's {@code broker-credentials}.
 *
 * @param flow        the flow
 * @param description what DESCRIBE said
 * @param adapter     the attached adapter; the caller closes it
 * @param selection   the agent that described the flow
 */
record NativeFlow(FlowName flow, FlowDescription description, BrokerAdapter adapter,
        AgentSelection selection) implements AutoCloseable {

    /** The adapter name in logs and client ids. */
    static final String CLIENT_NAME = "fnua";

    static NativeFlow open(CommandContext context, FlowName flow, Optional<String> agentName)
            throws CommandFailure {
        AgentSelector selector = new AgentSelector(context.config());
        AgentSelection selection = Selection.of(() -> selector.forFlow(flow, agentName));
        Map<String, String> described = new AgentSession(context).run(selection,
                "DESCRIBE FLOW " + flow.fqdn(), client -> client.describeFlow(flow));
        FlowDescription description;
        try {
            description = new FlowDescription(described);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.UNAVAILABLE, selection.agent().name()
                    + " sent an invalid description of " + flow + ": "
                    + Text.printable(e.getMessage()), e);
        }
        String type = description.find(FlowDescription.TYPE).map(String::strip).orElse("");
        if (type.isEmpty()) {
            throw new CommandFailure(ExitCodes.REFUSED, "the description of " + flow
                    + " has no broker type; cannot open a native client");
        }
        BrokerAdapterProvider provider = provider(type);
        context.debug("Attaching " + type + " adapter to "
                + description.find(FlowDescription.SERVER).orElse("(no server)")
                + description.find(FlowDescription.TOPIC).map(t -> " topic " + t).orElse("")
                + description.find(FlowDescription.QUEUE).map(q -> " queue " + q).orElse(""));
        BrokerAdapter adapter;
        try {
            adapter = provider.attach(CLIENT_NAME, description,
                    selection.agent().brokerCredentials());
        } catch (BrokerException e) {
            throw failure("cannot attach to the " + type + " broker of flow " + flow, e);
        }
        return new NativeFlow(flow, description, adapter, selection);
    }

    private static BrokerAdapterProvider provider(String type) throws CommandFailure {
        List<String> installed = new ArrayList<>();
        for (BrokerAdapterProvider p : ServiceLoader.load(BrokerAdapterProvider.class,
                NativeFlow.class.getClassLoader())) {
            if (p.name().equalsIgnoreCase(type)) {
                return p;
            }
            installed.add(p.name());
        }
        throw new CommandFailure(ExitCodes.REFUSED, "no adapter for broker type '"
                + Text.printable(type) + "' is installed (installed: "
                + (installed.isEmpty() ? "none" : String.join(", ", installed)) + ")");
    }

    /** Retriable broker failures may succeed later (3); the others will not (1). */
    static CommandFailure failure(String what, Throwable e) {
        Throwable cause = e;
        while (!(cause instanceof BrokerException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        int code = cause instanceof BrokerException b && b.retriable()
                ? ExitCodes.UNAVAILABLE : ExitCodes.REFUSED;
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return new CommandFailure(code, what + ": " + Text.printable(message), e);
    }

    /**
     * The name the attached adapter answers to: the description's {@code flow}, else its topic or
     * queue (the SPI's contract for {@link BrokerAdapterProvider#attach}).
     */
    FlowSpec spec() {
        return FlowSpec.of(description.find(FlowDescription.FLOW)
                .or(() -> description.find(FlowDescription.TOPIC))
                .or(() -> description.find(FlowDescription.QUEUE))
                .map(String::strip).filter(s -> !s.isEmpty())
                .orElse(flow.fqdn()));
    }

    @Override
    public void close() {
        adapter.close();
    }
}
