package org.eson.fnap.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.eson.fnap.name.FlowName;
import org.eson.fnap.wire.ReplyCodes;

class CommandParserPropertyTest {

    private final CommandParser parser = new CommandParser();

    /** A command in canonical spelling, its words, and what it must parse to. */
    record Canonical(List<String> words, int keywordCount, Command command) {
    }

    @Provide
    Arbitrary<String> label() {
        Arbitrary<Character> edge = Arbitraries.chars().range('a', 'z').range('A', 'Z').range('0', '9');
        Arbitrary<String> middle = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
                .withCharRange('0', '9').withChars('-').ofMaxLength(61);
        return Arbitraries.oneOf(
                edge.map(String::valueOf),
                Combinators.combine(edge, middle, edge).as((a, m, b) -> a + m + b));
    }

    @Provide
    Arbitrary<String> flowNames() {
        return label().list().ofMinSize(2).ofMaxSize(6)
                .map(labels -> String.join(".", labels))
                .filter(name -> name.length() <= 253);
    }

    @Provide
    Arbitrary<Canonical> canonicalCommands() {
        Arbitrary<FlowName> flows = flowNames().map(FlowName::new);
        return Arbitraries.oneOf(
                Arbitraries.just(new Canonical(List.of("AUTHENTICATE", "PLAIN"), 2,
                        new Command.Authenticate("PLAIN", Optional.empty()))),
                Arbitraries.just(new Canonical(List.of("AUTHENTICATE", "PLAIN", "AHRlc3QAdGVzdA=="), 2,
                        new Command.Authenticate("PLAIN", Optional.of("AHRlc3QAdGVzdA==")))),
                flows.map(f -> new Canonical(List.of("CREATE", "FLOW", f.fqdn()), 2,
                        new Command.CreateFlow(f))),
                flows.map(f -> new Canonical(List.of("DESCRIBE", "FLOW", f.fqdn()), 2,
                        new Command.DescribeFlow(f))),
                flows.map(f -> new Canonical(List.of("DESC", "FLOW", f.fqdn()), 2,
                        new Command.DescribeFlow(f))),
                flows.map(f -> new Canonical(List.of("DELETE", "FLOW", f.fqdn()), 2,
                        new Command.DeleteFlow(f))),
                Arbitraries.just(new Canonical(List.of("GET", "FLOWS"), 2,
                        new Command.GetFlows(Optional.empty()))),
                flowNames().map(ns -> new Canonical(List.of("GET", "FLOWS", ns), 2,
                        new Command.GetFlows(Optional.of(ns)))),
                Arbitraries.just(new Canonical(List.of("GET", "NAMESPACES"), 2, new Command.GetNamespaces())),
                Arbitraries.just(new Canonical(List.of("CAPABILITIES"), 1, new Command.Capabilities())),
                Arbitraries.just(new Canonical(List.of("NOOP"), 1, new Command.Noop())),
                Arbitraries.just(new Canonical(List.of("HELP"), 1, new Command.Help(Optional.empty()))),
                Arbitraries.just(new Canonical(List.of("HELP", "GET", "FLOWS"), 3,
                        new Command.Help(Optional.of("GET FLOWS")))),
                Arbitraries.just(new Canonical(List.of("QUIT"), 1, new Command.Quit())));
    }

    private static String randomCase(String s, Random random) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            sb.append(random.nextBoolean() ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return sb.toString();
    }

    @Property(tries = 500)
    void caseAndRunsOfSpacesDoNotMatter(@ForAll("canonicalCommands") Canonical canonical,
            @ForAll long seed) {
        Random random = new Random(seed);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < canonical.words().size(); i++) {
            String w = canonical.words().get(i);
            boolean caseInsensitive = i < canonical.keywordCount() || !w.equals("AHRlc3QAdGVzdA==");
            words.add(caseInsensitive ? randomCase(w, random) : w);
        }
        StringBuilder line = new StringBuilder(" ".repeat(random.nextInt(4)));
        for (int i = 0; i < words.size(); i++) {
            if (i > 0) {
                line.append(" ".repeat(1 + random.nextInt(5)));
            }
            line.append(words.get(i));
        }
        line.append(" ".repeat(random.nextInt(4)));
        assertThat(parser.parse(line.toString())).isEqualTo(new ParseResult.Parsed(canonical.command()));
    }

    @Property(tries = 500)
    void validFlowNamesRoundTrip(@ForAll("flowNames") String name) throws Exception {
        FlowName flow = FlowName.parse(name);
        assertThat(flow.fqdn()).isEqualTo(name.toLowerCase(java.util.Locale.ROOT));
        assertThat(FlowName.parse(flow.fqdn())).isEqualTo(flow);
        assertThat(FlowName.parse(flow.uri())).isEqualTo(flow);
        assertThat(FlowName.parse(name + ".")).isEqualTo(flow);
        assertThat(String.join(".", flow.labels())).isEqualTo(flow.fqdn());
        assertThat(parser.parse("CREATE FLOW " + name))
                .isEqualTo(new ParseResult.Parsed(new Command.CreateFlow(flow)));
        assertThat(parser.parse("DESC FLOW flow://" + name))
                .isEqualTo(new ParseResult.Parsed(new Command.DescribeFlow(flow)));
        String namespace = flow.fqdn().substring(flow.fqdn().indexOf('.') + 1);
        assertThat(flow.isStrictSubdomainOf(namespace)).isTrue();
        assertThat(flow.relativeTo(namespace) + "." + namespace).isEqualTo(flow.fqdn());
    }

    @Provide
    Arbitrary<String> garbage() {
        Arbitrary<String> anyText = Arbitraries.strings().all().ofMaxLength(300);
        Arbitrary<String> word = Arbitraries.oneOf(
                Arbitraries.of("AUTHENTICATE", "CREATE", "DESCRIBE", "DESC", "DELETE", "GET", "FLOW",
                        "FLOWS", "NAMESPACES", "CAPABILITIES", "NOOP", "HELP", "QUIT", "PLAIN", "flow://",
                        "a.b", "a..b", "-", ".", "*", "=", "\t", "\r", "é", "日本", "😀", "\u0000"),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(70),
                flowNames());
        Arbitrary<String> sentence = word.list().ofMaxSize(6).map(ws -> String.join(" ", ws));
        return Arbitraries.oneOf(anyText, sentence);
    }

    @Property(tries = 2000)
    void garbageNeverThrows(@ForAll("garbage") String line) {
        ParseResult result = parser.parse(line);
        assertThat(result).isNotNull();
        switch (result) {
            case ParseResult.Parsed parsed -> assertThat(parsed.command().verb()).isNotBlank();
            case ParseResult.Rejected rejected -> {
                assertThat(rejected.reply().code()).isIn(ReplyCodes.SYNTAX_ERROR,
                        ReplyCodes.BAD_ARGUMENTS, ReplyCodes.INVALID_FLOW_NAME);
                assertThat(rejected.reply().encode().length).isLessThanOrEqualTo(1000);
            }
        }
    }
}
