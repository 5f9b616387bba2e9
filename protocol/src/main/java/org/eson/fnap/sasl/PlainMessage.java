package org.eson.fnap.sasl;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The SASL PLAIN message {@code [authzid] NUL authcid NUL passwd} (RFC 4616).
 *
 * <p>{@link #toString()} masks the password, so a message that ends up in a log line leaks
 * nothing secret.
 *
 * @param authzid  the identity to act as; empty means the same as {@code authcid}
 * @param authcid  the user name
 * @param password the password
 */
public record PlainMessage(Optional<String> authzid, String authcid, String password) {

    /** A response line consisting of this alone cancels the exchange (as in SMTP AUTH). */
    public static final String CANCEL = "*";

    /** RFC 4616 bounds each field to 255 octets. */
    public static final int MAX_FIELD_OCTETS = 255;

    /**
     * @throws IllegalArgumentException if a field is empty where RFC 4616 forbids it, contains
     *                                  NUL, or is longer than 255 octets
     */
    public PlainMessage {
        Objects.requireNonNull(authzid, "authzid");
        Objects.requireNonNull(authcid, "authcid");
        Objects.requireNonNull(password, "password");
        authzid.ifPresent(z -> check(z, "authzid"));
        check(authcid, "authcid");
        check(password, "password");
        if (authzid.isPresent() && authzid.get().isEmpty()) {
            authzid = Optional.empty();
        }
    }

    /**
     * @param user     user name
     * @param password password
     * @return a message without authorization identity, as the FNUA sends it
     */
    public static PlainMessage of(String user, String password) {
        return new PlainMessage(Optional.empty(), user, password);
    }

    /**
     * Decodes a base64 response line.
     *
     * @param base64 the line the client sent
     * @return the decoded message
     * @throws InvalidPlainMessageException if the base64 or the message structure is invalid
     */
    public static PlainMessage decode(String base64) throws InvalidPlainMessageException {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(Objects.requireNonNull(base64, "base64"));
        } catch (IllegalArgumentException e) {
            throw new InvalidPlainMessageException("not valid base64");
        }
        int first = indexOfNul(raw, 0);
        int second = first < 0 ? -1 : indexOfNul(raw, first + 1);
        if (first < 0 || second < 0 || indexOfNul(raw, second + 1) >= 0) {
            throw new InvalidPlainMessageException("not of the form [authzid] NUL authcid NUL passwd");
        }
        String authzid = utf8(raw, 0, first);
        String authcid = utf8(raw, first + 1, second);
        String password = utf8(raw, second + 1, raw.length);
        try {
            return new PlainMessage(
                    authzid.isEmpty() ? Optional.empty() : Optional.of(authzid), authcid, password);
        } catch (IllegalArgumentException e) {
            throw new InvalidPlainMessageException(e.getMessage());
        }
    }

    /**
     * @return the base64 line to send
     */
    public String encode() {
        String message = authzid.orElse("") + '\0' + authcid + '\0' + password;
        return Base64.getEncoder().encodeToString(message.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * RFC 4616 lets a server decide whether one user may act as another; FNAP never allows it.
     *
     * @return the identity the session is for, when {@code authzid} is absent or equal to
     *         {@code authcid}
     */
    public Optional<String> effectiveIdentity() {
        return authzid.isEmpty() || authzid.get().equals(authcid)
                ? Optional.of(authcid) : Optional.empty();
    }

    @Override
    public String toString() {
        return "PlainMessage[authzid=" + authzid + ", authcid=" + authcid + ", password=****]";
    }

    private static void check(String field, String name) {
        if (field.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(name + " contains NUL");
        }
        int octets = field.getBytes(StandardCharsets.UTF_8).length;
        if (octets > MAX_FIELD_OCTETS) {
            throw new IllegalArgumentException(name + " is longer than " + MAX_FIELD_OCTETS + " octets");
        }
        if (octets == 0 && !name.equals("authzid")) {
            throw new IllegalArgumentException(name + " is empty");
        }
    }

    private static int indexOfNul(byte[] raw, int from) {
        for (int i = from; i < raw.length; i++) {
            if (raw[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String utf8(byte[] raw, int from, int to) throws InvalidPlainMessageException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw, from, to - from))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidPlainMessageException("not valid UTF-8");
        }
    }
}
