package org.eson.fnua.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code fnua create}: groups {@code create flow}. */
@Command(name = "create", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class, description = "Create a resource on an agent.",
        subcommands = CreateFlowCommand.class,
        footerHeading = ExitCodes.FOOTER_HEADING, footer = ExitCodes.FOOTER)
final class CreateCommand {

    @Mixin(name = Settings.MIXIN)
    GlobalOptions global;
}
