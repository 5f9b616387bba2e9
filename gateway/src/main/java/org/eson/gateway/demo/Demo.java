package org.eson.gateway.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

import org.eson.fnap.client.FnapClient;
import org.eson.fnap.client.FnapClientOptions;
import org.eson.fnap.client.FnapEndpoint;
import org.eson.fnap.fns.Nameserver;
import org.eson.fnap.wire.Reply;
import org.eson.gateway.Gateway;
import org.eson.gateway.config.BrokerEntry;
import org.eson.gateway.config.FnsSettings;
import org.eson.gateway.config.GatewayConfig;
import org.eson.gateway.config.ListenerSettings;
import org.eson.gateway.config.NamespaceEntry;
import org.eson.gateway.config.PeerEntry;
import org.eson.gateway.config.SessionSettings;
import org.eson.gateway.config.SubscriptionSettings;
import org.eson.gateway.config.UserEntry;
import org.eson.spi.FlowSpec;
import org.eson.spi.bridge.Delivery;
import org.eson.spi.bridge.EventSink;
import org.eson.spi.bridge.EventSource;
import org.eson.spi.bridge.SourceSettings;

/**
 * {@code fnaad demo}: the thesis's two participants in one JVM, A ({@code fnaa.unix.ar},
 * {@code flows.unix.ar}) and B ({@code fnaa.emiliano.ar}, {@code flows.emiliano.ar}), each with
 * a memory broker and an embedded FNS; B resolves flows through A's FNS and logs in at A as
 * {@code emiliano}. The demo creates {@code time.flows.unix.ar} at A, subscribes
 * {@code time.flows.emiliano.ar} to it at B, publishes a tick to A every two seconds and prints
 * each tick as B receives it. A development setup: plaintext passwords, loopback only.
 */
public final class Demo {

    /** Ports before {@code --port-offset}: A's FNAP, FNS, HTTP, then B's. */
    public static final int A_FNAP = 61000;
    public static final int A_FNS = 61053;
    public static final int A_HTTP = 61080;
    public static final int B_FNAP = 51000;
    public static final int B_FNS = 51053;
    public static final int B_HTTP = 51080;

    static final String A_FQDN = "fnaa.unix.ar";
    static final String B_FQDN = "fnaa.emiliano.ar";
    static final String REMOTE_FLOW = "time.flows.unix.ar";
    static final String LOCAL_FLOW = "time.flows.emiliano.ar";
    static final String A_BROKER = "unix";
    static final String B_BROKER = "emiliano";
    static final Duration INTERVAL = Duration.ofSeconds(2);

    private static final String USAGE = """
            Usage: fnaad demo [--port-offset N] [--ticks N] [--data-dir DIR]
              Runs two participants in this JVM (A fnaa.unix.ar on 127.0.0.1:61000, B fnaa.emiliano.ar on
              127.0.0.1:51000), subscribes B's time.flows.emiliano.ar to A's time.flows.unix.ar and publishes
              a tick to A every 2 seconds. --port-offset moves every port, --ticks stops after N ticks,
              --data-dir holds demo-a and demo-b (default ./data; both are emptied at start). Ctrl-C stops.""";

    private Demo() {
    }

    /** Runs the demo; returns the exit code once it stopped after {@code --ticks}, or -1 after a signal. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        int offset = 0;
        int ticks = -1;
        Path dataDir = Path.of("data");
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--help", "-h" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    case "--port-offset" -> offset = Integer.parseInt(value(args, ++i));
                    case "--ticks" -> ticks = Integer.parseInt(value(args, ++i));
                    case "--data-dir" -> dataDir = Path.of(value(args, ++i));
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
            if (ticks == 0 || ticks < -1) {
                throw new IllegalArgumentException("--ticks must be positive");
            }
            for (int port : List.of(A_FNAP, A_FNS, A_HTTP, B_FNAP, B_FNS, B_HTTP)) {
                if (port + offset < 1 || port + offset > 65535) {
                    throw new IllegalArgumentException("--port-offset " + offset + " moves port " + port
                            + " out of range");
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("fnaad demo: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        return new Demo.Run(offset, ticks, dataDir, out, err).execute();
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    /** A: the publisher, with {@code emiliano} as a reader of {@code flows.unix.ar}. */
    static GatewayConfig participantA(Path dataDir, int offset) {
        return new GatewayConfig(A_FQDN, dataDir, true,
                new ListenerSettings("127.0.0.1", A_FNAP + offset), Optional.empty(),
                new ListenerSettings("127.0.0.1", A_HTTP + offset),
                new SessionSettings(1000, Duration.ofMinutes(5), 5),
                List.of(new UserEntry("test", Optional.empty(), Optional.of("test")),
                        new UserEntry("emiliano", Optional.empty(), Optional.of("emiliano"))),
                List.of(new BrokerEntry(A_BROKER, "memory", Map.of())),
                List.of(new NamespaceEntry("flows.unix.ar", "test", A_BROKER, NamespaceEntry.DEFAULT_MAX_FLOWS,
                        List.of("emiliano"), false)),
                FnsSettings.embedded(A_FQDN, "127.0.0.1", A_FNS + offset),
                new SubscriptionSettings(List.of(), SubscriptionSettings.DEFAULT_RESOLVER_TIMEOUT, List.of(),
                        SubscriptionSettings.DEFAULT_CHECK_INTERVAL));
    }

    /** B: the subscriber, resolving flows with A's embedded FNS and logging in at A as emiliano. */
    static GatewayConfig participantB(Path dataDir, int offset) {
        return new GatewayConfig(B_FQDN, dataDir, true,
                new ListenerSettings("127.0.0.1", B_FNAP + offset), Optional.empty(),
                new ListenerSettings("127.0.0.1", B_HTTP + offset),
                new SessionSettings(1000, Duration.ofMinutes(5), 5),
                List.of(new UserEntry("test", Optional.empty(), Optional.of("test"))),
                List.of(new BrokerEntry(B_BROKER, "memory", Map.of())),
                List.of(new NamespaceEntry("flows.emiliano.ar", "test", B_BROKER, NamespaceEntry.DEFAULT_MAX_FLOWS)),
                FnsSettings.embedded(B_FQDN, "127.0.0.1", B_FNS + offset),
                new SubscriptionSettings(List.of(new Nameserver("127.0.0.1", A_FNS + offset)),
                        SubscriptionSettings.DEFAULT_RESOLVER_TIMEOUT,
                        List.of(new PeerEntry(A_FQDN, "emiliano", "emiliano")),
                        SubscriptionSettings.DEFAULT_CHECK_INTERVAL));
    }

    private static final class Run {
        private final int offset;
        private final int ticks;
        private final Path dataDir;
        private final PrintStream out;
        private final PrintStream err;
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final CountDownLatch stopped = new CountDownLatch(1);
        private final Map<String, Long> publishedAt = new ConcurrentHashMap<>();
        private final AtomicInteger received = new AtomicInteger();
        private volatile Thread main;
        private volatile Thread reader;
        private Gateway a;
        private Gateway b;

        Run(int offset, int ticks, Path dataDir, PrintStream out, PrintStream err) {
            this.offset = offset;
            this.ticks = ticks;
            this.dataDir = dataDir;
            this.out = out;
            this.err = err;
        }

        int execute() {
            main = Thread.currentThread();
            Thread hook = new Thread(this::onSignal, "fnaad-demo-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            int code;
            try {
                code = demo();
            } catch (InterruptedException e) {
                code = -1;
            } catch (Exception e) {
                if (!stopping.get()) {
                    err.println("fnaad demo: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                }
                code = 1;
            } finally {
                stopReader();
                closeGateways();
            }
            if (stopping.get()) {
                stopped.countDown();
                return -1;
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs anyway and finds the gateways closed
            }
            stopped.countDown();
            return code;
        }

        private void onSignal() {
            stopping.set(true);
            err.println("fnaad demo: stopping both participants");
            Thread t = main;
            if (t != null) {
                t.interrupt();
            }
            try {
                stopped.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            err.println("fnaad demo: stopped");
            err.flush();
        }

        private void stopReader() {
            Thread t = reader;
            if (t != null) {
                t.interrupt();
                try {
                    t.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private synchronized void closeGateways() {
            if (b != null) {
                b.close();
                b = null;
            }
            if (a != null) {
                a.close();
                a = null;
            }
        }

        private int demo() throws Exception {
            err.println("fnaad demo: WARNING: development setup: plaintext passwords (test/test, emiliano/emiliano),"
                    + " memory brokers and embedded name servers whose contents are lost at exit; do not expose it");
            Path dirA = fresh(dataDir.resolve("demo-a"));
            Path dirB = fresh(dataDir.resolve("demo-b"));
            a = Gateway.start(participantA(dirA, offset));
            out.println("A: " + A_FQDN + " FNAP on 127.0.0.1:" + a.fnapPort() + ", embedded FNS on 127.0.0.1:"
                    + a.fnsPort().orElse(-1) + ", http://127.0.0.1:" + a.httpPort() + "/observe/health, data in "
                    + dirA.toAbsolutePath().normalize());
            b = Gateway.start(participantB(dirB, offset));
            out.println("B: " + B_FQDN + " FNAP on 127.0.0.1:" + b.fnapPort() + ", embedded FNS on 127.0.0.1:"
                    + b.fnsPort().orElse(-1) + ", http://127.0.0.1:" + b.httpPort() + "/observe/health, data in "
                    + dirB.toAbsolutePath().normalize());
            FnapClientOptions options = FnapClientOptions.defaults()
                    .withConnectTimeout(Duration.ofSeconds(5)).withReadTimeout(Duration.ofSeconds(30));
            try (FnapClient atA = FnapClient.connect(FnapEndpoint.plain("127.0.0.1", a.fnapPort()), options)) {
                atA.authenticatePlain("test", "test");
                Reply created = atA.expectOk("CREATE FLOW " + REMOTE_FLOW);
                out.println("A> CREATE FLOW " + REMOTE_FLOW);
                out.println("A< " + created.statusLine());
                quietQuit(atA);
            }
            try (FnapClient atB = FnapClient.connect(FnapEndpoint.plain("127.0.0.1", b.fnapPort()), options)) {
                atB.authenticatePlain("test", "test");
                String command = "SUBSCRIBE " + REMOTE_FLOW + " LOCAL " + LOCAL_FLOW;
                Reply reply = atB.expectOk(command);
                out.println("B> " + command);
                for (String line : reply.data()) {
                    out.println("B< " + line);
                }
                if (reply.data().isEmpty()) {
                    out.println("B< " + reply.statusLine());
                }
                quietQuit(atB);
            }
            printHints();
            out.flush();

            reader = Thread.ofPlatform().daemon().name("fnaad-demo-reader").start(this::readB);
            try (EventSink sink = a.brokers().adapter(A_BROKER).openSink(FlowSpec.of(REMOTE_FLOW))) {
                for (int n = 1; ticks < 0 || n <= ticks; n++) {
                    String subject = "tick-" + n;
                    OffsetDateTime now = OffsetDateTime.now();
                    CloudEvent event = CloudEventBuilder.v1()
                            .withId(subject + "-" + UUID.randomUUID())
                            .withSource(URI.create("flow://" + REMOTE_FLOW))
                            .withType("ar.unix.time.tick")
                            .withSubject(subject)
                            .withTime(now)
                            .withDataContentType("text/plain; charset=utf-8")
                            .withData(now.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME).getBytes(StandardCharsets.UTF_8))
                            .build();
                    publishedAt.put(subject, System.nanoTime());
                    sink.publish(event).get(30, TimeUnit.SECONDS);
                    out.println("A published " + subject + " at " + now.toLocalTime().withNano(0));
                    out.flush();
                    if (ticks < 0 || n < ticks) {
                        Thread.sleep(INTERVAL.toMillis());
                    }
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (received.get() < ticks && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            stopReader();
            out.println("Demo done: B received " + received.get() + " of " + ticks + " ticks");
            out.flush();
            return received.get() >= ticks ? 0 : 1;
        }

        private void readB() {
            try (EventSource source = b.brokers().adapter(B_BROKER).openSource(FlowSpec.of(LOCAL_FLOW),
                    new SourceSettings("fnaad-demo-" + UUID.randomUUID()))) {
                while (!Thread.currentThread().isInterrupted()) {
                    for (Delivery d : source.poll(100, Duration.ofMillis(200))) {
                        String subject = d.event().getSubject();
                        Long sent = publishedAt.get(subject);
                        long latency = sent == null ? -1 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
                        out.println("B received " + subject + " (latency " + latency + " ms)");
                        out.flush();
                        d.ack();
                        received.incrementAndGet();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                if (!stopping.get() && !Thread.currentThread().isInterrupted()) {
                    err.println("fnaad demo: reading " + LOCAL_FLOW + " at B failed: " + e.getMessage());
                }
            } catch (Exception e) {
                if (stopping.get()) {
                    return;
                }
                err.println("fnaad demo: reading " + LOCAL_FLOW + " at B failed: " + e.getMessage());
            }
        }

        private void printHints() {
            int fnapA = a.fnapPort();
            int fnapB = b.fnapPort();
            int fnsA = a.fnsPort().orElse(A_FNS + offset);
            out.println();
            out.println("Try, while the demo runs (user test, password test, at either participant):");
            out.println("  telnet 127.0.0.1 " + fnapA + "    # A: AUTHENTICATE PLAIN, GET FLOWS, GET SUBSCRIBERS, DESCRIBE FLOW "
                    + REMOTE_FLOW);
            out.println("  telnet 127.0.0.1 " + fnapB + "    # B: AUTHENTICATE PLAIN, GET SUBSCRIPTIONS, DESCRIBE FLOW "
                    + LOCAL_FLOW);
            out.println("  bin/fnua resolve " + REMOTE_FLOW + " --nameserver 127.0.0.1:" + fnsA);
            out.println("  bin/fnua resolve " + LOCAL_FLOW + " --nameserver 127.0.0.1:" + b.fnsPort().orElse(B_FNS + offset));
            out.println("(memory flows live inside this process: fnua publish/tail cannot reach them; Ctrl-C stops)");
            out.println();
        }

        private static void quietQuit(FnapClient client) {
            try {
                client.quit();
            } catch (Exception ignored) {
                // closing anyway
            }
        }

        /** Empties a demo data directory: the memory brokers and embedded FNS start empty too. */
        private static Path fresh(Path dir) {
            try {
                if (Files.exists(dir)) {
                    try (Stream<Path> walk = Files.walk(dir)) {
                        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                            Files.delete(p);
                        }
                    }
                }
                Files.createDirectories(dir);
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare " + dir + ": " + e.getMessage(), e);
            }
        }
    }
}
