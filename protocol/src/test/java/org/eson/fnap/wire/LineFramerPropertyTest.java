package org.eson.fnap.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.eson.fnap.wire.LineFramer.Frame;

/**
 * The framer must give the same frames whatever the TCP segmentation, agree with a simple model
 * of the rules, and never hold more than the limit.
 */
class LineFramerPropertyTest {

    private static final int MAX_CONTENT = LineFramer.MAX_LINE_OCTETS - 2;

    /** One line as sent: content (no LF) and its terminator. */
    record SentLine(String content, String terminator) {
        byte[] bytes() {
            return (content + terminator).getBytes(StandardCharsets.UTF_8);
        }

        /** What the rules say the framer must produce for this line. */
        Frame expected() {
            byte[] c = content.getBytes(StandardCharsets.UTF_8);
            int n = c.length;
            if (terminator.equals("\n") && n > 0 && c[n - 1] == '\r') {
                n--; // a CR right before LF belongs to the terminator
            }
            return n > MAX_CONTENT
                    ? new Frame.TooLong()
                    : new Frame.Line(new String(c, 0, n, StandardCharsets.UTF_8));
        }
    }

    @Provide
    Arbitrary<SentLine> lines() {
        // Weighted towards ASCII so that lengths cluster at the octet limit, with 2-, 3- and
        // 4-octet characters and stray CRs mixed in.
        Arbitrary<String> unit = Arbitraries.frequencyOf(
                Tuple.of(40, Arbitraries.just("a")),
                Tuple.of(2, Arbitraries.of(" ", "Z", "~", "=", "0")),
                Tuple.of(2, Arbitraries.of("é", "ß")),
                Tuple.of(2, Arbitraries.of("€", "日")),
                Tuple.of(1, Arbitraries.just("😀")),
                Tuple.of(1, Arbitraries.just("\r")));
        Arbitrary<Integer> units = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 12),
                Arbitraries.integers().between(960, 1010),
                Arbitraries.integers().between(320, 520));
        Arbitrary<String> content = units.flatMap(n -> unit.list().ofSize(n)
                .map(parts -> String.join("", parts)));
        return Combinators.combine(content, Arbitraries.of("\r\n", "\n")).as(SentLine::new);
    }

    @Provide
    Arbitrary<List<SentLine>> sessions() {
        return lines().list().ofMinSize(1).ofMaxSize(8);
    }

    private static byte[] concat(List<SentLine> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (SentLine l : lines) {
            out.writeBytes(l.bytes());
        }
        return out.toByteArray();
    }

    private static List<Frame> feedWhole(byte[] stream) {
        List<Frame> frames = new ArrayList<>();
        new LineFramer().feed(stream, 0, stream.length, frames::add);
        return frames;
    }

    private static int[] cuts(byte[] stream, List<Integer> seeds) {
        TreeSet<Integer> cut = new TreeSet<>();
        for (int s : seeds) {
            cut.add(Math.floorMod(s, stream.length + 1));
        }
        return cut.stream().mapToInt(Integer::intValue).toArray();
    }

    @Property(tries = 300)
    void chunkingDoesNotChangeFramesAndMatchesTheModel(
            @ForAll("sessions") List<SentLine> lines,
            @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 100_000) Integer> seeds) {
        byte[] stream = concat(lines);
        List<Frame> expected = lines.stream().map(SentLine::expected).toList();
        assertThat(feedWhole(stream)).isEqualTo(expected);

        LineFramer framer = new LineFramer();
        List<Frame> chunked = new ArrayList<>();
        int maxHeld = 0;
        int from = 0;
        for (int cut : cuts(stream, seeds)) {
            framer.feed(stream, from, cut - from, chunked::add);
            maxHeld = Math.max(maxHeld, framer.bufferedOctets());
            from = cut;
        }
        framer.feed(stream, from, stream.length - from, chunked::add);
        assertThat(chunked).isEqualTo(expected);
        assertThat(maxHeld).isLessThanOrEqualTo(MAX_CONTENT);
        assertThat(framer.hasPartialLine()).isFalse();
    }

    @Property(tries = 200)
    void overlongLineGivesExactlyOneTooLongAndTheNextLineIsIntact(
            @ForAll @IntRange(min = 999, max = 20_000) int length,
            @ForAll("lines") SentLine next,
            @ForAll @IntRange(min = 1, max = 2048) int chunkSize) {
        SentLine longLine = new SentLine("x".repeat(length), "\r\n");
        byte[] stream = concat(List.of(longLine, next));
        LineFramer framer = new LineFramer();
        List<Frame> frames = new ArrayList<>();
        int maxHeld = 0;
        for (int i = 0; i < stream.length; i += chunkSize) {
            framer.feed(stream, i, Math.min(chunkSize, stream.length - i), frames::add);
            maxHeld = Math.max(maxHeld, framer.bufferedOctets());
        }
        assertThat(frames).containsExactly(new Frame.TooLong(), next.expected());
        assertThat(maxHeld).isLessThanOrEqualTo(MAX_CONTENT);
    }

    @Property(tries = 200)
    void crlfSplitBetweenCrAndLf(@ForAll("sessions") List<SentLine> lines) {
        byte[] stream = concat(lines);
        LineFramer framer = new LineFramer();
        List<Frame> frames = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < stream.length; i++) {
            if (stream[i] == '\r') {
                framer.feed(stream, from, i + 1 - from, frames::add);
                from = i + 1;
            }
        }
        framer.feed(stream, from, stream.length - from, frames::add);
        assertThat(frames).isEqualTo(lines.stream().map(SentLine::expected).toList());
    }

    @Property(tries = 300)
    void arbitraryBytesNeverThrowStayBoundedAndIgnoreChunking(
            @ForAll @Size(max = 5000) byte[] bytes,
            @ForAll @IntRange(min = 1, max = 700) int chunkSize) {
        LineFramer whole = new LineFramer(100);
        List<Frame> expected = new ArrayList<>();
        whole.feed(bytes, 0, bytes.length, expected::add);

        LineFramer framer = new LineFramer(100);
        List<Frame> frames = new ArrayList<>();
        int maxHeld = 0;
        for (int i = 0; i < bytes.length; i += chunkSize) {
            framer.feed(bytes, i, Math.min(chunkSize, bytes.length - i), frames::add);
            maxHeld = Math.max(maxHeld, framer.bufferedOctets());
        }
        assertThat(frames).isEqualTo(expected);
        assertThat(maxHeld).isLessThanOrEqualTo(98);
        long lfs = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                lfs++;
            }
        }
        // Each complete line is one frame; a too-long line is one frame however many LFs it lacks.
        long complete = frames.stream().filter(f -> !(f instanceof Frame.TooLong)).count();
        assertThat(complete).isLessThanOrEqualTo(lfs);
    }
}
