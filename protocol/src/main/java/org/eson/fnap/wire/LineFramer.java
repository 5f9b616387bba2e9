package org.eson.fnap.wire;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Splits a byte stream into FNAP lines with a hard bound on memory.
 *
 * <p>A line ends at LF; one CR immediately before the LF belongs to the terminator, so both CRLF
 * and a bare LF end a line (servers must accept what telnet and scripts send). The limit counts
 * the terminator as two octets, as SMTP does, so a line holds at most {@code maxLineOctets - 2}
 * octets of content. As soon as content passes that, {@link Frame.TooLong} is emitted once and
 * the rest of the line is dropped unseen: a peer streaming an endless line costs a fixed buffer,
 * and the server can answer at once instead of waiting for an LF that may never come.
 *
 * <p>Bytes may arrive in arbitrary chunks. A CR at the end of a chunk is held back until the next
 * byte shows whether it is part of CRLF. Instances are stateful and not thread-safe: one per
 * connection.
 */
public final class LineFramer {

    /** Longest line including CRLF (the SMTP figure). */
    public static final int MAX_LINE_OCTETS = 1000;

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final int maxContent;
    private final byte[] buffer;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private int count;
    private boolean pendingCr;
    private boolean discarding;

    /** A framer with the protocol limit of {@value #MAX_LINE_OCTETS} octets. */
    public LineFramer() {
        this(MAX_LINE_OCTETS);
    }

    /**
     * @param maxLineOctets longest line including the two-octet terminator; at least 3
     */
    public LineFramer(int maxLineOctets) {
        if (maxLineOctets < 3) {
            throw new IllegalArgumentException("maxLineOctets must be at least 3: " + maxLineOctets);
        }
        this.maxContent = maxLineOctets - 2;
        this.buffer = new byte[maxContent];
    }

    /**
     * Feeds bytes and emits every frame they complete, in order.
     *
     * @param data   source array
     * @param offset first byte to read
     * @param length number of bytes to read
     * @param sink   receives frames synchronously, before this method returns
     */
    public void feed(byte[] data, int offset, int length, Consumer<Frame> sink) {
        Objects.checkFromIndexSize(offset, length, data.length);
        Objects.requireNonNull(sink, "sink");
        int end = offset + length;
        int i = offset;
        while (i < end) {
            if (discarding) {
                int lf = indexOf(data, i, end, LF);
                if (lf < 0) {
                    return;
                }
                discarding = false;
                i = lf + 1;
                continue;
            }
            byte b = data[i++];
            if (b == LF) {
                pendingCr = false;
                emitLine(sink);
                continue;
            }
            if (pendingCr) {
                pendingCr = false;
                if (!append(CR, sink)) {
                    continue;
                }
            }
            if (b == CR) {
                pendingCr = true;
            } else {
                append(b, sink);
            }
        }
    }

    /**
     * Feeds a whole array.
     *
     * @param data bytes received
     * @param sink receives the frames
     */
    public void feed(byte[] data, Consumer<Frame> sink) {
        feed(data, 0, data.length, sink);
    }

    /**
     * Octets held in memory for the line in progress: never more than the content limit, whatever
     * was fed. A CR held back at a chunk end is a flag, not a buffered octet.
     *
     * @return buffered content octets
     */
    public int bufferedOctets() {
        return count;
    }

    /**
     * Whether bytes of an unfinished line are held or being discarded; at end of stream this
     * means the peer closed in the middle of a line.
     *
     * @return true while a line is incomplete
     */
    public boolean hasPartialLine() {
        return count > 0 || pendingCr || discarding;
    }

    /**
     * @return the most content octets a line may hold
     */
    public int maxContentOctets() {
        return maxContent;
    }

    private boolean append(byte b, Consumer<Frame> sink) {
        if (count == maxContent) {
            count = 0;
            // The current byte may itself be a CR of a CRLF; starting to discard at it is still
            // right because discarding stops only at LF.
            discarding = true;
            sink.accept(new Frame.TooLong());
            return false;
        }
        buffer[count++] = b;
        return true;
    }

    private void emitLine(Consumer<Frame> sink) {
        int n = count;
        count = 0;
        Frame frame;
        try {
            decoder.reset();
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(buffer, 0, n));
            frame = new Frame.Line(chars.toString());
        } catch (CharacterCodingException e) {
            frame = new Frame.Malformed("invalid UTF-8");
        }
        sink.accept(frame);
    }

    private static int indexOf(byte[] data, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (data[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** What the framer produces: a line, or the reason there is none. */
    public sealed interface Frame permits Frame.Line, Frame.TooLong, Frame.Malformed {

        /**
         * A complete line without its terminator.
         *
         * @param text the decoded content; may contain a bare CR or other control characters,
         *             which the command parser rejects
         */
        record Line(String text) implements Frame {
            /** Validates the component. */
            public Line {
                Objects.requireNonNull(text, "text");
            }
        }

        /** A line exceeded the limit; its remainder up to the next LF is discarded. */
        record TooLong() implements Frame {
            /**
             * @return {@code 500 Line too long}, what a server sends at once
             */
            public Reply reply() {
                return Reply.of(ReplyCodes.SYNTAX_ERROR, "Line too long");
            }
        }

        /**
         * A complete line that could not be decoded.
         *
         * @param reason why, e.g. {@code invalid UTF-8}
         */
        record Malformed(String reason) implements Frame {
            /** Validates the component. */
            public Malformed {
                Objects.requireNonNull(reason, "reason");
            }

            /**
             * @return {@code 500 Syntax error: <reason>}, what a server sends for this line
             */
            public Reply reply() {
                return Reply.of(ReplyCodes.SYNTAX_ERROR, "Syntax error: " + reason);
            }
        }
    }
}
