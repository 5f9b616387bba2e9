package org.eson.fnap.fns;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;

/**
 * A small authoritative DNS server on 127.0.0.1, UDP and TCP on one port, answering from dnsjava
 * {@link Zone}s parsed from zone-file text. Real sockets and real DNS messages, so the resolver is
 * tested exactly as it talks to BIND; the switches (silence, SERVFAIL, forced truncation) produce
 * the failures a real server is hard to coax into on demand.
 */
final class TestDnsServer implements AutoCloseable {

    /** How the server reacts to every query. */
    enum Mode {
        /** Answers from the zones. */
        ANSWER,
        /** Reads queries and never answers (neither UDP nor TCP). */
        SILENT,
        /** Answers every query with SERVFAIL. */
        SERVFAIL,
        /** Answers every query with REFUSED. */
        REFUSED
    }

    /** Transport and question of one received query, e.g. {@code udp time.flows.unix.ar. PTR}. */
    record Query(String transport, String name, String type) {
        @Override
        public String toString() {
            return transport + " " + name + " " + type;
        }
    }

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private volatile Map<Name, Zone> zones = Map.of();
    private final List<Query> queries = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger udpCount = new AtomicInteger();
    private final AtomicInteger tcpCount = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile Mode mode = Mode.ANSWER;
    private volatile boolean truncateUdp;
    private volatile boolean closed;

    private TestDnsServer(ServerSocket tcp, DatagramSocket udp) {
        this.tcp = tcp;
        this.udp = udp;
        start("dns-udp", this::serveUdp);
        start("dns-tcp", this::acceptTcp);
    }

    private static TestDnsServer bind() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        // DNS serves UDP and TCP on the same port; retry until both are free together.
        IOException last = null;
        for (int i = 0; i < 20; i++) {
            ServerSocket s = new ServerSocket(0, 50, loopback);
            try {
                return new TestDnsServer(s,
                        new DatagramSocket(new InetSocketAddress(loopback, s.getLocalPort())));
            } catch (SocketException e) {
                last = e;
                s.close();
            }
        }
        throw new IOException("no port free for both UDP and TCP", last);
    }

    /**
     * @param zoneTexts zone files, each starting with {@code $ORIGIN} and holding SOA and NS
     * @return a running server
     */
    static TestDnsServer start(String... zoneTexts) throws IOException {
        TestDnsServer server = bind();
        server.setZones(zoneTexts);
        return server;
    }

    /** Replaces all zones at once, as a reload of a real server would. */
    void setZones(String... zoneTexts) throws IOException {
        Map<Name, Zone> fresh = new HashMap<>();
        for (String text : zoneTexts) {
            Zone zone = parseZone(text);
            fresh.put(zone.getOrigin(), zone);
        }
        zones = Map.copyOf(fresh);
    }

    static Zone parseZone(String text) throws IOException {
        String origin = text.lines().map(String::strip).filter(l -> l.startsWith("$ORIGIN"))
                .map(l -> l.substring("$ORIGIN".length()).strip()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("zone text needs $ORIGIN"));
        return new Zone(Name.fromString(origin),
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    void mode(Mode value) {
        mode = value;
    }

    /** While on, every UDP answer is sent empty with TC set, so the full one needs TCP. */
    void truncateUdp(boolean value) {
        truncateUdp = value;
    }

    Nameserver nameserver() {
        return new Nameserver("127.0.0.1", port());
    }

    int port() {
        return tcp.getLocalPort();
    }

    List<Query> queries() {
        return List.copyOf(queries);
    }

    int udpQueries() {
        return udpCount.get();
    }

    int tcpQueries() {
        return tcpCount.get();
    }

    private void start(String name, Runnable body) {
        Thread t = Thread.ofPlatform().daemon().name(name + "-" + tcp.getLocalPort()).start(body);
        threads.add(t);
    }

    private void serveUdp() {
        byte[] buffer = new byte[65535];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            byte[] request = Arrays.copyOf(packet.getData(), packet.getLength());
            udpCount.incrementAndGet();
            byte[] reply = handle(request, true);
            if (reply == null) {
                continue;
            }
            try {
                udp.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // The client went away; nothing to do.
            }
        }
    }

    private void acceptTcp() {
        while (!closed) {
            Socket s;
            try {
                s = tcp.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            connections.add(s);
            Thread.ofPlatform().daemon().name("dns-tcp-conn").start(() -> serveTcp(s));
        }
    }

    private void serveTcp(Socket s) {
        try (s) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (!closed) {
                int length;
                try {
                    length = in.readUnsignedShort();
                } catch (EOFException e) {
                    return;
                }
                byte[] request = new byte[length];
                in.readFully(request);
                tcpCount.incrementAndGet();
                byte[] reply = handle(request, false);
                if (reply == null) {
                    continue;
                }
                byte[] framed = new byte[reply.length + 2];
                framed[0] = (byte) (reply.length >>> 8);
                framed[1] = (byte) reply.length;
                System.arraycopy(reply, 0, framed, 2, reply.length);
                out.write(framed);
                out.flush();
            }
        } catch (IOException e) {
            // Connection closed by the client or by close().
        } finally {
            connections.remove(s);
        }
    }

    /** @return the answer in wire form, or null to stay silent */
    private byte[] handle(byte[] request, boolean overUdp) {
        Message query;
        try {
            query = new Message(request);
        } catch (IOException e) {
            return null;
        }
        Record question = query.getQuestion();
        if (question != null) {
            queries.add(new Query(overUdp ? "udp" : "tcp", question.getName().toString(),
                    Type.string(question.getType())));
        }
        Mode m = mode;
        if (m == Mode.SILENT) {
            return null;
        }
        Message response = new Message(query.getHeader().getID());
        Header h = response.getHeader();
        h.setFlag(Flags.QR);
        h.setOpcode(query.getHeader().getOpcode());
        if (query.getHeader().getFlag(Flags.RD)) {
            h.setFlag(Flags.RD);
        }
        OPTRecord opt = query.getOPT();
        int maxUdp = opt == null ? 512 : Math.max(512, Math.min(opt.getPayloadSize(), 4096));
        if (question == null) {
            h.setRcode(Rcode.FORMERR);
            return response.toWire();
        }
        response.addRecord(question, Section.QUESTION);
        if (m == Mode.SERVFAIL) {
            h.setRcode(Rcode.SERVFAIL);
        } else if (m == Mode.REFUSED) {
            h.setRcode(Rcode.REFUSED);
        } else {
            answer(question.getName(), question.getType(), response);
        }
        if (opt != null) {
            response.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
        }
        if (!overUdp) {
            return response.toWire();
        }
        if (truncateUdp) {
            Message empty = new Message(query.getHeader().getID());
            Header eh = empty.getHeader();
            for (int flag : new int[] {Flags.QR, Flags.AA, Flags.RD}) {
                if (h.getFlag(flag)) {
                    eh.setFlag(flag);
                }
            }
            eh.setFlag(Flags.TC);
            eh.setRcode(h.getRcode());
            empty.addRecord(question, Section.QUESTION);
            return empty.toWire();
        }
        // dnsjava drops what does not fit and sets TC, as a real server does.
        return response.toWire(maxUdp);
    }

    private void answer(Name qname, int qtype, Message response) {
        Header h = response.getHeader();
        Name name = qname;
        Zone first = zoneFor(qname);
        for (int hops = 0; hops <= 8; hops++) {
            Zone zone = zoneFor(name);
            if (zone == null || (hops > 0 && zone != first)) {
                if (hops == 0) {
                    h.setRcode(Rcode.REFUSED);
                }
                // The alias leaves the zone: like a server that is not authoritative for the
                // target, leave it to the client to ask again.
                return;
            }
            h.setFlag(Flags.AA);
            SetResponse sr = zone.findRecords(name, qtype);
            if (sr.isSuccessful()) {
                for (RRset set : sr.answers()) {
                    // Unrotated, so tests see one order; the resolver must not rely on it anyway.
                    set.rrs(false).forEach(r -> response.addRecord(r, Section.ANSWER));
                }
                return;
            }
            if (sr.isCNAME()) {
                response.addRecord(sr.getCNAME(), Section.ANSWER);
                name = sr.getCNAME().getTarget();
                continue;
            }
            if (sr.isDelegation()) {
                h.unsetFlag(Flags.AA);
                sr.getNS().rrs().forEach(r -> response.addRecord(r, Section.AUTHORITY));
                return;
            }
            if (sr.isNXDOMAIN()) {
                h.setRcode(Rcode.NXDOMAIN);
            }
            response.addRecord(zone.getSOA(), Section.AUTHORITY);
            return;
        }
    }

    private Zone zoneFor(Name name) {
        Zone best = null;
        for (Zone z : zones.values()) {
            if (name.subdomain(z.getOrigin())
                    && (best == null || z.getOrigin().labels() > best.getOrigin().labels())) {
                best = z;
            }
        }
        return best;
    }

    @Override
    public void close() {
        closed = true;
        udp.close();
        try {
            tcp.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Socket s : connections) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
