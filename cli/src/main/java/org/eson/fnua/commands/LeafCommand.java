package org.eson.fnua.commands;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.eson.fnap.name.FlowName;
import org.eson.fnua.agents.AgentSelection;
import org.eson.fnua.agents.AgentSelector;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of the leaf commands, the ones that run: each gets its own {@link GlobalOptions}, so that
 * options are accepted after the subcommand as well as before it.
 */
abstract class LeafCommand implements Callable<Integer> {

    @Mixin(name = Settings.MIXIN)
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws CommandFailure {
        run(CommandContext.of(spec));
        return ExitCodes.OK;
    }

    /**
     * @param context the run's context
     * @throws CommandFailure on any failure the user must hear about
     */
    abstract void run(CommandContext context) throws CommandFailure;

    static Optional<String> optional(String value) {
        return Optional.ofNullable(value);
    }

    /** The agent of the flow's namespace, or the one named with {@code --agent}. */
    static AgentSelection agentFor(CommandContext context, FlowName flow, AgentOption agent) throws CommandFailure {
        AgentSelector selector = new AgentSelector(context.config());
        return Selection.of(() -> selector.forFlow(flow, optional(agent.agent)));
    }

    /** {@code Flow X <result> successfully}, or its JSON form, after a command on one flow. */
    static void printFlowResult(CommandContext context, FlowName flow, String result, AgentSelection selection) {
        if (context.settings().json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("flow", flow.fqdn());
            json.put("result", result);
            json.put("agent", selection.agent().name());
            context.printJson(json);
        } else {
            context.out().println("Flow " + flow.fqdn() + " " + result + " successfully");
        }
    }
}
