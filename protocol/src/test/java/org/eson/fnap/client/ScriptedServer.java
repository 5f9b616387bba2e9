package org.eson.fnap.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A tiny FNAP server for client tests: real loopback sockets, one thread per connection, each
 * connection driven by a script that plays the server's part and records every byte received.
 */
final class ScriptedServer implements AutoCloseable {

    @FunctionalInterface
    interface Script {
        void run(Session session) throws Exception;
    }

    /** One accepted connection as seen by the script. */
    static final class Session {
        final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        Session(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        /** Reads up to and including LF; returns the line without CRLF, or null at EOF. */
        String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                synchronized (received) {
                    received.write(b);
                }
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, n, StandardCharsets.UTF_8);
                }
                line.write(b);
            }
            return null;
        }

        /** Reads a line and fails the script unless it is exactly {@code expected}. */
        void expect(String expected) throws IOException {
            String line = readLine();
            if (!expected.equals(line)) {
                throw new AssertionError("Server expected '" + expected + "' but got '" + line + "'");
            }
        }

        /** Sends each line followed by CRLF, in one write. */
        void send(String... lines) throws IOException {
            StringBuilder sb = new StringBuilder();
            for (String l : lines) {
                sb.append(l).append("\r\n");
            }
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Waits for the client to close, so tests see everything it sent. */
        void awaitEof() throws IOException {
            while (readLine() != null) {
                // drain
            }
        }

        String received() {
            synchronized (received) {
                return received.toString(StandardCharsets.UTF_8);
            }
        }
    }

    private final ServerSocket server;
    private final Script script;
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    ScriptedServer(Script script) throws IOException {
        this(new ServerSocket(), script);
    }

    ScriptedServer(ServerSocket unbound, Script script) throws IOException {
        this.server = unbound;
        this.script = script;
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = Thread.ofPlatform().daemon().name("scripted-accept").start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return;
            }
            Thread t = Thread.ofPlatform().daemon().name("scripted-session").start(() -> {
                try (socket) {
                    Session session = new Session(socket);
                    sessions.add(session);
                    script.run(session);
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            threads.add(t);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    FnapEndpoint endpoint() {
        return FnapEndpoint.plain("127.0.0.1", port());
    }

    /** Waits for every session script to finish and rethrows the first failure in a script. */
    List<Session> finish() throws Exception {
        for (Thread t : threads) {
            if (!t.join(java.time.Duration.ofSeconds(10))) {
                throw new AssertionError("Server script did not finish");
            }
        }
        if (!errors.isEmpty()) {
            Throwable first = errors.get(0);
            if (first instanceof Exception e) {
                throw e;
            }
            throw (Error) first;
        }
        return new ArrayList<>(sessions);
    }

    /** The bytes received by the only session, after it finished. */
    String receivedBySingleSession() throws Exception {
        List<Session> done = finish();
        if (done.size() != 1) {
            throw new AssertionError("Expected one session, got " + done.size());
        }
        return done.get(0).received();
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Session s : sessions) {
            s.socket.close();
        }
    }
}
