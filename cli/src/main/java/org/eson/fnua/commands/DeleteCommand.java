package org.eson.fnua.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code fnua delete}: groups {@code delete flow}. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class, description = "Delete a resource on an agent.",
        subcommands = DeleteFlowCommand.class,
        footerHeading = ExitCodes.FOOTER_HEADING, footer = ExitCodes.FOOTER)
final class DeleteCommand {

    @Mixin(name = Settings.MIXIN)
    GlobalOptions global;
}
