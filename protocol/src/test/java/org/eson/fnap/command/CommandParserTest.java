package org.eson.fnap.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.eson.fnap.command.Command.Authenticate;
import org.eson.fnap.command.Command.Capabilities;
import org.eson.fnap.command.Command.CreateFlow;
import org.eson.fnap.command.Command.DeleteFlow;
import org.eson.fnap.command.Command.DescribeFlow;
import org.eson.fnap.command.Command.GetFlows;
import org.eson.fnap.command.Command.GetNamespaces;
import org.eson.fnap.command.Command.Help;
import org.eson.fnap.command.Command.Noop;
import org.eson.fnap.command.Command.Quit;
import org.eson.fnap.name.FlowName;
import org.eson.fnap.wire.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {

    private final CommandParser parser = new CommandParser();

    private Command parsed(String line) {
        ParseResult result = parser.parse(line);
        assertThat(result).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) result).command();
    }

    private String rejected(String line) {
        ParseResult result = parser.parse(line);
        assertThat(result).isInstanceOf(ParseResult.Rejected.class);
        return ((ParseResult.Rejected) result).reply().statusLine();
    }

    private static FlowName flow(String name) {
        return new FlowName(name);
    }

    @Test
    void thesisCommands() {
        assertThat(parsed("AUTHENTICATE PLAIN")).isEqualTo(new Authenticate("PLAIN", Optional.empty()));
        assertThat(parsed("CREATE FLOW time.flows.unix.ar"))
                .isEqualTo(new CreateFlow(flow("time.flows.unix.ar")));
        assertThat(parsed("DESCRIBE FLOW time.flows.unix.ar"))
                .isEqualTo(new DescribeFlow(flow("time.flows.unix.ar")));
        assertThat(parsed("QUIT")).isEqualTo(new Quit());
    }

    @Test
    void everyCommand() {
        assertThat(parsed("authenticate plain AHRlc3QAdGVzdA=="))
                .isEqualTo(new Authenticate("PLAIN", Optional.of("AHRlc3QAdGVzdA==")));
        assertThat(parsed("DESC FLOW flow://A.B")).isEqualTo(new DescribeFlow(flow("a.b")));
        assertThat(parsed("delete flow a.b.")).isEqualTo(new DeleteFlow(flow("a.b")));
        assertThat(parsed("GET FLOWS")).isEqualTo(new GetFlows(Optional.empty()));
        assertThat(parsed("get flows Flows.Unix.AR."))
                .isEqualTo(new GetFlows(Optional.of("flows.unix.ar")));
        assertThat(parsed("Get Namespaces")).isEqualTo(new GetNamespaces());
        assertThat(parsed("capabilities")).isEqualTo(new Capabilities());
        assertThat(parsed("NoOp")).isEqualTo(new Noop());
        assertThat(parsed("help")).isEqualTo(new Help(Optional.empty()));
        assertThat(parsed("help  create   flow")).isEqualTo(new Help(Optional.of("CREATE FLOW")));
        assertThat(parsed("HELP desc")).isEqualTo(new Help(Optional.of("DESCRIBE")));
        assertThat(parsed("   QUIT   ")).isEqualTo(new Quit());
    }

    @Test
    void subscriptionCommands() {
        assertThat(parsed("SUBSCRIBE time.flows.unix.ar LOCAL emiliano.ar-time.flows.unix.ar"))
                .isEqualTo(new Command.Subscribe(flow("time.flows.unix.ar"),
                        Optional.of(flow("emiliano.ar-time.flows.unix.ar"))));
        assertThat(parsed("subscribe flow://Time.Flows.Unix.AR local time.flows.emiliano.ar"))
                .isEqualTo(new Command.Subscribe(flow("time.flows.unix.ar"), Optional.of(flow("time.flows.emiliano.ar"))));
        assertThat(parsed("SUBSCRIBE time.flows.unix.ar"))
                .isEqualTo(new Command.Subscribe(flow("time.flows.unix.ar"), Optional.empty()));
        assertThat(parsed("UNSUBSCRIBE ksdj898a.time.flows.unix.ar"))
                .isEqualTo(new Command.Unsubscribe(flow("ksdj898a.time.flows.unix.ar")));
        assertThat(parsed("GET SUBSCRIPTIONS")).isEqualTo(new Command.GetSubscriptions());
        assertThat(parsed("get subscribers")).isEqualTo(new Command.GetSubscribers(Optional.empty()));
        assertThat(parsed("GET SUBSCRIBERS time.flows.unix.ar"))
                .isEqualTo(new Command.GetSubscribers(Optional.of(flow("time.flows.unix.ar"))));
        assertThat(parsed("REVOKE ksdj898a.time.flows.unix.ar"))
                .isEqualTo(new Command.Revoke(flow("ksdj898a.time.flows.unix.ar")));
        assertThat(rejected("SUBSCRIBE")).isEqualTo("501 Syntax: SUBSCRIBE <flow> [LOCAL <local-flow>]");
        assertThat(rejected("SUBSCRIBE a.b LOCAL")).isEqualTo("501 Syntax: SUBSCRIBE <flow> [LOCAL <local-flow>]");
        assertThat(rejected("SUBSCRIBE a.b TO c.d")).isEqualTo("501 Syntax: SUBSCRIBE <flow> [LOCAL <local-flow>]");
        assertThat(rejected("SUBSCRIBE a_b.c")).startsWith("553 Invalid flow name");
        assertThat(rejected("UNSUBSCRIBE")).isEqualTo("501 Syntax: UNSUBSCRIBE <flow>");
        assertThat(rejected("REVOKE a.b c.d")).isEqualTo("501 Syntax: REVOKE <copy-flow>");
        assertThat(rejected("GET SUBSCRIPTIONS x.y")).isEqualTo("501 Syntax: GET SUBSCRIPTIONS");
        assertThat(rejected("GET SUBSCRIBERS a.b c.d")).isEqualTo("501 Syntax: GET SUBSCRIBERS [flow]");
        assertThat(CommandParser.syntax("subscribe")).containsExactly("SUBSCRIBE <flow> [LOCAL <local-flow>]");
    }

    @Test
    void emptyAndControlCharacters() {
        assertThat(rejected("")).isEqualTo("500 Syntax error: empty command");
        assertThat(rejected("     ")).isEqualTo("500 Syntax error: empty command");
        assertThat(rejected(null)).isEqualTo("500 Syntax error: empty command");
        assertThat(rejected("NOOP\r")).isEqualTo("500 Syntax error: control character in command");
        assertThat(rejected("CREATE\tFLOW a.b"))
                .isEqualTo("500 Syntax error: control character in command");
        assertThat(rejected("\u0000")).isEqualTo("500 Syntax error: control character in command");
        assertThat(rejected("NOOP\u007f")).isEqualTo("500 Syntax error: control character in command");
        assertThat(rejected("\t")).isEqualTo("500 Syntax error: control character in command");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SUBSCRIBED a.b LOCAL c.d", "HELO", "EHLO x", "quıt", "QUIT.", "DESCRIB FLOW a.b",
        "ＱＵＩＴ", "GETFLOWS", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void unknownCommands(String line) {
        assertThat(rejected(line)).isEqualTo("500 Unknown command");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CREATE TOPIC x                    | 501 Syntax: CREATE FLOW <flow>",
        "CREATE FLOW                       | 501 Syntax: CREATE FLOW <flow>",
        "CREATE                            | 501 Syntax: CREATE FLOW <flow>",
        "CREATE FLOW a.b c.d               | 501 Syntax: CREATE FLOW <flow>",
        "DESC a.b                          | 501 Syntax: DESCRIBE FLOW <flow>",
        "DESCRIBE FLOWS a.b                | 501 Syntax: DESCRIBE FLOW <flow>",
        "DELETE FLOW                       | 501 Syntax: DELETE FLOW <flow>",
        "GET                               | 501 Syntax: GET FLOWS [namespace] or GET NAMESPACES",
        "GET TOPICS                        | 501 Syntax: GET FLOWS [namespace] or GET NAMESPACES",
        "GET FLOWS a.b c.d                 | 501 Syntax: GET FLOWS [namespace]",
        "GET NAMESPACES x                  | 501 Syntax: GET NAMESPACES",
        "NOOP now                          | 501 Syntax: NOOP",
        "QUIT please                       | 501 Syntax: QUIT",
        "CAPABILITIES all                  | 501 Syntax: CAPABILITIES",
        "HELP a b c                        | 501 Syntax: HELP [command]",
        "HELP SUBSCRIBED                   | 501 No help for that command",
        "AUTHENTICATE                      | 501 Syntax: AUTHENTICATE <mechanism> [initial-response]",
        "AUTHENTICATE PLAIN a b            | 501 Syntax: AUTHENTICATE <mechanism> [initial-response]",
        "CREATE FLOW bad_name.flows.unix.ar | 553 Invalid flow name: label 'bad_name' contains a character other than letters, digits and hyphens",
        "CREATE FLOW com                   | 553 Invalid flow name: a flow name needs at least two labels",
        "DESC FLOW flow://a.b:9092         | 553 Invalid flow name: a flow name must not contain a port",
        "DELETE FLOW a..b                  | 553 Invalid flow name: empty label in 'a..b'",
        "GET FLOWS bad_ns                  | 501 Invalid namespace: label 'bad_ns' contains a character other than letters, digits and hyphens",
    })
    void errors(String line, String reply) {
        assertThat(rejected(line)).isEqualTo(reply);
    }

    @Test
    void repliesNeverEchoMuchInput() {
        String huge = "y".repeat(900);
        for (String line : new String[] {"CREATE FLOW " + huge + ".com", "CREATE FLOW a." + huge,
            "GET FLOWS " + huge + "_", "DESC FLOW " + "z".repeat(300), huge, "HELP " + huge}) {
            Reply reply = ((ParseResult.Rejected) parser.parse(line)).reply();
            assertThat(reply.text()).doesNotContain("y".repeat(65)).doesNotContain("z".repeat(65));
        }
    }

    @Test
    void syntaxListsEveryCommandOnce() {
        assertThat(CommandParser.syntax()).containsExactly(
                "AUTHENTICATE <mechanism> [initial-response]",
                "CREATE FLOW <flow>",
                "DESCRIBE FLOW <flow>",
                "DELETE FLOW <flow>",
                "GET FLOWS [namespace]",
                "GET NAMESPACES",
                "SUBSCRIBE <flow> [LOCAL <local-flow>]",
                "UNSUBSCRIBE <flow>",
                "GET SUBSCRIPTIONS",
                "GET SUBSCRIBERS [flow]",
                "REVOKE <copy-flow>",
                "CAPABILITIES",
                "NOOP",
                "HELP [command]",
                "QUIT");
        assertThat(CommandParser.syntax("get")).containsExactly("GET FLOWS [namespace]", "GET NAMESPACES",
                "GET SUBSCRIPTIONS", "GET SUBSCRIBERS [flow]");
        assertThat(CommandParser.syntax("desc  flow")).containsExactly("DESCRIBE FLOW <flow>");
        assertThat(CommandParser.syntax("noop")).containsExactly("NOOP");
        assertThat(CommandParser.syntax("FLOW")).isEmpty();
        assertThat(CommandParser.syntax("CREATE FLOW")).containsExactly("CREATE FLOW <flow>");
    }

    @Test
    void everyUsageLineStartsWithAVerbTheParserKnows() {
        for (String usage : CommandParser.syntax()) {
            String verb = usage.split(" ")[0];
            ParseResult result = parser.parse(verb);
            assertThat(result).as(usage).satisfiesAnyOf(
                    r -> assertThat(r).isInstanceOf(ParseResult.Parsed.class),
                    r -> assertThat(((ParseResult.Rejected) r).reply().code()).isEqualTo(501));
        }
    }
}
