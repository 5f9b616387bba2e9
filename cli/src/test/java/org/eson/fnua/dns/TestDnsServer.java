package org.eson.fnua.dns;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;

/**
 * A small authoritative DNS server for tests: one dnsjava {@link Zone} built from zone-file text,
 * served over UDP and TCP on the same free loopback port. It can be told to stay silent (for
 * timeouts) or to answer SERVFAIL, and it records every question it was asked.
 *
 * <p>Answers are what an authoritative server gives: the RRset (or a CNAME) with AA set,
 * NXDOMAIN or NODATA with the SOA in the authority section, REFUSED for names outside the zone.
 * UDP answers over 512 octets are truncated (TC), so that clients retry over TCP.
 */
public final class TestDnsServer implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final Zone zone;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final List<String> questions = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean silent;
    private volatile boolean serverFailure;
    private volatile boolean closed;

    private TestDnsServer(Zone zone) throws IOException {
        this.zone = zone;
        DatagramSocket u = null;
        ServerSocket t = null;
        for (int attempt = 0; attempt < 50 && u == null; attempt++) {
            t = new ServerSocket(0, 50, InetAddress.getByName(HOST));
            try {
                u = new DatagramSocket(t.getLocalPort(), InetAddress.getByName(HOST));
            } catch (SocketException inUse) {
                t.close();
                t = null;
            }
        }
        if (u == null) {
            throw new IOException("no loopback port free for both UDP and TCP");
        }
        this.udp = u;
        this.tcp = t;
        threads.add(Thread.ofVirtual().name("test-dns-udp").start(this::serveUdp));
        threads.add(Thread.ofVirtual().name("test-dns-tcp").start(this::acceptTcp));
    }

    /**
     * @param origin  the zone apex, e.g. {@code unix.ar}
     * @param records zone-file lines (relative names are relative to the apex); SOA, NS and an
     *                A record for {@code ns.<origin>} are added
     * @return a running server
     * @throws IOException if the zone text does not parse or no port can be bound
     */
    public static TestDnsServer start(String origin, String... records) throws IOException {
        Name apex = Name.fromString(origin.endsWith(".") ? origin : origin + ".");
        StringBuilder text = new StringBuilder()
                .append("$ORIGIN ").append(apex).append('\n')
                .append("$TTL 300\n")
                .append("@ IN SOA ns hostmaster 1 3600 600 86400 60\n")
                .append("@ IN NS ns\n")
                .append("ns IN A 127.0.0.1\n");
        for (String r : records) {
            text.append(r).append('\n');
        }
        Zone zone = new Zone(apex, new ByteArrayInputStream(
                text.toString().getBytes(StandardCharsets.UTF_8)));
        return new TestDnsServer(zone);
    }

    /**
     * @return the port, the same for UDP and TCP
     */
    public int port() {
        return udp.getLocalPort();
    }

    /**
     * @return {@code 127.0.0.1:port}, as {@code --nameserver} takes it
     */
    public String address() {
        return HOST + ":" + port();
    }

    /**
     * @param value whether to swallow every query without answering
     * @return this
     */
    public TestDnsServer silent(boolean value) {
        this.silent = value;
        return this;
    }

    /**
     * @param value whether to answer every query with SERVFAIL
     * @return this
     */
    public TestDnsServer serverFailure(boolean value) {
        this.serverFailure = value;
        return this;
    }

    /**
     * @return every question received, as {@code name TYPE} (e.g. {@code fnaa.unix.ar. SRV})
     */
    public List<String> questions() {
        return List.copyOf(questions);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        udp.close();
        tcp.close();
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void serveUdp() {
        byte[] buffer = new byte[65535];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
                byte[] query = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
                byte[] answer = answer(query, 512);
                if (answer != null) {
                    udp.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void acceptTcp() {
        while (!closed) {
            Socket socket;
            try {
                socket = tcp.accept();
            } catch (IOException e) {
                return;
            }
            Thread.ofVirtual().name("test-dns-tcp-session").start(() -> serveTcp(socket));
        }
    }

    private void serveTcp(Socket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            while (true) {
                int length = in.readUnsignedShort();
                byte[] query = in.readNBytes(length);
                byte[] answer = answer(query, 65535);
                if (answer == null) {
                    // Silent: keep the connection open and unanswered until the client leaves.
                    continue;
                }
                out.writeShort(answer.length);
                out.write(answer);
                out.flush();
            }
        } catch (IOException e) {
            // The client closed the connection.
        }
    }

    /** @return the wire answer, or null to stay silent */
    private byte[] answer(byte[] wire, int maxLength) {
        Message query;
        try {
            query = new Message(wire);
        } catch (IOException e) {
            return null;
        }
        Record question = query.getQuestion();
        if (question == null) {
            return null;
        }
        questions.add(question.getName() + " " + Type.string(question.getType()));
        if (silent) {
            return null;
        }
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.addRecord(question, Section.QUESTION);
        if (serverFailure) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
            return response.toWire(maxLength);
        }
        Name name = question.getName();
        if (!name.subdomain(zone.getOrigin())) {
            response.getHeader().setRcode(Rcode.REFUSED);
            return response.toWire(maxLength);
        }
        response.getHeader().setFlag(Flags.AA);
        SetResponse found = zone.findRecords(name, question.getType());
        if (found.isSuccessful()) {
            for (RRset set : found.answers()) {
                set.rrs().forEach(r -> response.addRecord(r, Section.ANSWER));
            }
        } else if (found.isCNAME()) {
            response.addRecord(found.getCNAME(), Section.ANSWER);
        } else {
            if (found.isNXDOMAIN()) {
                response.getHeader().setRcode(Rcode.NXDOMAIN);
            }
            response.addRecord(zone.getSOA(), Section.AUTHORITY);
        }
        return response.toWire(maxLength);
    }
}
