package org.eson.fnap.name;

import java.util.Locale;

/**
 * Validation of DNS host names as used for flows and namespaces.
 *
 * <p>The rules are the RFC 1123 host-name subset of DNS (letters, digits, hyphens) because flow
 * names become DNS owner names and SRV targets; anything that would need escaping in a zone file
 * or that a resolver would treat differently is refused up front instead of failing later in the
 * registrar. Only ASCII is accepted: internationalised names must arrive in their A-label
 * ({@code xn--}) form so that two spellings of one name can never be two flows.
 */
public final class DomainNames {

    /** Longest name in presentation form without the trailing dot (RFC 1035 255-octet wire limit). */
    public static final int MAX_NAME_LENGTH = 253;

    /** Longest label (RFC 1035). */
    public static final int MAX_LABEL_LENGTH = 63;

    /** Quoted user input in reasons is cut so a reply never echoes much of what was sent. */
    private static final int MAX_QUOTED = 32;

    private DomainNames() {
    }

    /**
     * Validates a DNS name and returns its canonical form.
     *
     * @param text the name, optionally with one trailing dot
     * @return the name in lower case without trailing dot
     * @throws InvalidFlowNameException with a human reason when the name is not a valid host name
     */
    public static String normalize(String text) throws InvalidFlowNameException {
        if (text == null || text.isEmpty()) {
            throw new InvalidFlowNameException("name is empty");
        }
        String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (name.isEmpty()) {
            throw new InvalidFlowNameException("name is empty");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidFlowNameException(
                    "name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        int start = 0;
        while (start <= name.length()) {
            int dot = name.indexOf('.', start);
            int end = dot < 0 ? name.length() : dot;
            checkLabel(name, start, end);
            if (dot < 0) {
                break;
            }
            start = dot + 1;
        }
        return toLowerAscii(name);
    }

    /**
     * Whether {@code text} is a valid DNS name; for callers that only need a yes or no.
     *
     * @param text candidate name
     * @return true when {@link #normalize(String)} would accept it
     */
    public static boolean isValid(String text) {
        try {
            normalize(text);
            return true;
        } catch (InvalidFlowNameException e) {
            return false;
        }
    }

    private static void checkLabel(String name, int start, int end) throws InvalidFlowNameException {
        if (start == end) {
            throw new InvalidFlowNameException("empty label in '" + quote(name) + "'");
        }
        String label = name.substring(start, end);
        if (label.length() > MAX_LABEL_LENGTH) {
            throw new InvalidFlowNameException("label '" + quote(label) + "' is longer than "
                    + MAX_LABEL_LENGTH + " characters");
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (!isLetterOrDigit(c) && c != '-') {
                throw new InvalidFlowNameException("label '" + quote(label)
                        + "' contains a character other than letters, digits and hyphens");
            }
        }
        if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
            throw new InvalidFlowNameException(
                    "label '" + quote(label) + "' starts or ends with a hyphen");
        }
    }

    private static boolean isLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** Shortens quoted input; control characters never get here because the parser rejects them. */
    static String quote(String s) {
        if (s.length() <= MAX_QUOTED) {
            return s;
        }
        int cut = MAX_QUOTED;
        if (Character.isHighSurrogate(s.charAt(cut - 1))) {
            cut--;
        }
        return s.substring(0, cut) + "...";
    }

    /** Only ever called on validated ASCII, where {@code Locale.ROOT} folding is exact. */
    static String toLowerAscii(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
