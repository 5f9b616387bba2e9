package org.eson.fnua.commands;

import java.io.PrintStream;
import java.util.Objects;

import org.eson.fnua.config.ConfigException;
import org.eson.fnua.config.ConfigLoader;
import org.eson.fnua.config.ConfigLocation;
import org.eson.fnua.config.FlowConfig;
import org.eson.fnua.json.Json;

import picocli.CommandLine.Model.CommandSpec;

/**
 * What a running command needs: its merged settings, its streams, and the configuration (loaded
 * on first use, so that {@code --help} never needs a config file).
 */
final class CommandContext {

    private final Settings settings;
    private final Invocation invocation;
    private FlowConfig config;

    private CommandContext(Settings settings, Invocation invocation) {
        this.settings = settings;
        this.invocation = invocation;
    }

    /**
     * @param spec the running command
     * @return its context; the invocation is held by the root command, the only place that
     *         exists once per run
     */
    static CommandContext of(CommandSpec spec) {
        FnuaCommand root = (FnuaCommand) spec.root().userObject();
        return new CommandContext(Settings.of(spec), root.invocation());
    }

    Settings settings() {
        return settings;
    }

    Invocation invocation() {
        return invocation;
    }

    PrintStream out() {
        return invocation.out();
    }

    /** Prints a {@code -d} line, the way the thesis CLI interleaves its own lines with the trace. */
    void debug(String line) {
        if (settings.debug()) {
            invocation.err().println(line);
        }
    }

    /** Warnings are shown whatever the flags: they are about the user's secrets. */
    void warn(String message) {
        invocation.err().println("fnua: " + message);
    }

    void printJson(Object value) {
        invocation.out().println(Json.write(value));
    }

    /**
     * @return the configuration, loaded and validated once
     * @throws CommandFailure with {@link ExitCodes#USAGE} if it is missing or invalid
     */
    FlowConfig config() throws CommandFailure {
        if (config == null) {
            ConfigLocation location = settings.config()
                    .map(ConfigLocation::explicit)
                    .orElseGet(() -> ConfigLocation.defaultIn(invocation.home()));
            debug("Using config file: " + location.displayName());
            try {
                config = new ConfigLoader(this::warn, invocation.home()).load(location);
            } catch (ConfigException e) {
                throw new CommandFailure(ExitCodes.USAGE, e.getMessage(), e);
            }
        }
        return Objects.requireNonNull(config);
    }
}
