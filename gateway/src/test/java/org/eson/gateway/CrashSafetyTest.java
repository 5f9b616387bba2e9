package org.eson.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.eson.fixtures.bind9.Bind9Extension;
import org.eson.fixtures.bind9.Bind9Zone;
import org.eson.fixtures.kafka.KafkaBrokerExtension;
import org.eson.gateway.support.RawSession;

/**
 * Crash safety of a subscription between two gateways running as separate {@code fnaad} processes:
 * A ({@code fnaa.unix.ar}, {@code flows.unix.ar}) and B ({@code fnaa.emiliano.ar},
 * {@code flows.emiliano.ar}), both on the test's one Kafka broker and both publishing in one real
 * BIND 9. While events stream into A's flow, A is killed with SIGKILL and restarted, then B, then A is
 * stopped with SIGTERM and restarted: every event id must still arrive in B's local flow; duplicates
 * are counted and must stay bounded.
 */
class CrashSafetyTest {

    @RegisterExtension
    static final Bind9Extension BIND = Bind9Extension.withZones(
            Bind9Zone.updatable("unix.ar", "fnaa.unix.ar. 300 IN A 127.0.0.1"),
            Bind9Zone.updatable("emiliano.ar", "fnaa.emiliano.ar. 300 IN A 127.0.0.1"));

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.shared();

    private static final String EMILIANO_PASSWORD = "emiliano-secret";
    private static final int N = 3000;
    private static final double SCALE = Double.parseDouble(System.getProperty("eson.test.timeout.scale", "1"));

    @TempDir
    Path dir;

    /** One fnaad process: its config file, log files and the process currently running (or null). */
    private static final class Node {
        final String name;
        final Path config;
        final Path out;
        final Path err;
        final int fnapPort;
        Process process;
        int starts;

        Node(String name, Path config, Path out, Path err, int fnapPort) {
            this.name = name;
            this.config = config;
            this.out = out;
            this.err = err;
            this.fnapPort = fnapPort;
        }
    }

    private final List<Node> nodes = new ArrayList<>();

    @AfterEach
    void stopProcesses() throws Exception {
        for (Node node : nodes) {
            stop(node, false);
        }
        // The gateways' own complaints, for whoever reads the test output (the logs go with the temp dir).
        for (Node node : nodes) {
            List<String> bad = new ArrayList<>();
            for (Path log : List.of(node.out, node.err)) {
                if (Files.exists(log)) {
                    for (String line : Files.readAllLines(log)) {
                        if (line.contains("SEVERE") || line.contains("Exception") || line.contains("=== start")) {
                            bad.add(line);
                        }
                    }
                }
            }
            System.out.printf("[crash-safety] %s log: %d start markers, %d SEVERE/Exception lines%n", node.name,
                    bad.stream().filter(l -> l.contains("=== start")).count(),
                    bad.stream().filter(l -> !l.contains("=== start")).count());
            bad.stream().filter(l -> !l.contains("=== start")).limit(15)
                    .forEach(l -> System.out.println("[crash-safety]   " + l));
        }
    }

    private static Duration scaled(int seconds) {
        return Duration.ofMillis((long) (seconds * 1000 * SCALE));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static String q(Object value) {
        return "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private Node node(String name, String fqdn, String zone, String namespace, String broker, boolean publisher,
            boolean subscriber) throws IOException {
        int fnap = freePort();
        int http = freePort();
        Path data = Files.createDirectories(dir.resolve(name + "-data"));
        int bind = BIND.server().port();
        var yaml = new StringBuilder();
        yaml.append("fnaa:\n");
        yaml.append("  fqdn: ").append(fqdn).append('\n');
        yaml.append("  data-dir: ").append(q(data)).append('\n');
        yaml.append("  development: true\n");
        yaml.append("  fnap: { host: 127.0.0.1, port: ").append(fnap).append(" }\n");
        yaml.append("  http: { host: 127.0.0.1, port: ").append(http).append(" }\n");
        yaml.append("  users:\n");
        yaml.append("    - name: test\n      password: test\n");
        if (publisher) {
            yaml.append("    - name: emiliano\n      password: ").append(q(EMILIANO_PASSWORD)).append('\n');
        }
        yaml.append("  brokers:\n");
        yaml.append("    - name: ").append(broker).append('\n');
        yaml.append("      type: kafka\n");
        yaml.append("      bootstrap.servers: ").append(q(KAFKA.broker().bootstrapServers())).append('\n');
        yaml.append("  namespaces:\n");
        yaml.append("    - name: ").append(namespace).append('\n');
        yaml.append("      owner: test\n");
        yaml.append("      broker: ").append(broker).append('\n');
        if (publisher) {
            yaml.append("      readers: [emiliano]\n");
        }
        yaml.append("  fns:\n");
        yaml.append("    ttl: 300s\n");
        yaml.append("    timeout: 2s\n");
        yaml.append("    zones:\n");
        yaml.append("      - name: ").append(zone).append('\n');
        yaml.append("        nameserver: 127.0.0.1\n");
        yaml.append("        port: ").append(bind).append('\n');
        yaml.append("        key-file: ").append(q(BIND.server().keyFile().toAbsolutePath())).append('\n');
        yaml.append("    resolver: { nameservers: [").append(q("127.0.0.1:" + bind)).append("], timeout: 2s }\n");
        if (subscriber) {
            yaml.append("  peers:\n");
            yaml.append("    - fqdn: fnaa.unix.ar\n");
            yaml.append("      username: emiliano\n");
            yaml.append("      password: ").append(q(EMILIANO_PASSWORD)).append('\n');
        }
        yaml.append("  subscriptions: { check-interval: 500ms }\n");
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, yaml.toString());
        Node node = new Node(name, config, dir.resolve(name + ".out"), dir.resolve(name + ".err"), fnap);
        nodes.add(node);
        return node;
    }

    /** Starts the node's process (again: same config, same data dir) and waits for its ready line. */
    private static void start(Node node) throws Exception {
        node.starts++;
        // Each run appends to the same log files, with a marker line in front.
        Files.writeString(node.out, "=== start " + node.starts + " ===\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(node.err, "=== start " + node.starts + " ===\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        long offset = Files.size(node.out);
        ProcessBuilder pb = new ProcessBuilder(System.getProperty("java.home") + "/bin/java",
                "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "org.eson.gateway.Main", "--config", node.config.toString());
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(node.out.toFile()));
        pb.redirectError(ProcessBuilder.Redirect.appendTo(node.err.toFile()));
        node.process = pb.start();
        long deadline = System.nanoTime() + scaled(60).toNanos();
        while (System.nanoTime() < deadline) {
            String out = Files.readString(node.out, StandardCharsets.UTF_8);
            if (out.length() > offset && out.substring((int) offset).contains("FNAP listening on")) {
                System.out.printf("[crash-safety] %s started (run %d, pid %d)%n", node.name, node.starts,
                        node.process.pid());
                return;
            }
            if (!node.process.isAlive()) {
                fail(node.name + " exited with " + node.process.exitValue() + " before listening:\n" + logs(node));
            }
            Thread.sleep(50);
        }
        fail(node.name + " did not print 'FNAP listening' in time:\n" + logs(node));
    }

    /** SIGKILL ({@code forcibly}) or SIGTERM then, after 20 s, SIGKILL; waits for the process to end. */
    private static void stop(Node node, boolean forcibly) throws Exception {
        Process p = node.process;
        if (p == null || !p.isAlive()) {
            return;
        }
        if (forcibly) {
            p.destroyForcibly();
        } else {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                System.out.printf("[crash-safety] %s ignored SIGTERM, killing pid %d%n", node.name, p.pid());
                p.destroyForcibly();
            }
        }
        p.waitFor(30, TimeUnit.SECONDS);
        System.out.printf("[crash-safety] %s pid %d %s, exit %s%n", node.name, p.pid(),
                forcibly ? "killed (SIGKILL)" : "stopped (SIGTERM)", p.isAlive() ? "?" : p.exitValue());
    }

    private static String logs(Node node) {
        try {
            return "--- " + node.out + " ---\n" + tail(Files.readString(node.out)) + "\n--- " + node.err + " ---\n"
                    + tail(Files.readString(node.err));
        } catch (IOException e) {
            return "(logs unreadable: " + e + ")";
        }
    }

    private static String tail(String text) {
        return text.length() <= 8000 ? text : "..." + text.substring(text.length() - 8000);
    }

    private static List<String> exchange(Node node, String line) throws Exception {
        try (RawSession s = RawSession.connect(node.fnapPort).greetAndAuthenticate("test", "test")) {
            return s.exchange(line);
        }
    }

    private static void awaitProgress(AtomicInteger sent, int target, AtomicReference<Throwable> failure)
            throws InterruptedException {
        long deadline = System.nanoTime() + scaled(120).toNanos();
        while (sent.get() < target && failure.get() == null && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void killingEitherGatewayMidStreamLosesNothing() throws Exception {
        long began = System.nanoTime();
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 6);
        // Unique flow names: the Kafka broker is shared with the other tests of this JVM.
        String flow = "time" + suffix + ".flows.unix.ar";
        String local = "time" + suffix + ".flows.emiliano.ar";
        Node a = node("a", "fnaa.unix.ar", "unix.ar", "flows.unix.ar", "unix", true, false);
        Node b = node("b", "fnaa.emiliano.ar", "emiliano.ar", "flows.emiliano.ar", "emiliano", false, true);
        start(a);
        start(b);
        assertThat(exchange(a, "CREATE FLOW " + flow)).as(logs(a)).containsExactly("220 OK " + flow);
        List<String> subscribed = exchange(b, "SUBSCRIBE " + flow + " LOCAL " + local);
        assertThat(subscribed).as(logs(b)).hasSize(3);
        assertThat(subscribed.get(0)).isEqualTo("220 DATA");
        assertThat(subscribed.get(1)).startsWith(local + " SUBSCRIBED TO ");
        String copy = subscribed.get(1).substring(subscribed.get(1).lastIndexOf(' ') + 1);
        System.out.printf("[crash-safety] %s copied into %s through %s%n", flow, local, copy);

        String prefix = "crash-" + suffix + "-";
        AtomicInteger sent = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread producerThread = Thread.ofPlatform().name("crash-safety-producer").start(() -> {
            var props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.broker().bootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            props.put(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY);
            try (var producer = new KafkaProducer<String, CloudEvent>(props, new StringSerializer(),
                    new CloudEventSerializer())) {
                for (int i = 0; i < N; i++) {
                    CloudEvent e = CloudEventBuilder.v1()
                            .withId(prefix + i)
                            .withSource(URI.create("urn:eson:test:crash-safety"))
                            .withType("ar.unix.time.tick")
                            .withDataContentType("application/json")
                            .withData(("{\"tick\":" + i + "}").getBytes(StandardCharsets.UTF_8))
                            .build();
                    producer.send(new ProducerRecord<>(flow, e)).get(30, TimeUnit.SECONDS);
                    sent.incrementAndGet();
                    Thread.sleep(10); // a steady pace: the stream spans the crashes below
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });

        try {
            awaitProgress(sent, 300, failure);
            System.out.printf("[crash-safety] kill -9 A at %d sent%n", sent.get());
            stop(a, true);
            start(a);
            awaitProgress(sent, 1200, failure);
            System.out.printf("[crash-safety] kill -9 B at %d sent%n", sent.get());
            stop(b, true);
            start(b);
            awaitProgress(sent, 2100, failure);
            System.out.printf("[crash-safety] SIGTERM A at %d sent%n", sent.get());
            stop(a, false);
            start(a);
            awaitProgress(sent, 2600, failure);
            System.out.printf("[crash-safety] SIGTERM B at %d sent%n", sent.get());
            stop(b, false);
            start(b);
        } finally {
            producerThread.join(scaled(180).toMillis());
        }
        assertThat(failure.get()).as("producer failure").isNull();
        assertThat(sent.get()).isEqualTo(N);
        System.out.printf("[crash-safety] all %d events published%n", N);

        Map<String, Integer> deliveries = new TreeMap<>();
        Set<String> foreign = new HashSet<>();
        int records = 0;
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.broker().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "crash-safety-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (var consumer = new KafkaConsumer<String, CloudEvent>(props, new StringDeserializer(),
                new CloudEventDeserializer())) {
            consumer.subscribe(List.of(local));
            long deadline = System.nanoTime() + scaled(120).toNanos();
            while (deliveries.size() < N && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    records++;
                    String id = record.value().getId();
                    if (id.startsWith(prefix)) {
                        deliveries.merge(id, 1, Integer::sum);
                    } else {
                        foreign.add(id);
                    }
                }
            }
            // A little longer, so that duplicates still in flight are counted too.
            long settle = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < settle) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    records++;
                    String id = record.value().getId();
                    if (id.startsWith(prefix)) {
                        deliveries.merge(id, 1, Integer::sum);
                    } else {
                        foreign.add(id);
                    }
                }
            }
        }
        Map<String, Integer> duplicated = new HashMap<>();
        int duplicates = 0;
        for (var e : deliveries.entrySet()) {
            if (e.getValue() > 1) {
                duplicated.put(e.getKey(), e.getValue());
                duplicates += e.getValue() - 1;
            }
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            if (!deliveries.containsKey(prefix + i)) {
                missing.add(prefix + i);
            }
        }
        System.out.printf("[crash-safety] %d records read, %d distinct ids of %d, %d missing, %d duplicates"
                + " (%d ids delivered more than once), %d foreign, %.1f s%n", records, deliveries.size(), N,
                missing.size(), duplicates, duplicated.size(), foreign.size(), (System.nanoTime() - began) / 1e9);
        if (!duplicated.isEmpty()) {
            System.out.println("[crash-safety] duplicated ids (id=deliveries): " + new TreeMap<>(duplicated));
        }
        assertThat(missing.size()).as("ids lost, the first: " + missing.subList(0, Math.min(20, missing.size()))
                + "\n" + logs(a) + "\n" + logs(b)).isZero();
        assertThat(foreign).as("ids that were never published").isEmpty();
        assertThat(duplicates).as("duplicates stay bounded").isLessThan(N);
        assertThat(exchange(b, "GET SUBSCRIPTIONS")).contains(
                local + " SUBSCRIBED TO " + copy + " state=active remote=" + flow);
    }
}
