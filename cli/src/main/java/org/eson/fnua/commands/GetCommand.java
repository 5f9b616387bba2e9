package org.eson.fnua.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code fnua get}: groups the listing commands. */
@Command(name = "get", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "List flows, namespaces, configured agents, subscriptions or subscribers.",
        subcommands = {GetFlowsCommand.class, GetNamespacesCommand.class, GetAgentsCommand.class,
                GetSubscriptionsCommand.class, GetSubscribersCommand.class},
        footerHeading = ExitCodes.FOOTER_HEADING, footer = ExitCodes.FOOTER)
final class GetCommand {

    @Mixin(name = Settings.MIXIN)
    GlobalOptions global;
}
