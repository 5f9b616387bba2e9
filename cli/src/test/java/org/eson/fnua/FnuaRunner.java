package org.eson.fnua;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import org.eson.fnua.agents.AgentLocator;
import org.eson.fnua.commands.Invocation;

/**
 * Runs {@code fnua} in-process through {@link Main#run(String[], Invocation)} with captured
 * streams, a private environment and a private home directory.
 */
final class FnuaRunner {

    /** What one run produced. */
    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    private final Path home;
    private final Map<String, String> environment = new HashMap<>();

    FnuaRunner(Path home) {
        this.home = home;
    }

    FnuaRunner env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            Invocation invocation = new Invocation(o, e, Map.copyOf(environment)::get, home,
                    AgentLocator.standard());
            int code = Main.run(args, invocation);
            return new Result(code, out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        }
    }

    /**
     * Writes a file readable by its owner only, as a careful user would keep a config file, so
     * that the permission warning does not show up in tests that are not about it.
     */
    static Path writePrivate(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return file;
    }
}
