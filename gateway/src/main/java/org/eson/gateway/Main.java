package org.eson.gateway;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import io.helidon.logging.common.LogConfig;

import org.eson.gateway.config.ConfigurationException;
import org.eson.gateway.config.GatewayConfig;
import org.eson.gateway.config.GatewayConfigLoader;
import org.eson.gateway.demo.Demo;
import org.eson.gateway.users.HashPasswordCommand;

/**
 * {@code fnaad}: runs the gateway. Without {@code --config} it runs the thesis's example
 * participant ({@code fnaa.unix.ar} on 127.0.0.1:61000, namespace {@code flows.unix.ar} on the
 * embedded memory broker, user {@code test}/{@code test}), a development setup.
 */
public final class Main {

    private static final String USAGE = """
            Usage: fnaad [--config FILE]        run the FNAA gateway (no FILE: the embedded development participant)
                   fnaad hash-password [--iterations N]   print a password hash for fnaa.users[].password-hash
                   fnaad demo [--port-offset N] [--ticks N]   two participants in one JVM, A's events arriving at B
                   fnaad --help
            Environment variables override configuration keys (FNAA_FNAP_PORT=61001 sets fnaa.fnap.port).""";

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code >= 0) {
            System.exit(code);
        }
    }

    /** Runs the command; returns an exit code, or -1 when the gateway ran and stopped on a signal. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("hash-password")) {
            return HashPasswordCommand.run(Arrays.copyOfRange(args, 1, args.length), System.console(), System.in,
                    out, err);
        }
        if (args.length > 0 && args[0].equals("demo")) {
            LogConfig.configureRuntime();
            return Demo.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        Optional<Path> configFile = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    out.println(USAGE);
                    return 0;
                }
                case "--config", "-c" -> {
                    if (i + 1 >= args.length) {
                        err.println("fnaad: --config needs a file\n" + USAGE);
                        return 2;
                    }
                    configFile = Optional.of(Path.of(args[++i]));
                }
                default -> {
                    if (args[i].startsWith("--config=")) {
                        configFile = Optional.of(Path.of(args[i].substring("--config=".length())));
                    } else {
                        err.println("fnaad: unknown argument '" + args[i] + "'\n" + USAGE);
                        return 2;
                    }
                }
            }
        }
        if (configFile.isPresent() && !Files.isReadable(configFile.get())) {
            err.println("fnaad: cannot read config file " + configFile.get());
            return 2;
        }
        LogConfig.configureRuntime();
        GatewayConfig config;
        try {
            config = GatewayConfigLoader.load(GatewayConfigLoader.read(configFile));
        } catch (ConfigurationException e) {
            err.println("fnaad: invalid configuration" + configFile.map(f -> " in " + f).orElse("") + ":");
            e.problems().forEach(problem -> err.println("  - " + problem));
            return 2;
        }
        if (configFile.isEmpty() || config.development()) {
            err.println("fnaad: WARNING: development setup" + (configFile.isEmpty() ? " (embedded defaults)" : "")
                    + ": plaintext passwords allowed, do not expose it; use password-hash (fnaad hash-password) for real users");
        }
        Gateway gateway;
        try {
            gateway = Gateway.start(config);
        } catch (ConfigurationException e) {
            err.println("fnaad: cannot start:");
            e.problems().forEach(problem -> err.println("  - " + problem));
            return 1;
        } catch (RuntimeException e) {
            err.println("fnaad: cannot start: " + e.getMessage());
            return 1;
        }
        out.println("fnaad: " + config.fqdn() + " FNAP listening on " + config.fnap().host() + ":" + gateway.fnapPort());
        gateway.fnapsPort().ifPresent(port ->
                out.println("fnaad: FNAP over TLS listening on " + config.fnaps().get().host() + ":" + port));
        out.println("fnaad: health and metrics on http://" + config.http().host() + ":" + gateway.httpPort()
                + "/observe/health and /observe/metrics");
        out.println("fnaad: data in " + config.dataDir().toAbsolutePath().normalize());
        gateway.fnsPort().ifPresentOrElse(
                port -> out.println("fnaad: embedded FNS (development only, contents lost at restart) listening on "
                        + (config.fns().embedded().host()) + ":" + port + " (UDP and TCP)"),
                () -> out.println("fnaad: FNS updating zones "
                        + String.join(", ", config.fns().zones().stream().map(z -> z.name() + " at " + z.nameserver() + ":" + z.port()).toList())));
        out.flush();

        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // JUL's own shutdown hook may already have closed the log handlers, so say it plainly.
            err.println("fnaad: stopping, telling open sessions 421");
            gateway.close();
            err.println("fnaad: stopped");
            err.flush();
            stopped.countDown();
        }, "fnaad-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }
}
