package org.eson.fnua.config;

/**
 * The configuration cannot be used. The message always starts with {@code config file NAME} and
 * then names the entry and the key at fault, because a user with two dozen agents must be able to
 * find the broken line without reading the whole file.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the complete, user-facing message
     */
    public ConfigException(String message) {
        super(message);
    }

    /**
     * @param message the complete, user-facing message
     * @param cause   the underlying failure, kept for debugging
     */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Builds the message for a problem with one key of one entry.
     *
     * @param location the configuration file
     * @param entry    the entry, for example {@code agents[0] 'fnaa-unix'}; null for top level
     * @param key      the key; null when the problem is the entry itself
     * @param line     1-based line number, or 0 when unknown
     * @param problem  what is wrong
     * @return the exception
     */
    static ConfigException at(ConfigLocation location, String entry, String key, int line,
            String problem) {
        StringBuilder sb = new StringBuilder("config file ").append(location.displayName());
        if (line > 0) {
            sb.append(" line ").append(line);
        }
        sb.append(": ");
        if (entry != null) {
            sb.append(entry).append(": ");
        }
        if (key != null) {
            sb.append("key '").append(key).append("': ");
        }
        sb.append(problem);
        return new ConfigException(sb.toString());
    }
}
