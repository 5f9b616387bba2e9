package org.eson.fnua.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code fnua get}: groups the listing commands. */
@Command(name = "get", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "List flows, namespaces or configured agents.",
        subcommands = {GetFlowsCommand.class, GetNamespacesCommand.class, GetAgentsCommand.class},
        footerHeading = ExitCodes.FOOTER_HEADING, footer = ExitCodes.FOOTER)
final class GetCommand {

    @Mixin(name = Settings.MIXIN)
    GlobalOptions global;
}
