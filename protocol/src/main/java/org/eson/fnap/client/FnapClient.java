package org.eson.fnap.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.eson.fnap.name.DomainNames;
import org.eson.fnap.name.FlowName;
import org.eson.fnap.name.InvalidFlowNameException;
import org.eson.fnap.sasl.PlainMessage;
import org.eson.fnap.wire.LineFramer;
import org.eson.fnap.wire.ProtocolException;
import org.eson.fnap.wire.Reply;
import org.eson.fnap.wire.ReplyCodes;
import org.eson.fnap.wire.ReplyReader;

/**
 * A blocking FNAP session with one FNAA.
 *
 * <p>Each call sends one command and waits for its reply, so replies can never be attributed to
 * the wrong command. Any transport failure, timeout or protocol violation closes the client: the
 * reply stream can no longer be trusted to line up with commands. A 4xx or 5xx reply does not, the
 * session goes on (except after {@code 421}, when the server hangs up).
 *
 * <p>The trace reproduces the thesis CLI's {@code -d} output line by line, with one deliberate
 * change: the authentication string is shown as {@code ****}, since base64 of the PLAIN message is
 * the password in clear.
 *
 * <p>Not thread-safe: use one client from one thread at a time.
 */
public final class FnapClient implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(FnapClient.class.getName());

    private static final Pattern GREETING = Pattern.compile("(\\S+) FNAA(?: .*)?", Pattern.DOTALL);
    private static final String MASK = "****";
    private static final int MAX_CONTENT_OCTETS = LineFramer.MAX_LINE_OCTETS - 2;
    private static final Duration CLOSE_QUIT_TIMEOUT = Duration.ofSeconds(2);

    private final FnapEndpoint endpoint;
    private final FnapClientOptions options;
    private final Socket socket;
    private final OutputStream out;
    private final ReplyReader reader;
    private final Consumer<String> trace;
    private String greeting;
    private String serverFqdn;
    /** False once the socket must not be written to any more (error, 421, QUIT). */
    private boolean usable = true;
    private boolean closed;
    /** Set after a bare {@code AUTHENTICATE} sent through {@link #execute(String)} was continued. */
    private boolean awaitingSaslResponse;

    private FnapClient(FnapEndpoint endpoint, FnapClientOptions options, Socket socket)
            throws IOException {
        this.endpoint = endpoint;
        this.options = options;
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.reader = new ReplyReader(socket.getInputStream());
        this.trace = options.trace() == null ? line -> { } : options.trace();
    }

    /**
     * Connects, completes the TLS handshake for TLS endpoints, and reads the greeting.
     *
     * @param endpoint where to connect
     * @param options  timeouts, TLS context and trace
     * @return a session in the unauthenticated state
     * @throws FnapReplyException if the server refused the session (e.g. {@code 421}) or its
     *                            greeting is not {@code 220 <fqdn> FNAA}
     * @throws FnapException      if the connection or handshake failed or timed out
     */
    public static FnapClient connect(FnapEndpoint endpoint, FnapClientOptions options)
            throws FnapException {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(options, "options");
        String address = endpoint.address();
        Consumer<String> trace = options.trace() == null ? line -> { } : options.trace();
        trace.accept("C: Connecting to " + address);
        Socket socket = new Socket();
        try {
            InetSocketAddress target = new InetSocketAddress(endpoint.host(), endpoint.port());
            if (target.isUnresolved()) {
                throw new FnapException("Cannot connect to " + address + ": unknown host "
                        + endpoint.host());
            }
            socket.connect(target, millis(options.connectTimeout()));
            // Commands and replies are small and strictly alternating: Nagle plus delayed ACK
            // would add tens of milliseconds to every round trip.
            socket.setTcpNoDelay(true);
        } catch (FnapException e) {
            closeQuietly(socket);
            throw e;
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new FnapException("Cannot connect to " + address + ": timed out after "
                    + human(options.connectTimeout()), e);
        } catch (UnknownHostException e) {
            closeQuietly(socket);
            throw new FnapException("Cannot connect to " + address + ": unknown host "
                    + endpoint.host(), e);
        } catch (ConnectException e) {
            closeQuietly(socket);
            throw new FnapException("Cannot connect to " + address + ": "
                    + (e.getMessage() == null ? "connection failed" : e.getMessage()), e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new FnapException("Cannot connect to " + address + ": " + e, e);
        }
        Socket session = socket;
        try {
            if (endpoint.tls()) {
                session = startTls(socket, endpoint, options);
            }
            session.setSoTimeout(millis(options.readTimeout()));
            FnapClient client = new FnapClient(endpoint, options, session);
            client.readGreeting();
            return client;
        } catch (IOException e) {
            closeQuietly(session);
            throw new FnapException("Cannot set up the session with " + address + ": " + e, e);
        } catch (FnapException | RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    private static SSLSocket startTls(Socket socket, FnapEndpoint endpoint,
            FnapClientOptions options) throws FnapException, IOException {
        SSLContext context = options.sslContext();
        if (context == null) {
            try {
                context = SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new FnapException("No default TLS context available: " + e.getMessage(), e);
            }
        }
        String host = endpoint.host().endsWith(".")
                ? endpoint.host().substring(0, endpoint.host().length() - 1) : endpoint.host();
        SSLSocket ssl = (SSLSocket) context.getSocketFactory()
                .createSocket(socket, host, endpoint.port(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        // Without this the JDK checks the chain but not that the certificate names this host.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isIpLiteral(host)) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(millis(options.connectTimeout()));
        try {
            ssl.startHandshake();
        } catch (SocketTimeoutException e) {
            closeQuietly(ssl);
            throw new FnapException("TLS handshake with " + endpoint.address() + " timed out after "
                    + human(options.connectTimeout()), e);
        } catch (SSLException e) {
            closeQuietly(ssl);
            throw new FnapException("TLS handshake with " + endpoint.address() + " failed: "
                    + e.getMessage(), e);
        }
        return ssl;
    }

    private void readGreeting() throws FnapException {
        Reply reply = readReply("the greeting");
        trace.accept("C: Got a response: " + reply.statusLine());
        if (!reply.isPositive() || reply.isData()) {
            usable = false;
            close();
            throw FnapReplyException.greeting(reply, endpoint.address(), "refused the session");
        }
        Matcher m = GREETING.matcher(reply.text());
        if (!m.matches() || !DomainNames.isValid(m.group(1))) {
            // Not an FNAA: sending it QUIT would only be more bytes to a stranger.
            usable = false;
            close();
            throw FnapReplyException.greeting(reply, endpoint.address(),
                    "did not greet as an FNAA");
        }
        try {
            serverFqdn = DomainNames.normalize(m.group(1));
        } catch (InvalidFlowNameException e) {
            throw new AssertionError(e);
        }
        greeting = reply.text();
    }

    /**
     * @return the endpoint this client is connected to
     */
    public FnapEndpoint endpoint() {
        return endpoint;
    }

    /**
     * @return the greeting text, e.g. {@code fnaa.unix.ar FNAA}
     */
    public String greeting() {
        return greeting;
    }

    /**
     * @return the server's FQDN from the greeting, in lower case
     */
    public String serverFqdn() {
        return serverFqdn;
    }

    /**
     * @return whether commands can still be sent
     */
    public boolean isOpen() {
        return !closed && usable;
    }

    /**
     * Authenticates with SASL PLAIN in the two-step form of the thesis: {@code AUTHENTICATE PLAIN},
     * a {@code 220 OK} continuation, then the base64 message.
     *
     * @param user     the user name
     * @param password the password
     * @throws FnapReplyException if either step is not answered with 2xx
     * @throws FnapException      on transport failure
     * @throws IllegalArgumentException if user or password is empty, contains NUL or is over
     *                                  255 octets
     */
    public void authenticatePlain(String user, String password) throws FnapException {
        PlainMessage message = PlainMessage.of(user, password);
        String command = "AUTHENTICATE PLAIN";
        ensureUsable();
        trace.accept("C: Sending command " + command);
        trace.accept("C: Wrote (" + write(command, command) + " bytes written)");
        Reply challenge = readReply(command);
        trace.accept("C: Got a response: " + challenge.statusLine());
        if (!challenge.isPositive() || challenge.isData()) {
            throw new FnapReplyException(challenge, command);
        }
        trace.accept("C: Authentication string sent: " + MASK);
        trace.accept("C: Wrote (" + write(message.encode(), command) + " bytes written)");
        Reply outcome = readReply(command);
        trace.accept("C: Got a response: " + outcome.statusLine());
        if (!outcome.isPositive() || outcome.isData()) {
            throw new FnapReplyException(outcome, command);
        }
    }

    /**
     * Sends one command line and returns the server's reply, whatever its code.
     *
     * @param commandLine the line without CRLF
     * @return the reply
     * @throws FnapException on transport failure, timeout or protocol violation
     * @throws IllegalArgumentException if the line contains CR or LF or exceeds 998 octets
     */
    public Reply execute(String commandLine) throws FnapException {
        Objects.requireNonNull(commandLine, "commandLine");
        if (commandLine.indexOf('\r') >= 0 || commandLine.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("Command line must not contain CR or LF");
        }
        int octets = commandLine.getBytes(StandardCharsets.UTF_8).length;
        if (octets > MAX_CONTENT_OCTETS) {
            throw new IllegalArgumentException("Command line is " + octets
                    + " octets, more than the " + MAX_CONTENT_OCTETS + " FNAP allows");
        }
        ensureUsable();
        boolean saslResponse = awaitingSaslResponse;
        awaitingSaslResponse = false;
        String shown = saslResponse ? "AUTHENTICATE response" : mask(commandLine);
        if (saslResponse) {
            trace.accept("C: Authentication string sent: " + MASK);
        } else {
            trace.accept("C: Sending command " + shown);
        }
        trace.accept("C: Wrote (" + write(commandLine, shown) + " bytes written)");
        Reply reply = readReply(shown);
        if (reply.isPositive()) {
            trace.accept("C: Server sent OK for command " + shown);
        } else {
            trace.accept("C: Server sent " + reply.statusLine() + " for command " + shown);
        }
        List<String> words = words(commandLine);
        if (!saslResponse && reply.isPositive() && !reply.isData() && words.size() == 2
                && words.get(0).equalsIgnoreCase("AUTHENTICATE")
                && !reply.text().equalsIgnoreCase("Authenticated")) {
            awaitingSaslResponse = true;
        }
        if (!saslResponse && reply.isPositive() && words.size() == 1
                && words.get(0).equalsIgnoreCase("QUIT")) {
            usable = false;
            close();
        }
        return reply;
    }

    /**
     * Like {@link #execute(String)}, but a non-2xx reply is an exception.
     *
     * @param commandLine the line without CRLF
     * @return the 2xx reply
     * @throws FnapReplyException if the reply is 4xx or 5xx
     * @throws FnapException      on transport failure
     */
    public Reply expectOk(String commandLine) throws FnapException {
        boolean saslResponse = awaitingSaslResponse;
        Reply reply = execute(commandLine);
        if (!reply.isPositive()) {
            throw new FnapReplyException(reply,
                    saslResponse ? "AUTHENTICATE response" : mask(commandLine));
        }
        return reply;
    }

    /**
     * {@code CREATE FLOW}.
     *
     * @param flow the flow to create
     * @return the flow as confirmed by the server
     * @throws FnapException on failure, {@link FnapReplyException} on an error reply
     */
    public FlowName createFlow(FlowName flow) throws FnapException {
        String command = "CREATE FLOW " + flow.fqdn();
        Reply reply = expectOk(command);
        List<String> words = words(reply.text());
        if (words.size() == 2 && words.get(0).equals("OK")) {
            try {
                return FlowName.parse(words.get(1));
            } catch (InvalidFlowNameException e) {
                throw violation("an invalid flow name in its reply to " + command);
            }
        }
        if (reply.isData()) {
            throw violation("a DATA block in reply to " + command);
        }
        return flow;
    }

    /**
     * {@code DESCRIBE FLOW}.
     *
     * @param flow the flow to describe
     * @return the {@code key=value} lines in server order
     * @throws FnapException on failure, {@link FnapReplyException} on an error reply
     */
    public Map<String, String> describeFlow(FlowName flow) throws FnapException {
        String command = "DESCRIBE FLOW " + flow.fqdn();
        return keyValues(dataOf(expectOk(command), command), command);
    }

    /**
     * {@code DELETE FLOW}.
     *
     * @param flow the flow to delete
     * @throws FnapException on failure, {@link FnapReplyException} on an error reply
     */
    public void deleteFlow(FlowName flow) throws FnapException {
        expectOk("DELETE FLOW " + flow.fqdn());
    }

    /**
     * {@code GET FLOWS [namespace]}.
     *
     * @param namespace restrict to one namespace
     * @return the user's flows as listed by the server
     * @throws FnapException on failure, {@link FnapReplyException} on an error reply
     */
    public List<FlowName> getFlows(Optional<String> namespace) throws FnapException {
        String command = "GET FLOWS" + namespace.map(ns -> " " + ns).orElse("");
        List<FlowName> flows = new ArrayList<>();
        for (String line : dataOf(expectOk(command), command)) {
            try {
                flows.add(FlowName.parse(line));
            } catch (InvalidFlowNameException e) {
                throw violation("an invalid flow name in its reply to " + command);
            }
        }
        return List.copyOf(flows);
    }

    /**
     * {@code GET NAMESPACES}.
     *
     * @return the user's namespaces as listed by the server
     * @throws FnapException on failure, {@link FnapReplyException} on an error reply
     */
    public List<String> getNamespaces() throws FnapException {
        String command = "GET NAMESPACES";
        return dataOf(expectOk(command), command);
    }

    /**
     * {@code CAPABILITIES}.
     *
     * @return the {@code key=value} lines in server order
     * @throws FnapException on failure, {@link FnapReplyException} on an error reply
     */
    public Map<String, String> capabilities() throws FnapException {
        String command = "CAPABILITIES";
        return keyValues(dataOf(expectOk(command), command), command);
    }

    /**
     * {@code NOOP}.
     *
     * @throws FnapException on failure, {@link FnapReplyException} on an error reply
     */
    public void noop() throws FnapException {
        expectOk("NOOP");
    }

    /**
     * Sends {@code QUIT}, reads {@code 220 Bye} and closes. The reply is not traced, as in the
     * thesis CLI. A server that hangs up without the reply is accepted: the session ends either way.
     *
     * @throws FnapReplyException if the server answers QUIT with an error (the client is closed
     *                            anyway)
     * @throws FnapException      on other failures (the client is closed anyway)
     */
    public void quit() throws FnapException {
        if (!isOpen()) {
            close();
            return;
        }
        try {
            String command = "QUIT";
            trace.accept("C: Sending command " + command);
            trace.accept("C: Wrote (" + write(command, command) + " bytes written)");
            Reply reply;
            try {
                reply = reader.read();
            } catch (EOFException e) {
                return;
            } catch (IOException e) {
                throw failure(e, command);
            }
            if (!reply.isPositive()) {
                throw new FnapReplyException(reply, command);
            }
        } finally {
            usable = false;
            close();
        }
    }

    /**
     * Ends the session: sends {@code QUIT} if the connection is still usable (waiting briefly for
     * the reply), ignores any error, and closes the socket. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (usable) {
            usable = false;
            try {
                trace.accept("C: Sending command QUIT");
                byte[] bytes = "QUIT\r\n".getBytes(StandardCharsets.US_ASCII);
                out.write(bytes);
                out.flush();
                trace.accept("C: Wrote (" + bytes.length + " bytes written)");
                socket.setSoTimeout(millis(min(options.readTimeout(), CLOSE_QUIT_TIMEOUT)));
                reader.read();
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "Ignored while closing FNAP session with "
                        + endpoint.address() + ": " + e);
            }
        }
        closeQuietly(socket);
    }

    private void ensureUsable() throws FnapException {
        if (!isOpen()) {
            throw new FnapException("Connection to " + endpoint.address() + " is closed");
        }
    }

    private int write(String line, String shown) throws FnapException {
        byte[] bytes = (line + "\r\n").getBytes(StandardCharsets.UTF_8);
        try {
            out.write(bytes);
            out.flush();
            return bytes.length;
        } catch (IOException e) {
            usable = false;
            close();
            throw new FnapException("Cannot send " + shown + " to " + endpoint.address() + ": "
                    + e.getMessage(), e);
        }
    }

    private Reply readReply(String shown) throws FnapException {
        Reply reply;
        try {
            reply = reader.read();
        } catch (IOException e) {
            throw failure(e, shown);
        }
        if (reply.code() == ReplyCodes.SHUTTING_DOWN) {
            // The server closes the session after any 421.
            usable = false;
            close();
        }
        return reply;
    }

    private FnapException failure(IOException e, String shown) {
        usable = false;
        close();
        String address = endpoint.address();
        if (e instanceof SocketTimeoutException) {
            return new FnapException("No reply from " + address + " within "
                    + human(options.readTimeout()) + " to " + shown, e);
        }
        if (e instanceof InterruptedIOException) {
            return new FnapException("Interrupted while waiting for " + address + " to answer "
                    + shown, e);
        }
        if (e instanceof EOFException) {
            return new FnapException(e.getMessage() + " " + address + " (waiting for the reply to "
                    + shown + ")", e);
        }
        if (e instanceof ProtocolException) {
            return new FnapException("Protocol violation by " + address + " in reply to " + shown
                    + ": " + e.getMessage(), e);
        }
        return new FnapException("I/O error with " + address + " waiting for the reply to " + shown
                + ": " + e.getMessage(), e);
    }

    private FnapException violation(String what) {
        usable = false;
        close();
        return new FnapException("Protocol violation by " + endpoint.address() + ": sent " + what);
    }

    private List<String> dataOf(Reply reply, String command) throws FnapException {
        if (!reply.isData()) {
            throw violation("'" + reply.statusLine() + "' instead of a DATA block in reply to "
                    + command);
        }
        return reply.data();
    }

    private Map<String, String> keyValues(List<String> lines, String command)
            throws FnapException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw violation("a line that is not key=value in reply to " + command);
            }
            if (values.putIfAbsent(line.substring(0, eq), line.substring(eq + 1)) != null) {
                throw violation("a duplicate key in reply to " + command);
            }
        }
        return values;
    }

    /** Hides the initial response of a one-line {@code AUTHENTICATE}: it is the password. */
    private static String mask(String commandLine) {
        List<String> words = words(commandLine);
        if (words.size() >= 3 && words.get(0).equalsIgnoreCase("AUTHENTICATE")) {
            return words.get(0) + " " + words.get(1) + " " + MASK;
        }
        return commandLine;
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String w : text.split(" ")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    private static int millis(Duration d) {
        return (int) Math.max(1, d.toMillis());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "Ignored while closing socket: " + e);
        }
    }
}
