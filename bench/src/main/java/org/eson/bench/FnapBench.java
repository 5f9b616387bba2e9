package org.eson.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.eson.fnap.client.FnapClient;
import org.eson.fnap.client.FnapClientOptions;
import org.eson.fnap.client.FnapEndpoint;
import org.eson.fnap.name.FlowName;
import org.eson.gateway.Gateway;
import org.eson.gateway.config.BrokerEntry;
import org.eson.gateway.config.GatewayConfig;
import org.eson.gateway.config.ListenerSettings;
import org.eson.gateway.config.NamespaceEntry;
import org.eson.gateway.config.SessionSettings;
import org.eson.gateway.config.UserEntry;
import org.eson.gateway.users.PasswordHasher;

/**
 * Measures the FNAP gateway on loopback: session set-up, unpipelined and pipelined NOOP round
 * trips, flow creation, and the cost of PBKDF2 authentication next to a plaintext dev user.
 * Each figure is the best of a few rounds, after a warm-up; the ratios compare variants run in
 * the same JVM one after the other, which is what stays meaningful on a shared 2-core machine.
 */
public final class FnapBench {

    private static final Duration ROUND = Duration.ofSeconds(Integer.getInteger("bench.seconds", 3));
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final int CONNECTIONS = Integer.getInteger("bench.connections", 50);

    private FnapBench() {
    }

    public static void main(String[] args) throws Exception {
        // The gateway's INFO events (start, stop, thousands of flows created) would drown the figures.
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(java.util.logging.Level.WARNING);
        for (var handler : root.getHandlers()) {
            handler.setLevel(java.util.logging.Level.WARNING);
        }
        Path data = Files.createTempDirectory("eson-bench");
        String hashed = PasswordHasher.hash("bench-password".toCharArray());
        var config = new GatewayConfig("fnaa.bench.example", data, true,
                new ListenerSettings("127.0.0.1", 0), Optional.empty(), new ListenerSettings("127.0.0.1", 0),
                new SessionSettings(10_000, Duration.ofMinutes(5), 1_000_000),
                List.of(new UserEntry("dev", Optional.empty(), Optional.of("dev")),
                        new UserEntry("hashed", Optional.of(hashed), Optional.empty())),
                List.of(new BrokerEntry("local", "memory", Map.of("max-events-per-flow", "1000"))),
                List.of(new NamespaceEntry("flows.bench.example", "dev", "local", 10_000_000)));
        try (var gateway = Gateway.start(config)) {
            int port = gateway.fnapPort();
            System.out.printf(Locale.ROOT, "FNAP bench: %d cores, %s, %d connections, best of %d x %ds%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    CONNECTIONS, ROUNDS, ROUND.toSeconds());
            double sessions = best(() -> rate(CONNECTIONS, () -> connectGreetQuit(port)));
            double noop = best(() -> rate(CONNECTIONS, loopOnSession(port, "NOOP")));
            double pipelined = best(() -> pipelinedNoops(port, 32));
            double create = best(() -> rate(CONNECTIONS, createFlows(port)));
            double devAuth = best(() -> rate(2, authenticateAs(port, "dev", "dev")));
            double hashedAuth = best(() -> rate(2, authenticateAs(port, "hashed", "bench-password")));
            report("connect + greeting + QUIT", sessions, "sessions/s");
            report("NOOP round trip (unpipelined)", noop, "commands/s");
            report("NOOP pipelined 32 deep", pipelined, "commands/s");
            report("CREATE FLOW (memory broker, H2, embedded DNS)", create, "commands/s");
            report("AUTHENTICATE PLAIN, plaintext dev user", devAuth, "auths/s");
            report("AUTHENTICATE PLAIN, PBKDF2 600k iterations", hashedAuth, "auths/s");
            System.out.printf(Locale.ROOT, "ratios: pipelined/unpipelined NOOP %.2f, NOOP/CREATE %.2f, "
                    + "dev/PBKDF2 auth %.1f, NOOP/session set-up %.1f%n",
                    pipelined / noop, noop / create, devAuth / hashedAuth, noop / sessions);
        }
    }

    private interface Round {
        double run() throws Exception;
    }

    private static double best(Round round) throws Exception {
        round.run();
        double best = 0;
        for (int i = 0; i < ROUNDS; i++) {
            best = Math.max(best, round.run());
        }
        return best;
    }

    private static void report(String what, double rate, String unit) {
        System.out.printf(Locale.ROOT, "%-45s %12.0f %s%n", what, rate, unit);
    }

    /** Runs {@code work} on {@code workers} virtual threads for one round; returns operations per second. */
    private static double rate(int workers, Callable<Integer> work) throws Exception {
        long deadline = System.nanoTime() + ROUND.toNanos();
        long start = System.nanoTime();
        var done = new AtomicInteger();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<?>>();
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        done.addAndGet(work.call());
                    }
                    return null;
                }));
            }
            for (var f : futures) {
                f.get();
            }
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static FnapClient connect(int port) throws Exception {
        return FnapClient.connect(new FnapEndpoint("127.0.0.1", port, false), FnapClientOptions.defaults());
    }

    private static int connectGreetQuit(int port) throws Exception {
        try (var client = connect(port)) {
            client.quit();
        }
        return 1;
    }

    /** Each worker keeps one authenticated session and repeats a command for a slice of the round. */
    private static Callable<Integer> loopOnSession(int port, String command) {
        return () -> {
            try (var client = connect(port)) {
                client.authenticatePlain("dev", "dev");
                for (int i = 0; i < 200; i++) {
                    client.expectOk(command);
                }
                client.quit();
                return 200;
            }
        };
    }

    private static final AtomicInteger FLOW_SEQUENCE = new AtomicInteger();

    private static Callable<Integer> createFlows(int port) {
        return () -> {
            try (var client = connect(port)) {
                client.authenticatePlain("dev", "dev");
                for (int i = 0; i < 10; i++) {
                    client.createFlow(new FlowName("f" + FLOW_SEQUENCE.incrementAndGet() + ".flows.bench.example"));
                }
                client.quit();
                return 10;
            }
        };
    }

    private static Callable<Integer> authenticateAs(int port, String user, String password) {
        return () -> {
            try (var client = connect(port)) {
                client.authenticatePlain(user, password);
                client.quit();
                return 1;
            }
        };
    }

    /** Raw sockets: writes {@code depth} NOOPs at once, then reads their replies, per connection. */
    private static double pipelinedNoops(int port, int depth) throws Exception {
        byte[] batch = "NOOP\r\n".repeat(depth).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = "220 OK\r\n".repeat(depth).getBytes(StandardCharsets.US_ASCII);
        return rate(CONNECTIONS, () -> {
            try (var socket = new Socket()) {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress("127.0.0.1", port));
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                readLine(in);
                out.write(("AUTHENTICATE PLAIN " + java.util.Base64.getEncoder()
                        .encodeToString("\0dev\0dev".getBytes(StandardCharsets.UTF_8)) + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                readLine(in);
                int count = 0;
                for (int i = 0; i < 20; i++) {
                    out.write(batch);
                    byte[] got = in.readNBytes(expected.length);
                    if (!java.util.Arrays.equals(got, expected)) {
                        throw new IOException("unexpected pipelined replies");
                    }
                    count += depth;
                }
                return count;
            }
        });
    }

    private static void readLine(InputStream in) throws IOException {
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("closed");
            }
        }
    }
}
