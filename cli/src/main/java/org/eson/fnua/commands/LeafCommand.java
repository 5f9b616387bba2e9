package org.eson.fnua.commands;

import java.util.Optional;
import java.util.concurrent.Callable;

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
}
