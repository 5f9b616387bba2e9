package org.eson.fnua;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eson.fnap.sasl.InvalidPlainMessageException;
import org.eson.fnap.sasl.PlainMessage;

/**
 * A tiny FNAP server for tests, speaking exactly the thesis's dialogue: greeting
 * {@code 220 fnaa.unix.ar FNAA}, {@code AUTHENTICATE PLAIN} -> {@code 220 OK}, base64 line ->
 * {@code 220 Authenticated}, scripted replies for everything else, {@code QUIT} ->
 * {@code 220 Bye}.
 *
 * <p>Deliberately not the gateway: it lets a test make the server say anything (errors, broken
 * DATA blocks, silence, a hang-up) and then check the lines the client sent. It listens on a free
 * port of the loopback interface and serves each connection on its own virtual thread.
 */
public final class ScriptedFnapServer implements AutoCloseable {

    /** The thesis's greeting. */
    public static final String GREETING = "220 fnaa.unix.ar FNAA";

    private final ServerSocket server;
    private final Thread acceptor;
    private final Map<String, Behaviour> script = new ConcurrentHashMap<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private volatile String greeting = GREETING;
    private volatile String user = "test";
    private volatile String password = "test";
    private volatile boolean closed;

    private sealed interface Behaviour {
        record Reply(List<String> lines) implements Behaviour {
        }

        /** Close the connection without answering. */
        record HangUp() implements Behaviour {
        }

        /** Never answer (until the client gives up or the server closes). */
        record Silence() implements Behaviour {
        }
    }

    private ScriptedFnapServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().name("scripted-fnap-accept").start(this::acceptLoop);
    }

    /**
     * @return a running server with the thesis's greeting and credentials {@code test/test}
     * @throws IOException if no port can be bound
     */
    public static ScriptedFnapServer start() throws IOException {
        return new ScriptedFnapServer();
    }

    /**
     * @return the port it listens on, on 127.0.0.1
     */
    public int port() {
        return server.getLocalPort();
    }

    /**
     * @param line the greeting line to send instead, e.g. {@code 421 Too busy}
     * @return this
     */
    public ScriptedFnapServer greeting(String line) {
        this.greeting = Objects.requireNonNull(line);
        return this;
    }

    /**
     * @param username the accepted user
     * @param secret   the accepted password
     * @return this
     */
    public ScriptedFnapServer credentials(String username, String secret) {
        this.user = Objects.requireNonNull(username);
        this.password = Objects.requireNonNull(secret);
        return this;
    }

    /**
     * @param commandLine the exact line the client sends
     * @param replyLines  the lines to answer with, e.g. {@code "220 DATA", "k=v", "220 OK"}
     * @return this
     */
    public ScriptedFnapServer on(String commandLine, String... replyLines) {
        script.put(commandLine, new Behaviour.Reply(List.of(replyLines)));
        return this;
    }

    /**
     * @param commandLine the line after which the server closes the connection unanswered
     * @return this
     */
    public ScriptedFnapServer hangUpOn(String commandLine) {
        script.put(commandLine, new Behaviour.HangUp());
        return this;
    }

    /**
     * @param commandLine the line the server never answers
     * @return this
     */
    public ScriptedFnapServer silentOn(String commandLine) {
        script.put(commandLine, new Behaviour.Silence());
        return this;
    }

    /**
     * @return every line received so far, over all connections, in order
     */
    public List<String> received() {
        return List.copyOf(received);
    }

    /**
     * @return the number of connections accepted so far
     */
    public int connections() {
        return connections.get();
    }

    /**
     * Waits until every accepted connection has been handled to its end, so that a test sees
     * the complete transcript (the client may return before the server has read its last line).
     *
     * @param timeout how long to wait at most
     * @return true if all connections ended in time
     * @throws InterruptedException if interrupted
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (active.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
        try {
            acceptor.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return;
            }
            connections.incrementAndGet();
            active.incrementAndGet();
            sockets.add(socket);
            CountDownLatch started = new CountDownLatch(1);
            Thread.ofVirtual().name("scripted-fnap-session").start(() -> {
                started.countDown();
                try (socket) {
                    serve(socket);
                } catch (IOException e) {
                    // The client went away; that is the client's business in these tests.
                } finally {
                    active.decrementAndGet();
                }
            });
            try {
                started.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = socket.getOutputStream();
        send(out, List.of(greeting));
        if (!greeting.startsWith("220 ")) {
            return;
        }
        boolean authenticated = false;
        String line;
        while ((line = in.readLine()) != null) {
            received.add(line);
            Behaviour behaviour = script.get(line);
            if (behaviour instanceof Behaviour.HangUp) {
                return;
            }
            if (behaviour instanceof Behaviour.Silence) {
                waitForClientToLeave(in);
                return;
            }
            if (behaviour instanceof Behaviour.Reply reply) {
                send(out, reply.lines());
                if (line.equals("AUTHENTICATE PLAIN") && reply.lines().equals(List.of("220 OK"))) {
                    authenticated = authenticate(in, out);
                }
                continue;
            }
            if (line.equals("QUIT")) {
                send(out, List.of("220 Bye"));
                return;
            }
            if (line.equals("AUTHENTICATE PLAIN")) {
                send(out, List.of("220 OK"));
                authenticated = authenticate(in, out);
            } else if (!authenticated) {
                send(out, List.of("530 Authentication required"));
            } else {
                send(out, List.of("500 Unknown command"));
            }
        }
    }

    private boolean authenticate(BufferedReader in, OutputStream out) throws IOException {
        String response = in.readLine();
        if (response == null) {
            return false;
        }
        received.add(response);
        boolean ok;
        try {
            PlainMessage message = PlainMessage.decode(response);
            ok = message.authcid().equals(user) && message.password().equals(password);
        } catch (InvalidPlainMessageException e) {
            ok = false;
        }
        send(out, List.of(ok ? "220 Authenticated" : "535 Authentication failed"));
        return ok;
    }

    private static void waitForClientToLeave(BufferedReader in) throws IOException {
        try {
            while (in.readLine() != null) {
                // Swallow whatever else the client sends (it will send QUIT on giving up).
            }
        } catch (SocketException e) {
            // Closed by close().
        }
    }

    private static void send(OutputStream out, List<String> lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append("\r\n");
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * @return a string describing the transcript, for assertion messages
     */
    @Override
    public String toString() {
        return "ScriptedFnapServer[port=" + port() + ", received=" + new ArrayList<>(received) + "]";
    }
}
