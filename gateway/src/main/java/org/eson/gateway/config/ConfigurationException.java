package org.eson.gateway.config;

import java.util.List;

/**
 * The configuration cannot be used. Carries every problem found, so the operator can fix them
 * all before the next start; the message lists them one per line.
 */
public final class ConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigurationException(List<String> problems) {
        this(problems, null);
    }

    public ConfigurationException(List<String> problems, Throwable cause) {
        super(String.join("\n", requireSome(problems)), cause);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static List<String> requireSome(List<String> problems) {
        if (problems == null || problems.isEmpty()) {
            throw new IllegalArgumentException("a configuration exception needs at least one problem");
        }
        return problems;
    }
}
