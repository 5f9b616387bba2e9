package org.eson.fnua.commands;

import picocli.CommandLine.Option;

/** {@code --agent NAME}, shared by the commands that talk to an agent. */
final class AgentOption {

    @Option(names = "--agent", paramLabel = "NAME",
            description = "Agent to use, by its name in the configuration file (default: the "
                    + "agent of the longest configured namespace containing the flow, or the "
                    + "only agent).")
    String agent;
}
