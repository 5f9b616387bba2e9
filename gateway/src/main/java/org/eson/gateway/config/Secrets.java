package org.eson.gateway.config;

import java.util.Locale;
import java.util.Optional;

/** How configuration records hide secrets when printed. */
final class Secrets {

    static final String MASK = "****";

    private static final String[] SENSITIVE_WORDS = {"password", "secret", "token", "credential", "jaas"};

    private Secrets() {
    }

    static String mask(Optional<String> value) {
        return value.isPresent() ? MASK : "<none>";
    }

    static boolean isSensitiveKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (String word : SENSITIVE_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
