package org.eson.fnua.commands;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eson.fnap.name.FlowName;
import org.eson.fnua.agents.AgentSelection;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code fnua describe flow FLOW}: sends {@code DESCRIBE FLOW} and prints the key=value lines. */
@Command(name = "flow", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Describe a flow (DESCRIBE FLOW): its broker type and how to reach it.",
        footerHeading = ExitCodes.FOOTER_HEADING, footer = ExitCodes.FOOTER)
final class DescribeFlowCommand extends LeafCommand {

    @Parameters(paramLabel = "FLOW", description = "Flow name, e.g. time.flows.unix.ar.")
    String flow;

    @Mixin
    AgentOption agent;

    @Override
    void run(CommandContext context) throws CommandFailure {
        FlowName name = FlowArgument.flow(flow);
        AgentSelection selection = agentFor(context, name, agent);
        Map<String, String> description = new AgentSession(context).run(selection,
                "DESCRIBE FLOW " + name.fqdn(), client -> client.describeFlow(name));
        if (context.settings().json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("flow", name.fqdn());
            json.put("description", description);
            json.put("agent", selection.agent().name());
            context.printJson(json);
        } else {
            PrintStream out = context.out();
            out.println("Flow " + name.fqdn() + " description:");
            description.forEach((k, v) -> out.println(Text.printable(k) + "=" + Text.printable(v)));
            out.println("Flow " + name.fqdn() + " described successfully");
        }
    }
}
