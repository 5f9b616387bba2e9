package org.eson.fnua.commands;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

import org.eson.fnua.agents.AgentLocator;

/**
 * Everything one run of {@code fnua} takes from its surroundings. Passed in rather than read from
 * {@code System} so that a test can run fnua with its own streams, environment variables and home
 * directory, in parallel with other runs.
 *
 * @param out         standard output: results only, so that it can be piped
 * @param err         standard error: failures, warnings and {@code -d} traces
 * @param environment environment variable lookup, returning null for unset variables
 * @param home        the user's home directory, where {@code ~/.flow.yml} lives
 * @param locator     finds agents on the network
 */
public record Invocation(PrintStream out, PrintStream err, Function<String, String> environment,
        Path home, AgentLocator locator) {

    public Invocation {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(locator, "locator");
    }

    /**
     * @param out standard output
     * @param err standard error
     * @return an invocation with the process environment and home directory, locating agents
     *         by configuration or DNS ({@link AgentLocator#standard()})
     */
    public static Invocation of(PrintStream out, PrintStream err) {
        return new Invocation(out, err, System::getenv, Path.of(System.getProperty("user.home")),
                AgentLocator.standard());
    }

    /**
     * @param variables the environment variable lookup to use instead
     * @return a copy with it
     */
    public Invocation withEnvironment(Function<String, String> variables) {
        return new Invocation(out, err, variables, home, locator);
    }

    /**
     * @param directory the home directory to use instead
     * @return a copy with it
     */
    public Invocation withHome(Path directory) {
        return new Invocation(out, err, environment, directory, locator);
    }

    /**
     * @param agentLocator the agent locator to use instead
     * @return a copy with it
     */
    public Invocation withLocator(AgentLocator agentLocator) {
        return new Invocation(out, err, environment, home, agentLocator);
    }
}
