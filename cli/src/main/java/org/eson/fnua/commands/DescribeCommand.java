package org.eson.fnua.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code fnua describe} (or {@code desc}): groups {@code describe flow}. */
@Command(name = "describe", aliases = "desc", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Describe a resource on an agent.",
        subcommands = DescribeFlowCommand.class,
        footerHeading = ExitCodes.FOOTER_HEADING, footer = ExitCodes.FOOTER)
final class DescribeCommand {

    @Mixin(name = Settings.MIXIN)
    GlobalOptions global;
}
