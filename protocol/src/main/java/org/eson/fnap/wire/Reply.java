package org.eson.fnap.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One FNAP reply: either a status line {@code NNN SP text} or a DATA block, which on the wire is
 * {@code 220 DATA}, the data lines, and {@code 220 OK}.
 *
 * <p>A DATA block is represented as code 220 with text {@code DATA}; because a {@code 220 DATA}
 * status line always opens a block on the wire, that representation is unambiguous, and an empty
 * block is simply one with no lines. The constructor refuses anything a peer could misread: line
 * breaks inside a line, lines longer than {@link LineFramer#MAX_LINE_OCTETS}, and data lines that
 * look like a status line (which would end the block early and let data inject replies).
 *
 * @param code reply code, 200 to 599
 * @param text reply text, may be empty
 * @param data the data lines; non-empty only for a DATA block
 */
public record Reply(int code, String text, List<String> data) {

    /** Text of the status line that opens a DATA block. */
    public static final String DATA_TEXT = "DATA";

    /** Text of the status line that closes a successful DATA block. */
    public static final String DATA_END_TEXT = "OK";

    private static final Pattern STATUS_LIKE = Pattern.compile("^[0-9]{3}( |$)");

    private static final int MAX_CONTENT_OCTETS = LineFramer.MAX_LINE_OCTETS - 2;

    /**
     * @throws IllegalArgumentException if the reply could not be sent and read back unchanged
     */
    public Reply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("Reply code out of range 200-599: " + code);
        }
        Objects.requireNonNull(text, "text");
        data = List.copyOf(Objects.requireNonNull(data, "data"));
        checkLine(code + " " + text, "reply text");
        if (!data.isEmpty() && !(code == ReplyCodes.OK && DATA_TEXT.equals(text))) {
            throw new IllegalArgumentException("Only a 220 DATA reply carries data lines");
        }
        for (String line : data) {
            checkLine(line, "data line");
            if (STATUS_LIKE.matcher(line).find()) {
                throw new IllegalArgumentException("Data line looks like a reply line: "
                        + abbreviate(line));
            }
        }
    }

    /**
     * @param code reply code
     * @param text reply text
     * @return a status-line reply
     */
    public static Reply of(int code, String text) {
        return new Reply(code, text, List.of());
    }

    /**
     * @param text reply text
     * @return a {@code 220} reply
     */
    public static Reply ok(String text) {
        return of(ReplyCodes.OK, text);
    }

    /**
     * @param lines data lines, possibly none
     * @return a DATA block
     */
    public static Reply data(List<String> lines) {
        return new Reply(ReplyCodes.OK, DATA_TEXT, lines);
    }

    /**
     * @return whether this reply is a DATA block (possibly empty)
     */
    public boolean isData() {
        return code == ReplyCodes.OK && DATA_TEXT.equals(text);
    }

    /**
     * @return whether the code is 2xx
     */
    public boolean isPositive() {
        return code / 100 == 2;
    }

    /**
     * @return whether the code is 4xx: the same command may succeed later
     */
    public boolean isTransient() {
        return code / 100 == 4;
    }

    /**
     * @return whether the code is 5xx: repeating the command unchanged will fail again
     */
    public boolean isPermanent() {
        return code / 100 == 5;
    }

    /**
     * @return the first line on the wire, for example {@code 550 No such flow}
     */
    public String statusLine() {
        return code + " " + text;
    }

    /**
     * @return every line on the wire in order, without line terminators
     */
    public List<String> wireLines() {
        if (!isData()) {
            return List.of(statusLine());
        }
        List<String> lines = new ArrayList<>(data.size() + 2);
        lines.add(statusLine());
        lines.addAll(data);
        lines.add(ReplyCodes.OK + " " + DATA_END_TEXT);
        return List.copyOf(lines);
    }

    /**
     * @return the reply as sent: UTF-8, each line followed by CRLF
     */
    public byte[] encode() {
        StringBuilder sb = new StringBuilder();
        for (String line : wireLines()) {
            sb.append(line).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void checkLine(String line, String what) {
        Objects.requireNonNull(line, what);
        if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(what + " contains CR or LF: " + abbreviate(line));
        }
        // Fast path: a line this short cannot exceed the limit even at 3 octets per UTF-16 unit.
        if (line.length() * 3 > MAX_CONTENT_OCTETS
                && line.getBytes(StandardCharsets.UTF_8).length > MAX_CONTENT_OCTETS) {
            throw new IllegalArgumentException(what + " longer than " + MAX_CONTENT_OCTETS
                    + " octets: " + abbreviate(line));
        }
    }

    private static String abbreviate(String s) {
        String shown = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return shown.replace("\r", "\\r").replace("\n", "\\n");
    }
}
