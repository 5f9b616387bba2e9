package org.eson.gateway.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts a {@code main} class from the test class path in a fresh JVM. Some behaviour can only
 * be observed across processes: real environment variables (a JVM cannot set its own) and file
 * locks held by another process.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** The finished child's exit code and combined output. */
    public record Result(int exitCode, String output) {
    }

    public static ProcessBuilder builder(Class<?> mainClass, List<String> jvmArgs, Map<String, String> env,
                                         String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // short-lived children start faster without the optimizing compiler
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classPath());
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        // A clean environment apart from what the test sets, so the developer's own FNAA_*
        // variables cannot leak in and PATH-like basics still exist.
        Map<String, String> childEnv = pb.environment();
        childEnv.keySet().removeIf(k -> k.toUpperCase(java.util.Locale.ROOT).startsWith("FNAA"));
        childEnv.putAll(env);
        return pb;
    }

    public static Result run(Class<?> mainClass, List<String> jvmArgs, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Process process = builder(mainClass, jvmArgs, env, args).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("child JVM did not finish: " + new String(out, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static String classPath() {
        // Surefire may put only its booter jar on java.class.path and publish the real one here.
        String surefire = System.getProperty("surefire.test.class.path");
        if (surefire != null && !surefire.isBlank()) {
            return surefire;
        }
        return System.getProperty("java.class.path", "");
    }
}
