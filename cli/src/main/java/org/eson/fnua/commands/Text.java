package org.eson.fnua.commands;

/**
 * Makes untrusted text (command-line arguments, server replies) safe to put in a one-line message.
 */
final class Text {

    private Text() {
    }

    /**
     * @param s any text
     * @return the text with control characters shown as {@code \xNN}, so that a message stays on
     *         one line and cannot move the terminal's cursor
     */
    static String printable(String s) {
        return printable(s, false);
    }

    /**
     * @param s a DNS trace line
     * @return the line made safe like {@link #printable(String)}, but keeping tabs: dnsjava
     *         separates the fields of a record with them, as the thesis's trace shows
     */
    static String traceLine(String s) {
        return printable(s, true);
    }

    private static String printable(String s, boolean keepTabs) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t' && keepTabs) {
                sb.append(c);
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
