package org.eson.fnap.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyTest {

    @Test
    void statusLineReply() {
        Reply reply = Reply.of(ReplyCodes.NO_SUCH_FLOW, "No such flow");
        assertThat(reply.statusLine()).isEqualTo("550 No such flow");
        assertThat(reply.wireLines()).containsExactly("550 No such flow");
        assertThat(new String(reply.encode(), StandardCharsets.UTF_8)).isEqualTo("550 No such flow\r\n");
        assertThat(reply.isPermanent()).isTrue();
        assertThat(reply.isPositive()).isFalse();
        assertThat(reply.isTransient()).isFalse();
        assertThat(reply.isData()).isFalse();
    }

    @Test
    void okAndGreeting() {
        assertThat(Reply.ok("OK").encode()).isEqualTo("220 OK\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(Reply.ok("fnaa.unix.ar FNAA").statusLine()).isEqualTo("220 fnaa.unix.ar FNAA");
        assertThat(Reply.of(421, "x Idle timeout").isTransient()).isTrue();
    }

    @Test
    void thesisDescribeDataBlock() {
        Reply reply = Reply.data(List.of("flow=time.flows.unix.ar", "type=kafka",
                "topic=time.flows.unix.ar", "server=kf1.unix.ar:9092"));
        assertThat(reply.isData()).isTrue();
        assertThat(reply.isPositive()).isTrue();
        assertThat(new String(reply.encode(), StandardCharsets.UTF_8)).isEqualTo(
                "220 DATA\r\nflow=time.flows.unix.ar\r\ntype=kafka\r\ntopic=time.flows.unix.ar\r\n"
                        + "server=kf1.unix.ar:9092\r\n220 OK\r\n");
    }

    @Test
    void emptyDataBlock() {
        Reply reply = Reply.data(List.of());
        assertThat(reply.wireLines()).containsExactly("220 DATA", "220 OK");
        assertThat(reply).isEqualTo(Reply.ok("DATA"));
    }

    @Test
    void encodesUtf8() {
        Reply reply = Reply.data(List.of("name=Zürich €"));
        assertThat(reply.encode()).isEqualTo(
                "220 DATA\r\nname=Zürich €\r\n220 OK\r\n".getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 199, 600, 1000, -220})
    void rejectsCodesOutOfRange(int code) {
        assertThatThrownBy(() -> Reply.of(code, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\rb", "a\nb", "\r\n", "x\r"})
    void rejectsLineBreaksInText(String text) {
        assertThatThrownBy(() -> Reply.ok(text)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Reply.data(List.of(text))).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"220 OK", "550", "550 x", "999 injected", "000 "})
    void rejectsDataLinesThatLookLikeReplies(String line) {
        assertThatThrownBy(() -> Reply.data(List.of("ok", line)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("looks like a reply line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"220OK", "22 OK", "2200 x", " 220 OK", "a220 x", "", "5500"})
    void acceptsDataLinesThatDoNotLookLikeReplies(String line) {
        assertThat(Reply.data(List.of(line)).data()).containsExactly(line);
    }

    @Test
    void onlyDataRepliesCarryData() {
        assertThatThrownBy(() -> new Reply(550, "No such flow", List.of("x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void linesMustFitTheLineLimit() {
        assertThat(Reply.data(List.of("k=" + "v".repeat(996))).data()).hasSize(1);
        assertThatThrownBy(() -> Reply.data(List.of("k=" + "v".repeat(997))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Reply.ok("x".repeat(994)).statusLine()).hasSize(998);
        assertThatThrownBy(() -> Reply.ok("x".repeat(995))).isInstanceOf(IllegalArgumentException.class);
        // 333 three-octet characters are 999 octets
        assertThatThrownBy(() -> Reply.data(List.of("€".repeat(333))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dataIsImmutableCopy() {
        List<String> lines = new java.util.ArrayList<>(List.of("a"));
        Reply reply = Reply.data(lines);
        lines.add("b");
        assertThat(reply.data()).containsExactly("a");
        assertThatThrownBy(() -> reply.data().add("c")).isInstanceOf(UnsupportedOperationException.class);
    }
}
