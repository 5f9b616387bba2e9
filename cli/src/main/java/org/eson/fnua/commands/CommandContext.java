package org.eson.fnua.commands;

import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.eson.fnap.fns.Nameserver;
import org.eson.fnap.fns.ResolverSettings;

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

    /**
     * For commands that can do without a configuration ({@code resolve}): the configuration if
     * {@code --config} names one or the default file exists.
     *
     * @return the configuration, if there is one
     * @throws CommandFailure with {@link ExitCodes#USAGE} if it is invalid, or named and missing
     */
    Optional<FlowConfig> optionalConfig() throws CommandFailure {
        if (config == null && settings.config().isEmpty()
                && !Files.exists(ConfigLocation.defaultIn(invocation.home()).path())) {
            return Optional.empty();
        }
        return Optional.of(config());
    }

    /**
     * How to reach DNS: {@code --nameserver} (else {@code nameservers:} of the configuration,
     * else the system's) and {@code --dns-timeout}.
     *
     * @param loaded the configuration, if any
     * @return the resolver settings
     * @throws CommandFailure with {@link ExitCodes#USAGE} for a malformed {@code --nameserver}
     */
    ResolverSettings dnsSettings(Optional<FlowConfig> loaded) throws CommandFailure {
        ResolverSettings dns = ResolverSettings.defaults();
        List<Nameserver> servers = new ArrayList<>();
        for (String text : settings.nameservers()) {
            try {
                servers.add(Nameserver.parse(text));
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(ExitCodes.USAGE, "invalid --nameserver '"
                        + Text.printable(text) + "': " + e.getMessage(), e);
            }
        }
        if (servers.isEmpty() && loaded.isPresent()) {
            servers.addAll(loaded.get().nameservers());
        }
        dns = dns.withNameservers(servers);
        if (settings.dnsTimeout().isPresent()) {
            try {
                dns = dns.withTimeout(settings.dnsTimeout().get());
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(ExitCodes.USAGE, "invalid --dns-timeout: "
                        + e.getMessage(), e);
            }
        }
        return dns;
    }
}
