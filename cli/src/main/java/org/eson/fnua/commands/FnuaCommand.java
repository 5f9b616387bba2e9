package org.eson.fnua.commands;

import java.util.Objects;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The root {@code fnua} command. Not runnable by itself, so that picocli answers a bare
 * {@code fnua} with "Missing required subcommand" (exit code 2).
 */
@Command(name = "fnua", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Flow Namespace User Agent: manage flows on Flow Namespace Accessing Agents "
                + "(FNAA) over FNAP.",
        subcommands = {CreateCommand.class, DescribeCommand.class, DeleteCommand.class,
                GetCommand.class, ResolveCommand.class, SubscribeCommand.class,
                UnsubscribeCommand.class, RevokeCommand.class, PublishCommand.class,
                TailCommand.class},
        footerHeading = ExitCodes.FOOTER_HEADING, footer = ExitCodes.FOOTER)
public final class FnuaCommand {

    @Mixin(name = Settings.MIXIN)
    GlobalOptions global;

    private final Invocation invocation;

    /**
     * @param invocation the streams and environment of this run
     */
    public FnuaCommand(Invocation invocation) {
        this.invocation = Objects.requireNonNull(invocation, "invocation");
    }

    Invocation invocation() {
        return invocation;
    }
}
