package org.eson.fnua.commands;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eson.fnap.client.FnapEndpoint;
import org.eson.fnua.config.AgentConfig;
import org.eson.fnua.config.FlowConfig;

import picocli.CommandLine.Command;

/**
 * {@code fnua get agents}: the configured agents, from the configuration alone (no network, so
 * agents configured without host and port show as found through DNS SRV, not where DNS says).
 * Passwords and where they come from are never shown: this output ends up in bug reports.
 */
@Command(name = "agents", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "List the agents of the configuration file (no network access).",
        footerHeading = ExitCodes.FOOTER_HEADING, footer = ExitCodes.FOOTER)
final class GetAgentsCommand extends LeafCommand {

    private static final List<String> HEADERS = List.of("NAME", "FQDN", "ENDPOINT", "USERNAME");

    @Override
    void run(CommandContext context) throws CommandFailure {
        FlowConfig config = context.config();
        if (context.settings().json()) {
            List<Object> agents = new ArrayList<>();
            for (AgentConfig a : config.agents()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("name", a.name());
                json.put("fqdn", a.fqdn());
                // An agent without host and port is found through DNS when used (no lookup here).
                boolean dns = !a.hasConfiguredEndpoint();
                json.put("host", dns ? null : a.hostOrFqdn());
                json.put("port", dns ? null : a.portOrDefault());
                json.put("discovery", dns ? "dns" : "config");
                json.put("tls", a.tls());
                json.put("username", a.username());
                json.put("prefix", a.prefix());
                json.put("namespaces", config.namespacesOf(a.name()));
                agents.add(json);
            }
            context.printJson(Map.of("agents", agents));
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (AgentConfig a : config.agents()) {
            rows.add(List.of(a.name(), a.fqdn(), endpoint(a), a.username()).stream()
                    .map(Text::printable).toList());
        }
        print(context.out(), rows);
    }

    private static String endpoint(AgentConfig a) {
        if (!a.hasConfiguredEndpoint()) {
            return a.tls() ? "(DNS SRV, tls)" : "(DNS SRV)";
        }
        String address = new FnapEndpoint(a.hostOrFqdn(), a.portOrDefault(), a.tls()).address();
        return a.tls() ? address + " (tls)" : address;
    }

    private static void print(PrintStream out, List<List<String>> rows) {
        int[] widths = new int[HEADERS.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                sb.append(cell);
                if (i < row.size() - 1) {
                    sb.append(" ".repeat(widths[i] - cell.length() + 2));
                }
            }
            out.println(sb);
        }
    }
}
