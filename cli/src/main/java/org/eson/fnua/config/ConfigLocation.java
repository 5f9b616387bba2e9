package org.eson.fnua.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the configuration comes from, and how to name it to the user.
 *
 * <p>The display name is kept apart from the path because messages should show what the user
 * typed (or {@code ~/.flow.yml}), not an absolute path they never wrote.
 *
 * @param path        the file to read
 * @param displayName the name used in messages
 * @param isDefault   whether no {@code --config} was given, so that "not found" can suggest it
 */
public record ConfigLocation(Path path, String displayName, boolean isDefault) {

    /** The file name the thesis uses, in the user's home directory. */
    public static final String DEFAULT_FILE_NAME = ".flow.yml";

    public ConfigLocation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(displayName, "displayName");
    }

    /**
     * @param home the user's home directory
     * @return {@code ~/.flow.yml}
     */
    public static ConfigLocation defaultIn(Path home) {
        return new ConfigLocation(home.resolve(DEFAULT_FILE_NAME), "~/" + DEFAULT_FILE_NAME, true);
    }

    /**
     * @param path the file named with {@code --config}
     * @return a location displayed as given
     */
    public static ConfigLocation explicit(Path path) {
        return new ConfigLocation(path, path.toString(), false);
    }
}
