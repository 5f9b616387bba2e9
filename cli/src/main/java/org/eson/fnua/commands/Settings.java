package org.eson.fnua.commands;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import picocli.CommandLine.Model.CommandSpec;

/**
 * The effective global options of one run, merged from every command level.
 *
 * @param config  {@code --config}, if given at any level
 * @param debug   {@code -d} at any level
 * @param json    {@code --json} at any level
 * @param timeout {@code --timeout}, if given at any level
 * @param nameservers {@code --nameserver} values of the innermost level giving any, unparsed
 * @param dnsTimeout  {@code --dns-timeout}, if given at any level
 */
record Settings(Optional<Path> config, boolean debug, boolean json, Optional<Duration> timeout,
        List<String> nameservers, Optional<Duration> dnsTimeout) {

    /** The mixin name every command uses for its {@link GlobalOptions}. */
    static final String MIXIN = "global";

    /**
     * @param spec the command that runs
     * @return its options merged with those of its parents; the innermost value wins
     */
    static Settings of(CommandSpec spec) {
        Path config = null;
        Duration timeout = null;
        Duration dnsTimeout = null;
        List<String> nameservers = null;
        boolean debug = false;
        boolean json = false;
        for (CommandSpec s = spec; s != null; s = s.parent()) {
            CommandSpec mixin = s.mixins().get(MIXIN);
            if (mixin == null) {
                continue;
            }
            GlobalOptions g = (GlobalOptions) mixin.userObject();
            if (config == null) {
                config = g.config;
            }
            if (timeout == null) {
                timeout = g.timeout;
            }
            if (dnsTimeout == null) {
                dnsTimeout = g.dnsTimeout;
            }
            if (nameservers == null && g.nameservers != null && !g.nameservers.isEmpty()) {
                nameservers = List.copyOf(g.nameservers);
            }
            debug |= g.debug;
            json |= g.json;
        }
        return new Settings(Optional.ofNullable(config), debug, json,
                Optional.ofNullable(timeout), nameservers == null ? List.of() : nameservers,
                Optional.ofNullable(dnsTimeout));
    }
}
