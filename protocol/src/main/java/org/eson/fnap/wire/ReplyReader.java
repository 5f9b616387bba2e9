package org.eson.fnap.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads FNAP replies from a server, for clients.
 *
 * <p>Uses the same {@link LineFramer} as servers so that a reply line is bounded the same way in
 * both directions. A {@code 220 DATA} status line opens a block that runs until the next line that
 * looks like a status line; a 2xx terminator completes it, a 4xx or 5xx terminator means the server
 * gave up half way, and only that error is returned because partial data must not be mistaken for
 * a result. Not thread-safe.
 */
public final class ReplyReader {

    /** DOTALL: reply text may contain any character but CR and LF, including U+2028 and NEL. */
    private static final Pattern STATUS =
            Pattern.compile("([2-5][0-9]{2})(?: (.*))?", Pattern.DOTALL);

    private final InputStream in;
    private final LineFramer framer;
    private final ArrayDeque<LineFramer.Frame> frames = new ArrayDeque<>();
    private final byte[] chunk = new byte[4096];
    private boolean eof;

    /**
     * @param in the server's stream, read as needed and never beyond the bytes that arrived
     */
    public ReplyReader(InputStream in) {
        this(in, LineFramer.MAX_LINE_OCTETS);
    }

    /**
     * @param in            the server's stream
     * @param maxLineOctets longest accepted line including CRLF
     */
    public ReplyReader(InputStream in, int maxLineOctets) {
        this.in = Objects.requireNonNull(in, "in");
        this.framer = new LineFramer(maxLineOctets);
    }

    /**
     * Reads one complete reply.
     *
     * @return the reply; for a DATA block aborted by the server, the server's error reply
     * @throws EOFException       if the stream ends before a reply is complete
     * @throws ProtocolException  if the server sent something that is not an FNAP reply
     * @throws IOException        if reading fails, including socket timeouts
     */
    public Reply read() throws IOException {
        String line = nextLine(false);
        Matcher status = STATUS.matcher(line);
        if (!status.matches()) {
            throw new ProtocolException("Not an FNAP reply line: " + shorten(line));
        }
        int code = Integer.parseInt(status.group(1));
        String text = status.group(2) == null ? "" : status.group(2);
        if (!(code == ReplyCodes.OK && Reply.DATA_TEXT.equals(text))) {
            return build(code, text, List.of());
        }
        List<String> data = new ArrayList<>();
        while (true) {
            String dataLine = nextLine(true);
            Matcher end = STATUS.matcher(dataLine);
            if (end.matches()) {
                int endCode = Integer.parseInt(end.group(1));
                if (endCode / 100 == 2) {
                    return build(ReplyCodes.OK, Reply.DATA_TEXT, data);
                }
                return build(endCode, end.group(2) == null ? "" : end.group(2), List.of());
            }
            data.add(dataLine);
        }
    }

    private Reply build(int code, String text, List<String> data) throws ProtocolException {
        try {
            return new Reply(code, text, data);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("Invalid reply from server: " + e.getMessage());
        }
    }

    private String nextLine(boolean midReply) throws IOException {
        while (frames.isEmpty()) {
            if (eof) {
                throw new EOFException(midReply || framer.hasPartialLine()
                        ? "Connection closed by the server in the middle of a reply"
                        : "Connection closed by the server");
            }
            int n = in.read(chunk);
            if (n < 0) {
                eof = true;
            } else {
                framer.feed(chunk, 0, n, frames::add);
            }
        }
        return switch (frames.poll()) {
            case LineFramer.Frame.Line line -> line.text();
            case LineFramer.Frame.TooLong tooLong -> throw new ProtocolException(
                    "Reply line longer than " + (framer.maxContentOctets() + 2) + " octets");
            case LineFramer.Frame.Malformed malformed -> throw new ProtocolException(
                    "Reply line is not valid UTF-8");
        };
    }

    private static String shorten(String line) {
        String s = line.length() > 64 ? line.substring(0, 64) + "..." : line;
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
