package org.eson.gateway.users;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eson.gateway.config.UserEntry;

/**
 * The configured users and their credentials. Thread-safe and immutable.
 *
 * <p>A failed login must not tell a client whether the user name exists. Checking an unknown
 * name therefore still runs one PBKDF2 verification, against a dummy hash with the iteration
 * count most configured users have, so it costs what a wrong password for a real user costs.
 * Plaintext (development) passwords are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, which hides both content and length.
 */
public final class UserDirectory {

    /** The verification step, replaceable so tests can see it run without measuring time. */
    @FunctionalInterface
    interface PasswordVerifier {
        boolean verify(char[] password, String encoded);
    }

    private sealed interface Credential {
    }

    private record Hashed(String encoded) implements Credential {
    }

    private record Plaintext(byte[] digest) implements Credential {
    }

    private final Map<String, Credential> credentials;
    private final PasswordVerifier verifier;
    private final Credential dummy;
    private final boolean plaintextPasswords;

    /**
     * @throws IllegalArgumentException if a name repeats or an entry has no usable credential;
     *                                  configuration validation normally catches both first
     */
    public UserDirectory(List<UserEntry> users) {
        this(users, PasswordHasher::verify);
    }

    UserDirectory(List<UserEntry> users, PasswordVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        Map<String, Credential> byName = new LinkedHashMap<>();
        for (UserEntry user : users) {
            Credential credential;
            if (user.passwordHash().isPresent()) {
                PasswordHasher.checkFormat(user.passwordHash().get());
                credential = new Hashed(user.passwordHash().get());
            } else if (user.plaintextPassword().isPresent()) {
                credential = new Plaintext(digest(user.plaintextPassword().get().toCharArray()));
            } else {
                throw new IllegalArgumentException("user '" + user.name() + "' has no password");
            }
            if (byName.putIfAbsent(user.name(), credential) != null) {
                throw new IllegalArgumentException("user '" + user.name() + "' is defined more than once");
            }
        }
        this.credentials = Map.copyOf(byName);
        this.plaintextPasswords = byName.values().stream().anyMatch(c -> c instanceof Plaintext);
        this.dummy = dummyFor(byName.values().stream().toList());
    }

    /**
     * The user, when {@code password} is theirs. Unknown names, wrong passwords and nulls all
     * give an empty result after comparable work.
     */
    public Optional<User> authenticate(String name, String password) {
        if (name == null || password == null) {
            return Optional.empty();
        }
        Credential credential = credentials.get(name);
        char[] chars = password.toCharArray();
        try {
            if (credential == null) {
                check(dummy, chars);
                return Optional.empty();
            }
            return check(credential, chars) ? Optional.of(new User(name)) : Optional.empty();
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    public boolean exists(String name) {
        return name != null && credentials.containsKey(name);
    }

    /** Whether any user has a plaintext password, which the start-up warning mentions. */
    public boolean hasPlaintextPasswords() {
        return plaintextPasswords;
    }

    /** The configured user names, for diagnostics. */
    public Set<String> names() {
        return credentials.keySet();
    }

    private boolean check(Credential credential, char[] password) {
        return switch (credential) {
            case Hashed h -> verifier.verify(password, h.encoded());
            case Plaintext p -> MessageDigest.isEqual(digest(password), p.digest());
        };
    }

    /**
     * The credential unknown names are checked against: a hash with the most common iteration
     * count among hashed users (so it costs what theirs cost), or a plaintext digest when no
     * user has a hash (then a PBKDF2 run would itself stand out).
     */
    private static Credential dummyFor(List<Credential> configured) {
        char[] random = randomPassword();
        try {
            Map<Integer, Long> byIterations = configured.stream()
                    .filter(c -> c instanceof Hashed)
                    .map(c -> PasswordHasher.iterations(((Hashed) c).encoded()))
                    .collect(Collectors.groupingBy(Function.identity(), HashMap::new, Collectors.counting()));
            if (byIterations.isEmpty()) {
                return new Plaintext(digest(random));
            }
            int typical = byIterations.entrySet().stream()
                    .max(Map.Entry.<Integer, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .orElseThrow()
                    .getKey();
            return new Hashed(PasswordHasher.hash(random, typical));
        } finally {
            Arrays.fill(random, '\0');
        }
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).toCharArray();
    }

    private static byte[] digest(char[] password) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(bytes.duplicate());
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        } finally {
            if (bytes.hasArray()) {
                Arrays.fill(bytes.array(), (byte) 0);
            }
        }
    }
}
