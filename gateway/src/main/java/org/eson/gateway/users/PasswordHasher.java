package org.eson.gateway.users;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 password hashes in the self-describing form
 * {@code pbkdf2-sha256:<iterations>:<salt base64>:<hash base64>}, so the iteration count can be
 * raised later without invalidating hashes already in configuration files.
 *
 * <p>{@value #DEFAULT_ITERATIONS} iterations is the default and the recommendation (OWASP's
 * figure for PBKDF2-HMAC-SHA256). Counts down to {@value #MIN_ITERATIONS} are accepted only so
 * tests run fast; such hashes are weak against offline guessing.
 */
public final class PasswordHasher {

    public static final String SCHEME = "pbkdf2-sha256";
    public static final int DEFAULT_ITERATIONS = 600_000;
    public static final int MIN_ITERATIONS = 1_000;
    /** Above this a single login would stall a worker thread for many seconds. */
    public static final int MAX_ITERATIONS = 10_000_000;

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int MIN_SALT_BYTES = 8;
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHasher() {
    }

    /** Hashes with {@value #DEFAULT_ITERATIONS} iterations and a fresh random salt. */
    public static String hash(char[] password) {
        return hash(password, DEFAULT_ITERATIONS);
    }

    /**
     * Hashes with a fresh random salt.
     *
     * @throws IllegalArgumentException if {@code iterations} is outside
     *                                  {@value #MIN_ITERATIONS}..{@value #MAX_ITERATIONS} or the password is empty
     */
    public static String hash(char[] password, int iterations) {
        checkIterations(iterations);
        if (password.length == 0) {
            throw new IllegalArgumentException("password must not be empty");
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] key = derive(password, salt, iterations, KEY_BYTES);
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + ":" + iterations + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(key);
    }

    /**
     * Whether {@code password} matches {@code encoded}. The comparison takes the same time
     * wherever the first differing byte is.
     *
     * @throws IllegalArgumentException if {@code encoded} is malformed (see {@link #checkFormat})
     */
    public static boolean verify(char[] password, String encoded) {
        Parsed parsed = parse(encoded);
        if (password.length == 0) {
            return false;
        }
        byte[] actual = derive(password, parsed.salt(), parsed.iterations(), parsed.hash().length);
        return MessageDigest.isEqual(actual, parsed.hash());
    }

    /**
     * Checks an encoded hash without verifying any password.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static void checkFormat(String encoded) {
        parse(encoded);
    }

    /** The iteration count of a well-formed encoded hash. */
    public static int iterations(String encoded) {
        return parse(encoded).iterations();
    }

    private record Parsed(int iterations, byte[] salt, byte[] hash) {
    }

    private static Parsed parse(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            throw new IllegalArgumentException("the hash is empty");
        }
        String[] parts = encoded.strip().split(":", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("expected " + SCHEME + ":<iterations>:<salt base64>:<hash base64>, got "
                    + parts.length + " ':'-separated fields");
        }
        if (!parts[0].equals(SCHEME)) {
            // never echo the whole value: a pasted plaintext password could be in it
            throw new IllegalArgumentException("unknown scheme '" + abbreviate(parts[0]) + "', expected '" + SCHEME + "'");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("iteration count '" + abbreviate(parts[1]) + "' is not a number");
        }
        checkIterations(iterations);
        byte[] salt = decode(parts[2], "salt");
        if (salt.length < MIN_SALT_BYTES) {
            throw new IllegalArgumentException("salt is " + salt.length + " bytes, at least " + MIN_SALT_BYTES + " are required");
        }
        byte[] hash = decode(parts[3], "hash");
        if (hash.length != KEY_BYTES) {
            throw new IllegalArgumentException("hash is " + hash.length + " bytes, expected " + KEY_BYTES);
        }
        return new Parsed(iterations, salt, hash);
    }

    private static void checkIterations(int iterations) {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iteration count " + iterations + " is outside " + MIN_ITERATIONS + ".."
                    + MAX_ITERATIONS + " (recommended: " + DEFAULT_ITERATIONS + ")");
        }
    }

    private static byte[] decode(String text, String what) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not valid base64");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "...";
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int keyBytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, keyBytes * 8);
        try {
            return factory().generateSecret(spec).getEncoded();
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("cannot derive a key: " + e.getMessage(), e);
        } finally {
            spec.clearPassword();
        }
    }

    private static SecretKeyFactory factory() {
        try {
            return SecretKeyFactory.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
        }
    }
}
