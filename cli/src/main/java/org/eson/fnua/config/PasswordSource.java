package org.eson.fnua.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an agent's password comes from. The ESON additions ({@code password-env},
 * {@code password-file}) exist so that a password need not sit in {@code ~/.flow.yml}.
 *
 * <p>Every variant overrides {@code toString()} so that a password can never reach a log line or
 * an error message through string concatenation of a config record.
 */
public sealed interface PasswordSource {

    /**
     * @return the configuration key this source was given with
     */
    String key();

    /**
     * {@code password:} in the configuration file itself (the thesis's form).
     *
     * @param password the password
     */
    record Inline(String password) implements PasswordSource {
        public Inline {
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String key() {
            return "password";
        }

        @Override
        public String toString() {
            return "Inline[****]";
        }
    }

    /**
     * {@code password-env:} the name of an environment variable.
     *
     * @param variable the variable's name
     */
    record FromEnvironment(String variable) implements PasswordSource {
        public FromEnvironment {
            Objects.requireNonNull(variable, "variable");
        }

        @Override
        public String key() {
            return "password-env";
        }
    }

    /**
     * {@code password-file:} a file whose single line is the password.
     *
     * @param file the file, already resolved against the configuration file's directory
     */
    record FromFile(Path file) implements PasswordSource {
        public FromFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String key() {
            return "password-file";
        }
    }
}
