package org.eson.fnap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eson.fnap.name.DomainNames;
import org.eson.fnap.name.FlowName;
import org.eson.fnap.name.InvalidFlowNameException;
import org.eson.fnap.wire.Reply;
import org.eson.fnap.wire.ReplyCodes;

/**
 * Parses one FNAP command line (without terminator) into a {@link Command} or the error reply to
 * send.
 *
 * <p>Verbs and keywords are matched case-insensitively over ASCII only: Unicode case folding would
 * let look-alikes such as a dotless {@code ı} spell {@code QUIT}. Arguments are separated by runs of
 * spaces so hand-typed sessions work; tabs and all other control characters are refused because
 * they have no meaning here and are a classic way to smuggle input past log scanners. Replies echo
 * at most a short, quoted part of the input. Stateless and thread-safe.
 */
public final class CommandParser {

    private static final String USAGE_AUTHENTICATE = "AUTHENTICATE <mechanism> [initial-response]";
    private static final String USAGE_CREATE = "CREATE FLOW <flow>";
    private static final String USAGE_DESCRIBE = "DESCRIBE FLOW <flow>";
    private static final String USAGE_DELETE = "DELETE FLOW <flow>";
    private static final String USAGE_GET_FLOWS = "GET FLOWS [namespace]";
    private static final String USAGE_GET_NAMESPACES = "GET NAMESPACES";
    private static final String USAGE_SUBSCRIBE = "SUBSCRIBE <flow> [LOCAL <local-flow>]";
    private static final String USAGE_UNSUBSCRIBE = "UNSUBSCRIBE <flow>";
    private static final String USAGE_GET_SUBSCRIPTIONS = "GET SUBSCRIPTIONS";
    private static final String USAGE_GET_SUBSCRIBERS = "GET SUBSCRIBERS [flow]";
    private static final String USAGE_REVOKE = "REVOKE <copy-flow>";
    private static final String USAGE_CAPABILITIES = "CAPABILITIES";
    private static final String USAGE_NOOP = "NOOP";
    private static final String USAGE_HELP = "HELP [command]";
    private static final String USAGE_QUIT = "QUIT";

    private static final List<String> SYNTAX = List.of(
            USAGE_AUTHENTICATE,
            USAGE_CREATE,
            USAGE_DESCRIBE,
            USAGE_DELETE,
            USAGE_GET_FLOWS,
            USAGE_GET_NAMESPACES,
            USAGE_SUBSCRIBE,
            USAGE_UNSUBSCRIBE,
            USAGE_GET_SUBSCRIPTIONS,
            USAGE_GET_SUBSCRIBERS,
            USAGE_REVOKE,
            USAGE_CAPABILITIES,
            USAGE_NOOP,
            USAGE_HELP,
            USAGE_QUIT);

    /** Reply texts of the parser, public so servers and tests do not repeat the strings. */
    public static final String EMPTY_COMMAND = "Syntax error: empty command";
    /** See {@link #EMPTY_COMMAND}. */
    public static final String CONTROL_CHARACTER = "Syntax error: control character in command";
    /** See {@link #EMPTY_COMMAND}. */
    public static final String UNKNOWN_COMMAND = "Unknown command";
    /** See {@link #EMPTY_COMMAND}. */
    public static final String NO_HELP = "No help for that command";

    /** Creates a parser; it holds no state. */
    public CommandParser() {
    }

    /**
     * The usage line of every command, in the order {@code HELP} lists them.
     *
     * @return one line per command, e.g. {@code CREATE FLOW <flow>}
     */
    public static List<String> syntax() {
        return SYNTAX;
    }

    /**
     * The usage lines for a {@code HELP} topic: those whose words start with the topic's words.
     *
     * @param topic a command, e.g. {@code create flow}, {@code GET} or {@code desc}
     * @return matching usage lines, empty when the topic names no command
     */
    public static List<String> syntax(String topic) {
        String t = canonicalTopic(topic);
        List<String> matching = new ArrayList<>();
        for (String usage : SYNTAX) {
            if (usage.equals(t) || usage.startsWith(t + " ")) {
                matching.add(usage);
            }
        }
        return List.copyOf(matching);
    }

    /**
     * Parses a line.
     *
     * @param line the line without CRLF; null is treated as empty
     * @return the command, or the reply to send instead; never throws
     */
    public ParseResult parse(String line) {
        if (line == null) {
            return reject(ReplyCodes.SYNTAX_ERROR, EMPTY_COMMAND);
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return reject(ReplyCodes.SYNTAX_ERROR, CONTROL_CHARACTER);
            }
        }
        List<String> words = split(line);
        if (words.isEmpty()) {
            return reject(ReplyCodes.SYNTAX_ERROR, EMPTY_COMMAND);
        }
        List<String> args = words.subList(1, words.size());
        return switch (upperAscii(words.get(0))) {
            case "AUTHENTICATE" -> authenticate(args);
            case "CREATE" -> flowCommand(args, USAGE_CREATE, Command.CreateFlow::new);
            case "DESCRIBE", "DESC" -> flowCommand(args, USAGE_DESCRIBE, Command.DescribeFlow::new);
            case "DELETE" -> flowCommand(args, USAGE_DELETE, Command.DeleteFlow::new);
            case "GET" -> get(args);
            case "SUBSCRIBE" -> subscribe(args);
            case "UNSUBSCRIBE" -> singleFlow(args, USAGE_UNSUBSCRIBE, Command.Unsubscribe::new);
            case "REVOKE" -> singleFlow(args, USAGE_REVOKE, Command.Revoke::new);
            case "CAPABILITIES" -> noArguments(args, USAGE_CAPABILITIES, new Command.Capabilities());
            case "NOOP" -> noArguments(args, USAGE_NOOP, new Command.Noop());
            case "QUIT" -> noArguments(args, USAGE_QUIT, new Command.Quit());
            case "HELP" -> help(args);
            default -> reject(ReplyCodes.SYNTAX_ERROR, UNKNOWN_COMMAND);
        };
    }

    private static ParseResult authenticate(List<String> args) {
        if (args.isEmpty() || args.size() > 2) {
            return usage(USAGE_AUTHENTICATE);
        }
        Optional<String> initial = args.size() == 2 ? Optional.of(args.get(1)) : Optional.empty();
        return new ParseResult.Parsed(new Command.Authenticate(args.get(0), initial));
    }

    private interface FlowCommandFactory {
        Command create(FlowName flow);
    }

    private static ParseResult flowCommand(List<String> args, String usage,
            FlowCommandFactory factory) {
        if (args.size() != 2 || !upperAscii(args.get(0)).equals("FLOW")) {
            return usage(usage);
        }
        try {
            return new ParseResult.Parsed(factory.create(FlowName.parse(args.get(1))));
        } catch (InvalidFlowNameException e) {
            return reject(ReplyCodes.INVALID_FLOW_NAME, "Invalid flow name: " + e.getMessage());
        }
    }

    private static ParseResult subscribe(List<String> args) {
        if (args.size() != 1 && (args.size() != 3 || !upperAscii(args.get(1)).equals("LOCAL"))) {
            return usage(USAGE_SUBSCRIBE);
        }
        try {
            FlowName flow = FlowName.parse(args.get(0));
            Optional<FlowName> local = args.size() == 3 ? Optional.of(FlowName.parse(args.get(2))) : Optional.empty();
            return new ParseResult.Parsed(new Command.Subscribe(flow, local));
        } catch (InvalidFlowNameException e) {
            return reject(ReplyCodes.INVALID_FLOW_NAME, "Invalid flow name: " + e.getMessage());
        }
    }

    private static ParseResult singleFlow(List<String> args, String usage, FlowCommandFactory factory) {
        if (args.size() != 1) {
            return usage(usage);
        }
        try {
            return new ParseResult.Parsed(factory.create(FlowName.parse(args.get(0))));
        } catch (InvalidFlowNameException e) {
            return reject(ReplyCodes.INVALID_FLOW_NAME, "Invalid flow name: " + e.getMessage());
        }
    }

    private static ParseResult get(List<String> args) {
        String keyword = args.isEmpty() ? "" : upperAscii(args.get(0));
        switch (keyword) {
            case "FLOWS" -> {
                if (args.size() == 1) {
                    return new ParseResult.Parsed(new Command.GetFlows(Optional.empty()));
                }
                if (args.size() != 2) {
                    return usage(USAGE_GET_FLOWS);
                }
                try {
                    String namespace = DomainNames.normalize(args.get(1));
                    return new ParseResult.Parsed(new Command.GetFlows(Optional.of(namespace)));
                } catch (InvalidFlowNameException e) {
                    return reject(ReplyCodes.BAD_ARGUMENTS, "Invalid namespace: " + e.getMessage());
                }
            }
            case "NAMESPACES" -> {
                return noArguments(args.subList(1, args.size()), USAGE_GET_NAMESPACES,
                        new Command.GetNamespaces());
            }
            case "SUBSCRIPTIONS" -> {
                return noArguments(args.subList(1, args.size()), USAGE_GET_SUBSCRIPTIONS,
                        new Command.GetSubscriptions());
            }
            case "SUBSCRIBERS" -> {
                if (args.size() == 1) {
                    return new ParseResult.Parsed(new Command.GetSubscribers(Optional.empty()));
                }
                if (args.size() != 2) {
                    return usage(USAGE_GET_SUBSCRIBERS);
                }
                try {
                    return new ParseResult.Parsed(new Command.GetSubscribers(Optional.of(FlowName.parse(args.get(1)))));
                } catch (InvalidFlowNameException e) {
                    return reject(ReplyCodes.INVALID_FLOW_NAME, "Invalid flow name: " + e.getMessage());
                }
            }
            default -> {
                return reject(ReplyCodes.BAD_ARGUMENTS,
                        "Syntax: " + USAGE_GET_FLOWS + " or " + USAGE_GET_NAMESPACES);
            }
        }
    }

    private static ParseResult help(List<String> args) {
        if (args.isEmpty()) {
            return new ParseResult.Parsed(new Command.Help(Optional.empty()));
        }
        if (args.size() > 2) {
            return usage(USAGE_HELP);
        }
        String topic = String.join(" ", args);
        if (syntax(topic).isEmpty()) {
            return reject(ReplyCodes.BAD_ARGUMENTS, NO_HELP);
        }
        return new ParseResult.Parsed(new Command.Help(Optional.of(topic)));
    }

    private static ParseResult noArguments(List<String> args, String usage, Command command) {
        return args.isEmpty() ? new ParseResult.Parsed(command) : usage(usage);
    }

    private static ParseResult usage(String usage) {
        return reject(ReplyCodes.BAD_ARGUMENTS, "Syntax: " + usage);
    }

    private static ParseResult reject(int code, String text) {
        return new ParseResult.Rejected(Reply.of(code, text));
    }

    private static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            while (i < n && line.charAt(i) != ' ') {
                i++;
            }
            if (i > start) {
                words.add(line.substring(start, i));
            }
        }
        return words;
    }

    /** Upper-cases a-z only; see the class comment for why not {@link String#toUpperCase()}. */
    static String upperAscii(String s) {
        char[] chars = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                if (chars == null) {
                    chars = s.toCharArray();
                }
                chars[i] = (char) (c - ('a' - 'A'));
            }
        }
        return chars == null ? s : new String(chars);
    }

    /** Canonical form of a HELP topic: upper-case words, single spaces, DESC spelled out. */
    static String canonicalTopic(String topic) {
        List<String> words = split(topic);
        List<String> upper = new ArrayList<>(words.size());
        for (String w : words) {
            upper.add(upperAscii(w));
        }
        if (!upper.isEmpty() && upper.get(0).equals("DESC")) {
            upper.set(0, "DESCRIBE");
        }
        return String.join(" ", upper);
    }
}
