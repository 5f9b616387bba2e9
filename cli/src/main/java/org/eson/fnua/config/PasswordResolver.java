package org.eson.fnua.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns a {@link PasswordSource} into the password, at the moment an agent is about to be used.
 *
 * <p>The environment is passed in as a function so that tests (and embedding callers) can supply
 * variables without touching the process environment.
 */
public final class PasswordResolver {

    /** A password file is one short line; anything bigger is a wrong path. */
    private static final long MAX_PASSWORD_FILE_BYTES = 4096;

    private final Function<String, String> environment;
    private final Consumer<String> warnings;

    /**
     * @param environment looks up environment variables (null when unset)
     * @param warnings    receives the permission warning for password files
     */
    public PasswordResolver(Function<String, String> environment, Consumer<String> warnings) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /**
     * @param config the configuration the agent belongs to, for messages
     * @param agent  the agent
     * @return the password
     * @throws ConfigException naming the file, entry and key when the password is unavailable
     */
    public String resolve(FlowConfig config, AgentConfig agent) throws ConfigException {
        ConfigLocation location = config.location();
        return switch (agent.password()) {
            case PasswordSource.Inline inline -> inline.password();
            case PasswordSource.FromEnvironment env -> {
                String value = environment.apply(env.variable());
                if (value == null || value.isEmpty()) {
                    throw ConfigException.at(location, agent.entry(), env.key(), 0,
                            "environment variable " + env.variable() + " is not set");
                }
                yield value;
            }
            case PasswordSource.FromFile file -> readFile(location, agent, file);
        };
    }

    private String readFile(ConfigLocation location, AgentConfig agent,
            PasswordSource.FromFile source) throws ConfigException {
        String content;
        try {
            if (Files.size(source.file()) > MAX_PASSWORD_FILE_BYTES) {
                throw ConfigException.at(location, agent.entry(), source.key(), 0,
                        "file " + source.file() + " is too large to hold a password");
            }
            content = Files.readString(source.file(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw ConfigException.at(location, agent.entry(), source.key(), 0,
                    "file " + source.file() + " not found");
        } catch (CharacterCodingException e) {
            throw ConfigException.at(location, agent.entry(), source.key(), 0,
                    "file " + source.file() + " is not valid UTF-8");
        } catch (IOException e) {
            throw ConfigException.at(location, agent.entry(), source.key(), 0,
                    "file " + source.file() + " cannot be read: " + e.getMessage());
        }
        FilePermissions.warnIfOthersCanRead(source.file(), "password file " + source.file()
                + " (" + agent.entry() + ")", warnings);
        // Editors and `echo` add a final newline that is not part of the password.
        String password = content.replaceFirst("(\\r?\\n)+$", "");
        if (password.indexOf('\n') >= 0 || password.indexOf('\r') >= 0) {
            throw ConfigException.at(location, agent.entry(), source.key(), 0,
                    "file " + source.file() + " must hold the password on a single line");
        }
        if (password.isEmpty()) {
            throw ConfigException.at(location, agent.entry(), source.key(), 0,
                    "file " + source.file() + " is empty");
        }
        return password;
    }
}
