package org.eson.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A byte-level FNAP client for tests, like a telnet session: writes exactly what it is given and
 * reads replies line by line, so tests can check the wire byte for byte.
 */
public final class RawSession implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawSession(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public static RawSession connect(int port) throws IOException {
        var socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        return new RawSession(socket);
    }

    public static RawSession over(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        return new RawSession(socket);
    }

    /** Sends a line with CRLF. */
    public RawSession send(String line) throws IOException {
        return sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    public RawSession sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads one line; the returned text keeps its terminator so tests can check for CRLF. */
    public String readRawLine() throws IOException {
        var line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        if (line.size() == 0) {
            throw new java.io.EOFException("connection closed");
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** Reads one line and checks it ends with CRLF; returns it without the CRLF. */
    public String readLine() throws IOException {
        String raw = readRawLine();
        if (!raw.endsWith("\r\n")) {
            throw new AssertionError("reply line not CRLF-terminated: " + raw);
        }
        return raw.substring(0, raw.length() - 2);
    }

    /** Reads a whole reply: one status line, or a DATA block through its terminating status line. */
    public List<String> readReply() throws IOException {
        var lines = new ArrayList<String>();
        String first = readLine();
        lines.add(first);
        if (first.equals("220 DATA")) {
            String line;
            do {
                line = readLine();
                lines.add(line);
            } while (!line.matches("[2-5][0-9]{2}( .*)?"));
        }
        return lines;
    }

    /** Sends a command and returns its whole reply. */
    public List<String> exchange(String line) throws IOException {
        send(line);
        return readReply();
    }

    /** Reads the greeting and authenticates with the thesis's two-step PLAIN exchange. */
    public RawSession greetAndAuthenticate(String user, String password) throws IOException {
        readLine();
        return authenticate(user, password);
    }

    public RawSession authenticate(String user, String password) throws IOException {
        String credentials = java.util.Base64.getEncoder()
                .encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        send("AUTHENTICATE PLAIN");
        expect("220 OK");
        send(credentials);
        expect("220 Authenticated");
        return this;
    }

    public void expect(String line) throws IOException {
        String got = readLine();
        if (!got.equals(line)) {
            throw new AssertionError("expected <" + line + "> but got <" + got + ">");
        }
    }

    /** True when the server has closed the connection (EOF within the timeout). */
    public boolean isClosedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            // A reset also means the server is gone.
            return true;
        }
    }

    public void setTimeoutMillis(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
