package org.eson.fnua.commands;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * Options accepted by every command at every level, so that both the thesis's
 * {@code fnua --config=./flow.yml subscribe ... -d} and {@code fnua create flow X --json} work.
 * Each command level has its own instance; {@link Settings#of} merges them, the innermost
 * level winning.
 */
public final class GlobalOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: ~/.flow.yml).")
    Path config;

    @Option(names = {"-d", "--debug"},
            description = "Print the FNAP exchange and agent selection to stderr.")
    boolean debug;

    @Option(names = "--json", description = "Print results as JSON on stdout.")
    boolean json;

    @Option(names = "--timeout", paramLabel = "SECONDS", converter = SecondsConverter.class,
            description = "Connect and reply timeout in seconds (default: 10 to connect, "
                    + "30 per reply).")
    Duration timeout;

    @Option(names = "--nameserver", paramLabel = "HOST[:PORT]",
            description = "DNS server for flow resolution and agent discovery; repeat for "
                    + "several (default: nameservers: of the configuration file, else the "
                    + "system's).")
    List<String> nameservers;

    @Option(names = "--dns-timeout", paramLabel = "SECONDS", converter = SecondsConverter.class,
            description = "Timeout of each DNS query in seconds (default: 5; each server is "
                    + "tried twice).")
    Duration dnsTimeout;

    /** Accepts decimals ({@code 0.5}) because sub-second timeouts are useful against local agents. */
    static final class SecondsConverter implements ITypeConverter<Duration> {
        /** A day: beyond that a value is certainly a mistake, and it keeps millis in an int. */
        private static final double MAX_SECONDS = 86_400;

        @Override
        public Duration convert(String value) {
            double seconds;
            try {
                seconds = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a number of seconds");
            }
            if (!(seconds > 0) || seconds > MAX_SECONDS) {
                throw new TypeConversionException("'" + value
                        + "' must be more than 0 and at most " + (long) MAX_SECONDS + " seconds");
            }
            return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
        }
    }
}
