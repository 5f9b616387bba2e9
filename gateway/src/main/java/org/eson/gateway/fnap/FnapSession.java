package org.eson.gateway.fnap;

import java.util.Map;
import java.util.Optional;

import org.eson.fnap.command.Command;
import org.eson.fnap.command.CommandParser;
import org.eson.fnap.command.ParseResult;
import org.eson.fnap.wire.LineFramer.Frame;
import org.eson.fnap.wire.Reply;
import org.eson.fnap.wire.ReplyCodes;
import org.eson.gateway.fnap.auth.SaslMechanism;
import org.eson.gateway.fnap.auth.SaslStep;
import org.eson.gateway.observe.GatewayMetrics;

/**
 * One connection's protocol state machine. It turns input frames into replies and knows nothing
 * about sockets, so it is tested line by line. Not thread-safe: one connection thread drives it.
 */
public final class FnapSession {

    private static final CommandParser PARSER = new CommandParser();

    private final String fqdn;
    private final CommandDispatcher dispatcher;
    private final Map<String, SaslMechanism> mechanisms;
    private final int maxAuthFailures;
    private final GatewayMetrics metrics;

    private SessionState state = new SessionState.Accepting();
    private SaslMechanism pendingMechanism;
    private int authFailures;

    FnapSession(String fqdn, CommandDispatcher dispatcher, Map<String, SaslMechanism> mechanisms,
                int maxAuthFailures, GatewayMetrics metrics) {
        this.fqdn = fqdn;
        this.dispatcher = dispatcher;
        this.mechanisms = mechanisms;
        this.maxAuthFailures = maxAuthFailures;
        this.metrics = metrics;
    }

    /** The line the server speaks first. */
    public Reply greeting() {
        return Reply.of(ReplyCodes.OK, fqdn + " FNAA");
    }

    /** The authenticated user's name, if any, for logs. */
    public Optional<String> userName() {
        return state instanceof SessionState.Ready ready ? Optional.of(ready.user().name()) : Optional.empty();
    }

    boolean isClosed() {
        return state instanceof SessionState.Closed;
    }

    /** Handles one framed input line. */
    public SessionStep onFrame(Frame frame) {
        if (state instanceof SessionState.Closed) {
            return SessionStep.nothing();
        }
        return switch (frame) {
            case Frame.TooLong tooLong -> abandonExchange(Reply.of(ReplyCodes.SYNTAX_ERROR, "Line too long"));
            case Frame.Malformed malformed ->
                    abandonExchange(Reply.of(ReplyCodes.SYNTAX_ERROR, "Syntax error: " + malformed.reason()));
            case Frame.Line line -> state instanceof SessionState.AwaitingPlainResponse
                    ? continueAuthentication(line.text())
                    : onCommandLine(line.text());
        };
    }

    /** An unusable line also ends a pending SASL exchange: the client and server would disagree on what comes next. */
    private SessionStep abandonExchange(Reply reply) {
        if (state instanceof SessionState.AwaitingPlainResponse) {
            pendingMechanism = null;
            state = new SessionState.Accepting();
        }
        metrics.commandReplied("INVALID", reply);
        return SessionStep.reply(reply);
    }

    private SessionStep onCommandLine(String line) {
        ParseResult parsed = PARSER.parse(line);
        if (parsed instanceof ParseResult.Rejected rejected) {
            metrics.commandReplied("INVALID", rejected.reply());
            return SessionStep.reply(rejected.reply());
        }
        Command command = ((ParseResult.Parsed) parsed).command();
        SessionStep step = execute(command);
        // A SASL continuation is not an outcome; the exchange is counted once, when it ends.
        if (!(state instanceof SessionState.AwaitingPlainResponse)) {
            step.reply().ifPresent(reply -> metrics.commandReplied(command.verb(), reply));
        }
        return step;
    }

    private SessionStep execute(Command command) {
        return switch (command) {
            case Command.Quit quit -> {
                state = new SessionState.Closed();
                yield SessionStep.replyAndClose(Reply.of(ReplyCodes.OK, "Bye"));
            }
            case Command.Authenticate authenticate -> startAuthentication(authenticate);
            default -> {
                if (state instanceof SessionState.Ready ready) {
                    yield SessionStep.reply(dispatcher.dispatch(command, Optional.of(ready.user())));
                }
                if (command.requiresAuthentication()) {
                    yield SessionStep.reply(Reply.of(ReplyCodes.AUTH_REQUIRED, "Authentication required"));
                }
                yield SessionStep.reply(dispatcher.dispatch(command, Optional.empty()));
            }
        };
    }

    private SessionStep startAuthentication(Command.Authenticate authenticate) {
        if (state instanceof SessionState.Ready) {
            return SessionStep.reply(Reply.of(ReplyCodes.BAD_SEQUENCE, "Already authenticated"));
        }
        SaslMechanism mechanism = mechanisms.get(authenticate.mechanism());
        if (mechanism == null) {
            return SessionStep.reply(Reply.of(ReplyCodes.UNKNOWN_MECHANISM, "Unrecognized authentication mechanism"));
        }
        return settle(mechanism, mechanism.start(authenticate.initialResponse()));
    }

    private SessionStep continueAuthentication(String line) {
        SaslMechanism mechanism = pendingMechanism;
        SessionStep step = settle(mechanism, mechanism.respond(line));
        step.reply().ifPresent(reply -> metrics.commandReplied("AUTHENTICATE", reply));
        return step;
    }

    private SessionStep settle(SaslMechanism mechanism, SaslStep step) {
        return switch (step) {
            case SaslStep.Challenge challenge -> {
                pendingMechanism = mechanism;
                state = new SessionState.AwaitingPlainResponse();
                yield SessionStep.reply(Reply.of(ReplyCodes.OK, challenge.text()));
            }
            case SaslStep.Success success -> {
                pendingMechanism = null;
                state = new SessionState.Ready(success.user());
                yield SessionStep.reply(Reply.of(ReplyCodes.OK, "Authenticated"));
            }
            case SaslStep.Failure failure -> {
                pendingMechanism = null;
                state = new SessionState.Accepting();
                if (failure.countsAsFailure()) {
                    metrics.authenticationFailed();
                    if (++authFailures >= maxAuthFailures) {
                        state = new SessionState.Closed();
                        yield SessionStep.replyAndClose(
                                Reply.of(ReplyCodes.SHUTTING_DOWN, fqdn + " Too many authentication failures"));
                    }
                }
                yield SessionStep.reply(Reply.of(failure.code(), failure.text()));
            }
        };
    }
}
