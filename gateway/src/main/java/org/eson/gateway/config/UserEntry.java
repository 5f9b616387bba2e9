package org.eson.gateway.config;

import java.util.Objects;
import java.util.Optional;

/**
 * A configured user. Exactly one of the two credentials is present once the configuration has
 * been validated; the plaintext form exists only so a development install works without running
 * {@code fnaad hash-password} first.
 *
 * @param passwordHash      an encoded PBKDF2 hash as produced by
 *                          {@link org.eson.gateway.users.PasswordHasher}
 * @param plaintextPassword a clear-text password, accepted only with {@code fnaa.development: true}
 */
public record UserEntry(String name, Optional<String> passwordHash, Optional<String> plaintextPassword) {

    public UserEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(plaintextPassword, "plaintextPassword");
    }

    public static UserEntry hashed(String name, String passwordHash) {
        return new UserEntry(name, Optional.of(passwordHash), Optional.empty());
    }

    public static UserEntry plaintext(String name, String password) {
        return new UserEntry(name, Optional.empty(), Optional.of(password));
    }

    // Even a hash is masked: it allows offline guessing, so it stays out of logs.
    @Override
    public String toString() {
        return "UserEntry[name=" + name + ", passwordHash=" + Secrets.mask(passwordHash)
                + ", plaintextPassword=" + Secrets.mask(plaintextPassword) + "]";
    }
}
