package org.eson.fnua.commands;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.eson.fnap.client.FnapClient;
import org.eson.fnap.client.FnapClientOptions;
import org.eson.fnap.client.FnapEndpoint;
import org.eson.fnap.client.FnapException;
import org.eson.fnap.client.FnapReplyException;
import org.eson.fnap.sasl.PlainMessage;
import org.eson.fnap.wire.Reply;
import org.eson.fnua.agents.AgentLookup;
import org.eson.fnua.agents.AgentLookupException;
import org.eson.fnua.agents.AgentSelection;
import org.eson.fnua.config.AgentConfig;
import org.eson.fnua.config.ConfigException;
import org.eson.fnua.config.PasswordResolver;

/**
 * One thesis-style session with an agent: connect, {@code AUTHENTICATE PLAIN}, one command,
 * {@code QUIT}. Translates every failure into a {@link CommandFailure} whose message names the
 * agent and the command, and whose exit code says whether retrying can help.
 */
final class AgentSession {

    /** The command to run once authenticated. */
    @FunctionalInterface
    interface Action<T> {
        T run(FnapClient client) throws FnapException;
    }

    private final CommandContext context;

    AgentSession(CommandContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /**
     * @param selection   the agent to talk to
     * @param commandLine the FNAP command the action sends, for messages (never a secret)
     * @param action      the action
     * @return the action's result
     * @throws CommandFailure on any failure
     */
    <T> T run(AgentSelection selection, String commandLine, Action<T> action)
            throws CommandFailure {
        AgentConfig agent = selection.agent();
        context.debug("Agent selected: " + agent.name() + " (" + selection.reason() + ")");
        String password = password(agent);
        List<FnapEndpoint> endpoints;
        try {
            AgentLookup lookup = new AgentLookup(agent, selection.namespace(),
                    context.dnsSettings(Optional.of(context.config())),
                    line -> context.debug(Text.traceLine(line)));
            endpoints = context.invocation().locator().locate(lookup);
        } catch (AgentLookupException e) {
            throw new CommandFailure(e.isPermanent() ? ExitCodes.REFUSED : ExitCodes.UNAVAILABLE,
                    "cannot locate agent " + agent.name() + ": " + e.getMessage(), e);
        }
        if (endpoints.isEmpty()) {
            throw new CommandFailure(ExitCodes.UNAVAILABLE,
                    "cannot locate agent " + agent.name() + ": no endpoint to connect to");
        }
        Redactor redactor = new Redactor(agent.username(), password);

        // RFC 2782: try the targets in order; the next one only when this one cannot be reached
        // or sends us away for now (4xx greeting). A 5xx greeting is an answer: stop there.
        FnapClient connected = null;
        CommandFailure failure = null;
        for (int i = 0; i < endpoints.size() && connected == null; i++) {
            FnapEndpoint endpoint = endpoints.get(i);
            String where = agent.name() + " at " + endpoint.address();
            boolean last = i == endpoints.size() - 1;
            try {
                connected = FnapClient.connect(endpoint, options(redactor));
            } catch (FnapReplyException e) {
                failure = refusal(e.reply(), where + " refused the session", redactor, e);
                if (e.reply().isPermanent() || last) {
                    throw failure;
                }
            } catch (FnapException e) {
                failure = new CommandFailure(ExitCodes.UNAVAILABLE, "cannot connect to " + where
                        + ": " + redactor.apply(connectReason(e, endpoint)), e);
                if (last) {
                    throw endpoints.size() == 1 ? failure : new CommandFailure(
                            ExitCodes.UNAVAILABLE, "cannot connect to agent " + agent.name()
                                    + " at any of its " + endpoints.size() + " endpoints ("
                                    + addresses(endpoints) + "); last: "
                                    + redactor.apply(connectReason(e, endpoint)), e);
                }
            }
            if (connected == null) {
                context.debug("C: " + failure.getMessage() + "; trying the next endpoint");
            }
        }
        FnapClient client = connected;
        String stage = "AUTHENTICATE PLAIN";
        try (client) {
            context.debug("Connected to FNAA " + client.serverFqdn());
            context.debug("Authenticating with PLAIN mechanism");
            try {
                client.authenticatePlain(agent.username(), password);
            } catch (IllegalArgumentException e) {
                // PLAIN's limits (no NUL, at most 255 octets); the message names the field only.
                throw new CommandFailure(ExitCodes.USAGE, "cannot authenticate with "
                        + agent.name() + " as configured in " + agent.entry() + ": "
                        + e.getMessage(), e);
            }
            context.debug("Authenticated");
            stage = commandLine;
            context.debug("Executing command " + commandLine);
            T result = action.run(client);
            context.debug("Quitting");
            try {
                client.quit();
            } catch (FnapException e) {
                // The command has taken effect; a failed goodbye must not turn success into failure.
                context.debug("QUIT failed (ignored): " + redactor.apply(e.getMessage()));
            }
            context.debug("Connection closed");
            return result;
        } catch (FnapReplyException e) {
            throw refusal(e.reply(), agent.name() + " refused " + stage, redactor, e);
        } catch (FnapException e) {
            throw new CommandFailure(ExitCodes.UNAVAILABLE,
                    agent.name() + ": " + redactor.apply(Text.printable(e.getMessage())), e);
        }
    }

    private static String addresses(List<FnapEndpoint> endpoints) {
        return endpoints.stream().map(FnapEndpoint::address).collect(Collectors.joining(", "));
    }

    private String password(AgentConfig agent) throws CommandFailure {
        PasswordResolver resolver = new PasswordResolver(context.invocation().environment(),
                context::warn);
        try {
            return resolver.resolve(context.config(), agent);
        } catch (ConfigException e) {
            throw new CommandFailure(ExitCodes.USAGE, e.getMessage(), e);
        }
    }

    private FnapClientOptions options(Redactor redactor) {
        FnapClientOptions options = FnapClientOptions.defaults();
        if (context.settings().timeout().isPresent()) {
            options = options.withConnectTimeout(context.settings().timeout().get())
                    .withReadTimeout(context.settings().timeout().get());
        }
        if (context.settings().debug()) {
            options = options.withTrace(line -> context.debug(redactor.apply(line)));
        }
        return options;
    }

    private static CommandFailure refusal(Reply reply, String what, Redactor redactor,
            Exception cause) {
        // 5xx will fail again unchanged; 4xx (421 included) may succeed later.
        int code = reply.isPermanent() ? ExitCodes.REFUSED : ExitCodes.UNAVAILABLE;
        return new CommandFailure(code,
                what + ": " + redactor.apply(Text.printable(reply.statusLine())), cause);
    }

    /** The client says "Cannot connect to ADDR: reason"; the caller already names the address. */
    private static String connectReason(FnapException e, FnapEndpoint endpoint) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        String prefix = "Cannot connect to " + endpoint.address() + ": ";
        return Text.printable(message.startsWith(prefix)
                ? message.substring(prefix.length()) : message);
    }

    /**
     * Defence in depth: the client already masks the PLAIN message in its trace, but a server may
     * echo a line back in an error reply, and that must not put the password on a terminal.
     */
    static final class Redactor {
        private final String secret;

        Redactor(String username, String password) {
            String encoded;
            try {
                encoded = PlainMessage.of(username, password).encode();
            } catch (IllegalArgumentException e) {
                encoded = null;
            }
            this.secret = encoded;
        }

        String apply(String line) {
            if (line == null || secret == null) {
                return line;
            }
            return line.replace(secret, "****");
        }
    }
}
