package org.eson.fnap.fns;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * One DNS question, asked of the configured servers over UDP with TCP after a truncated answer.
 *
 * <p>Written on plain sockets rather than dnsjava's {@code SimpleResolver} so that each try has a
 * known server, a known outcome for the trace, and no shared selector thread or state between
 * calls. A new socket per try also gives every query a fresh random source port.
 */
final class DnsTransport {

    private static final System.Logger LOG = System.getLogger(DnsTransport.class.getName());

    /**
     * EDNS(0) UDP size of DNS Flag Day 2020: large enough for typical SRV/TXT sets, small enough
     * to avoid IP fragmentation; bigger answers come over TCP.
     */
    static final int EDNS_PAYLOAD = 1232;

    private static final int MAX_MESSAGE = 65535;

    /** A server to ask, with the text that names it in traces and errors. */
    private record Server(String label, Nameserver configured, InetSocketAddress system) {

        InetSocketAddress address() throws UnknownHostException {
            if (system != null) {
                return system;
            }
            // Literals never touch the JVM's resolver; a host name has to.
            return new InetSocketAddress(InetAddress.getByName(configured.host()), configured.port());
        }
    }

    private final ResolverSettings settings;

    DnsTransport(ResolverSettings settings) {
        this.settings = settings;
    }

    /**
     * @return what the trace shows after "using server": the configured servers, or
     *         {@code system resolver}
     */
    String serverLabel() {
        if (settings.usesSystemNameservers()) {
            return "system resolver";
        }
        return settings.nameservers().stream().map(Nameserver::toString)
                .collect(Collectors.joining(", "));
    }

    /**
     * Asks every server once per attempt until one gives a usable answer (NOERROR or NXDOMAIN).
     * Error answers move on to the next server like a stub resolver does, since another server of
     * the zone may well be healthy.
     *
     * @return the answer message (its rcode is NOERROR or NXDOMAIN)
     */
    Message query(Name name, int type, Consumer<String> trace)
            throws FnsException.Timeout, FnsException.ServerFailure {
        String qtype = Type.string(type);
        List<Server> servers = servers();
        if (servers.isEmpty()) {
            throw new FnsException.ServerFailure(name.toString(), qtype, null,
                    "no nameserver to ask for " + name + " " + qtype
                            + ": none configured and none found in the system configuration", null);
        }
        String rcodeServer = null;
        String rcode = null;
        String ioServer = null;
        IOException ioError = null;
        for (int attempt = 0; attempt < settings.attempts(); attempt++) {
            for (Server server : servers) {
                trace.accept("Executing query " + name + " IN " + type + " using server "
                        + server.label());
                try {
                    Message answer = exchange(server, name, type, trace);
                    int code = answer.getRcode();
                    if (code == Rcode.NOERROR || code == Rcode.NXDOMAIN) {
                        return answer;
                    }
                    rcode = Rcode.string(code);
                    rcodeServer = server.label();
                    trace.accept("Executing failed: " + rcode);
                    LOG.log(System.Logger.Level.DEBUG, "{0} answered {1} for {2} {3}",
                            server.label(), rcode, name, qtype);
                } catch (SocketTimeoutException e) {
                    trace.accept("Executing failed: no answer within " + human(settings.timeout()));
                } catch (IOException e) {
                    if (Thread.currentThread().isInterrupted() || e instanceof InterruptedIOException) {
                        throw new FnsException.ServerFailure(name.toString(), qtype, null,
                                "interrupted while querying " + server.label() + " for " + name + " "
                                        + qtype, e);
                    }
                    ioError = e;
                    ioServer = server.label();
                    trace.accept("Executing failed: " + describe(e));
                    LOG.log(System.Logger.Level.DEBUG, "query to {0} for {1} {2} failed: {3}",
                            server.label(), name, qtype, describe(e));
                }
            }
        }
        // An error answer says most about what is wrong, an I/O error next, silence least.
        if (rcode != null) {
            throw new FnsException.ServerFailure(name.toString(), qtype, rcode,
                    rcodeServer + " answered " + rcode + " for " + name + " " + qtype, null);
        }
        if (ioError != null) {
            throw new FnsException.ServerFailure(name.toString(), qtype, null,
                    "cannot query " + ioServer + " for " + name + " " + qtype + ": "
                            + describe(ioError), ioError);
        }
        int n = settings.attempts();
        throw new FnsException.Timeout(name.toString(), qtype, "no answer from "
                + servers.stream().map(Server::label).collect(Collectors.joining(", "))
                + " within " + human(settings.timeout()) + " for " + name + " " + qtype
                + " (" + n + (n == 1 ? " attempt)" : " attempts)"));
    }

    private List<Server> servers() {
        List<Server> servers = new ArrayList<>();
        if (settings.usesSystemNameservers()) {
            for (InetSocketAddress a : ResolverConfig.getCurrentConfig().servers()) {
                servers.add(new Server(format(a), null, a));
            }
        } else {
            for (Nameserver ns : settings.nameservers()) {
                servers.add(new Server(ns.toString(), ns, null));
            }
        }
        return servers;
    }

    private Message exchange(Server server, Name name, int type, Consumer<String> trace)
            throws IOException {
        InetSocketAddress address = server.address();
        Message query = newQuery(name, type, true);
        Message answer = udp(query, address);
        if (answer.getRcode() == Rcode.FORMERR && answer.getOPT() == null) {
            // A server that predates EDNS rejects the OPT record; RFC 6891 section 7 says to
            // retry without it.
            query = newQuery(name, type, false);
            answer = udp(query, address);
        }
        if (answer.getHeader().getFlag(Flags.TC)) {
            trace.accept("Answer truncated, executing query " + name + " IN " + type
                    + " over TCP using server " + server.label());
            answer = tcp(query, address);
        }
        return answer;
    }

    private static Message newQuery(Name name, int type, boolean edns) {
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        if (edns) {
            query.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0), Section.ADDITIONAL);
        }
        return query;
    }

    private Message udp(Message query, InetSocketAddress address) throws IOException {
        byte[] out = query.toWire();
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        try (DatagramSocket socket = new DatagramSocket()) {
            // Connected, so datagrams from anyone else are dropped by the kernel and an ICMP
            // "port unreachable" surfaces as an error instead of a long wait.
            socket.connect(address);
            socket.send(new DatagramPacket(out, out.length));
            byte[] buffer = new byte[MAX_MESSAGE];
            while (true) {
                socket.setSoTimeout(remainingMillis(deadline));
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message answer = parse(Arrays.copyOf(buffer, packet.getLength()));
                if (answers(query, answer)) {
                    return answer;
                }
                // A late answer to an earlier query (or a forgery): keep waiting for ours.
            }
        }
    }

    private Message tcp(Message query, InetSocketAddress address) throws IOException {
        byte[] out = query.toWire();
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        try (Socket socket = new Socket()) {
            socket.connect(address, remainingMillis(deadline));
            socket.setTcpNoDelay(true);
            byte[] framed = new byte[out.length + 2];
            framed[0] = (byte) (out.length >>> 8);
            framed[1] = (byte) out.length;
            System.arraycopy(out, 0, framed, 2, out.length);
            OutputStream os = socket.getOutputStream();
            os.write(framed);
            os.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            socket.setSoTimeout(remainingMillis(deadline));
            int length = in.readUnsignedShort();
            byte[] message = new byte[length];
            socket.setSoTimeout(remainingMillis(deadline));
            in.readFully(message);
            Message answer = parse(message);
            if (!answers(query, answer)) {
                throw new IOException("answer over TCP does not match the query");
            }
            return answer;
        }
    }

    private static Message parse(byte[] wire) throws IOException {
        try {
            return new Message(wire);
        } catch (IOException e) {
            throw new IOException("malformed answer (" + e.getMessage() + ")", e);
        }
    }

    private static boolean answers(Message query, Message answer) {
        if (answer.getHeader().getID() != query.getHeader().getID()
                || !answer.getHeader().getFlag(Flags.QR)) {
            return false;
        }
        Record q = query.getQuestion();
        Record a = answer.getQuestion();
        if (a == null) {
            // Error answers may omit the question; a success without one cannot be checked.
            return answer.getRcode() != Rcode.NOERROR;
        }
        return a.getName().equals(q.getName()) && a.getType() == q.getType()
                && a.getDClass() == q.getDClass();
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("timed out");
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Duration.ofNanos(left).toMillis()));
    }

    static String format(InetSocketAddress a) {
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** "5 s" or "300 ms", as people write timeouts. */
    static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        if (e instanceof UnknownHostException) {
            return "unknown nameserver host " + m;
        }
        if (e instanceof java.net.PortUnreachableException) {
            return "port unreachable";
        }
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
