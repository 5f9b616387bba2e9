package org.eson.fnap.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eson.fnap.wire.LineFramer.Frame;
import org.junit.jupiter.api.Test;

class LineFramerTest {

    private final LineFramer framer = new LineFramer();
    private final List<Frame> frames = new ArrayList<>();

    private void feed(String s) {
        feed(s.getBytes(StandardCharsets.UTF_8));
    }

    private void feed(byte[] b) {
        framer.feed(b, 0, b.length, frames::add);
    }

    private static Frame line(String s) {
        return new Frame.Line(s);
    }

    @Test
    void crlfAndBareLfEndLines() {
        feed("AUTHENTICATE PLAIN\r\nNOOP\nQUIT\r\n");
        assertThat(frames).containsExactly(line("AUTHENTICATE PLAIN"), line("NOOP"), line("QUIT"));
        assertThat(framer.hasPartialLine()).isFalse();
    }

    @Test
    void emptyLines() {
        feed("\r\n\n");
        assertThat(frames).containsExactly(line(""), line(""));
    }

    @Test
    void strayCrIsContent() {
        feed("a\rb\r\r\n");
        assertThat(frames).containsExactly(line("a\rb\r"));
    }

    @Test
    void crAtChunkEndJoinsLfOfNextChunk() {
        feed("NOOP\r");
        assertThat(frames).isEmpty();
        assertThat(framer.hasPartialLine()).isTrue();
        feed("\nQUIT\r");
        assertThat(frames).containsExactly(line("NOOP"));
        feed("x\n");
        assertThat(frames).containsExactly(line("NOOP"), line("QUIT\rx"));
    }

    @Test
    void maxContentIs998Octets() {
        String max = "x".repeat(998);
        feed(max + "\r\n");
        feed(max + "\n");
        assertThat(frames).containsExactly(line(max), line(max));
    }

    @Test
    void contentOf998WithCrSplitAcrossChunksIsAccepted() {
        feed("x".repeat(998) + "\r");
        assertThat(framer.bufferedOctets()).isEqualTo(998);
        assertThat(framer.hasPartialLine()).isTrue();
        feed("\n");
        assertThat(frames).containsExactly(line("x".repeat(998)));
    }

    @Test
    void tooLongIsReportedAtOnceAndOnce() {
        feed("x".repeat(999));
        assertThat(frames).containsExactly(new Frame.TooLong());
        feed("y".repeat(5000));
        feed("z\r");
        assertThat(frames).hasSize(1);
        feed("\nNOOP\r\n");
        assertThat(frames).containsExactly(new Frame.TooLong(), line("NOOP"));
    }

    @Test
    void crBeyondLimitThatIsNotPartOfCrlfIsTooLong() {
        feed("x".repeat(998) + "\r\r\nNOOP\n");
        assertThat(frames).containsExactly(new Frame.TooLong(), line("NOOP"));
    }

    @Test
    void megabyteWithoutLfUsesBoundedMemory() {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'a');
        for (int i = 0; i < 16; i++) {
            feed(chunk);
            assertThat(framer.bufferedOctets()).isLessThanOrEqualTo(998);
        }
        assertThat(frames).containsExactly(new Frame.TooLong());
        feed("\nQUIT\r\n");
        assertThat(frames).containsExactly(new Frame.TooLong(), line("QUIT"));
    }

    @Test
    void multiByteCharactersCountAsOctets() {
        String e = "€".repeat(332); // 996 octets
        feed(e + "ab\r\n");
        feed(e + "abc\r\n");
        assertThat(frames).containsExactly(line(e + "ab"), new Frame.TooLong());
    }

    @Test
    void multiByteCharacterSplitAcrossChunks() {
        byte[] euro = "€\n".getBytes(StandardCharsets.UTF_8);
        framer.feed(euro, 0, 1, frames::add);
        framer.feed(euro, 1, 1, frames::add);
        framer.feed(euro, 2, 2, frames::add);
        assertThat(frames).containsExactly(line("€"));
    }

    @Test
    void invalidUtf8IsMalformed() {
        feed(new byte[] {'a', (byte) 0xC3, '\r', '\n'});
        feed(new byte[] {(byte) 0xC0, (byte) 0xAF, '\n'}); // overlong '/'
        feed(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'}); // encoded surrogate
        feed(new byte[] {(byte) 0xFF, '\n'});
        feed("ok\n");
        assertThat(frames).containsExactly(new Frame.Malformed("invalid UTF-8"),
                new Frame.Malformed("invalid UTF-8"), new Frame.Malformed("invalid UTF-8"),
                new Frame.Malformed("invalid UTF-8"), line("ok"));
    }

    @Test
    void smallLimit() {
        LineFramer small = new LineFramer(5);
        List<Frame> out = new ArrayList<>();
        byte[] b = "abc\r\nabcd\r\nab\n".getBytes(StandardCharsets.US_ASCII);
        small.feed(b, 0, b.length, out::add);
        assertThat(out).containsExactly(line("abc"), new Frame.TooLong(), line("ab"));
        assertThat(small.maxContentOctets()).isEqualTo(3);
    }

    @Test
    void respectsOffsetAndLength() {
        byte[] b = "xxNOOP\nyy".getBytes(StandardCharsets.US_ASCII);
        framer.feed(b, 2, 5, frames::add);
        assertThat(frames).containsExactly(line("NOOP"));
        assertThat(framer.hasPartialLine()).isFalse();
    }

    @Test
    void framingErrorsCarryTheServerReply() {
        assertThat(new Frame.TooLong().reply().statusLine()).isEqualTo("500 Line too long");
        assertThat(new Frame.Malformed("invalid UTF-8").reply().statusLine())
                .isEqualTo("500 Syntax error: invalid UTF-8");
    }
}
