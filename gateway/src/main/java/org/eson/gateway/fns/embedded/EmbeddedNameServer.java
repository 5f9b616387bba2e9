package org.eson.gateway.fns.embedded;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;

/**
 * Serves dnsjava {@link Zone}s over UDP and TCP on one port, answering authoritatively and
 * applying the subset of RFC 2136 the gateway's registrar sends. Updates come only from
 * loopback and are unsigned: this is a development server, and everything else is REFUSED
 * rather than half-supported.
 */
public final class EmbeddedNameServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EmbeddedNameServer.class.getName());
    private static final int UDP_DEFAULT_SIZE = 512;

    private final List<Zone> zones;
    private final ServerSocket tcp;
    private final DatagramSocket udp;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean closed;

    private EmbeddedNameServer(List<Zone> zones, ServerSocket tcp, DatagramSocket udp) {
        this.zones = List.copyOf(zones);
        this.tcp = tcp;
        this.udp = udp;
    }

    /** Binds UDP and TCP on {@code host:port} (0 picks a port free for both) and starts serving. */
    public static EmbeddedNameServer start(String host, int port, List<Zone> zones) {
        try {
            InetAddress address = InetAddress.getByName(host);
            IOException last = null;
            for (int attempt = 0; attempt < (port == 0 ? 50 : 1); attempt++) {
                ServerSocket tcp = new ServerSocket();
                tcp.setReuseAddress(true);
                try {
                    tcp.bind(new InetSocketAddress(address, port), 50);
                    DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, tcp.getLocalPort()));
                    var server = new EmbeddedNameServer(zones, tcp, udp);
                    server.workers.submit(server::acceptLoop);
                    server.workers.submit(server::udpLoop);
                    return server;
                } catch (BindException e) {
                    tcp.close();
                    last = e;
                }
            }
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + " for the embedded name server", last);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + " for the embedded name server: "
                    + e.getMessage(), e);
        }
    }

    public int port() {
        return tcp.getLocalPort();
    }

    public String host() {
        return tcp.getInetAddress().getHostAddress();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = tcp.accept();
                workers.submit(() -> serveTcp(socket));
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "event=fns.embedded.accept-failed detail=\"" + e.getMessage() + "\"");
                }
            }
        }
    }

    private void serveTcp(Socket socket) {
        try (socket; var in = new DataInputStream(socket.getInputStream());
             var out = new DataOutputStream(socket.getOutputStream())) {
            socket.setSoTimeout(30_000);
            socket.setTcpNoDelay(true);
            while (!closed) {
                int length;
                try {
                    length = in.readUnsignedShort();
                } catch (EOFException end) {
                    return;
                }
                byte[] request = in.readNBytes(length);
                if (request.length < length) {
                    return;
                }
                byte[] response = handle(request, socket.getInetAddress(), 65535);
                if (response != null) {
                    // Length prefix and message in one write: two small writes meet Nagle and the
                    // peer's delayed ACK, which cost ~40 ms per update.
                    byte[] framed = new byte[response.length + 2];
                    framed[0] = (byte) (response.length >>> 8);
                    framed[1] = (byte) response.length;
                    System.arraycopy(response, 0, framed, 2, response.length);
                    out.write(framed);
                    out.flush();
                }
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.log(Level.DEBUG, "event=fns.embedded.tcp-closed detail=\"" + e.getMessage() + "\"");
            }
        }
    }

    private void udpLoop() {
        byte[] buffer = new byte[65535];
        while (!closed) {
            try {
                var packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                byte[] request = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
                byte[] response = handle(request, packet.getAddress(), -1);
                if (response != null) {
                    udp.send(new DatagramPacket(response, response.length, packet.getSocketAddress()));
                }
            } catch (SocketException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "event=fns.embedded.udp-failed detail=\"" + e.getMessage() + "\"");
                }
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "event=fns.embedded.udp-failed detail=\"" + e.getMessage() + "\"");
            }
        }
    }

    /** One request to one response, {@code null} when it is too broken to answer. */
    byte[] handle(byte[] wire, InetAddress sender, int maxSize) {
        Message request;
        try {
            request = new Message(wire);
        } catch (IOException e) {
            return formErr(wire);
        }
        if (request.getHeader().getFlag(Flags.QR)) {
            return null;
        }
        Message response = new Message(request.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setOpcode(request.getHeader().getOpcode());
        if (request.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        Record question = request.getQuestion();
        if (question != null) {
            response.addRecord(question, Section.QUESTION);
        }
        int opcode = request.getHeader().getOpcode();
        if (request.isSigned()) {
            // We hold no keys: a signed request cannot be answered with the proof it expects.
            response.getHeader().setRcode(Rcode.REFUSED);
        } else if (opcode == Opcode.QUERY) {
            answer(request, response);
        } else if (opcode == Opcode.UPDATE) {
            response.getHeader().setRcode(update(request, sender));
        } else {
            response.getHeader().setRcode(Rcode.NOTIMP);
        }
        int limit = maxSize > 0 ? maxSize : udpLimit(request);
        return response.toWire(limit);
    }

    private static int udpLimit(Message request) {
        OPTRecord opt = request.getOPT();
        return opt == null ? UDP_DEFAULT_SIZE : Math.max(UDP_DEFAULT_SIZE, opt.getPayloadSize());
    }

    private static byte[] formErr(byte[] wire) {
        if (wire.length < 2) {
            return null;
        }
        var response = new Message(((wire[0] & 0xff) << 8) | (wire[1] & 0xff));
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setRcode(Rcode.FORMERR);
        return response.toWire();
    }

    private void answer(Message request, Message response) {
        Record question = request.getQuestion();
        if (question == null || question.getDClass() != DClass.IN) {
            response.getHeader().setRcode(question == null ? Rcode.FORMERR : Rcode.REFUSED);
            return;
        }
        Optional<Zone> zone = zoneFor(question.getName());
        if (zone.isEmpty()) {
            response.getHeader().setRcode(Rcode.REFUSED);
            return;
        }
        response.getHeader().setFlag(Flags.AA);
        Zone z = zone.get();
        SetResponse found;
        synchronized (z) {
            found = z.findRecords(question.getName(), question.getType());
        }
        if (found.isSuccessful()) {
            for (RRset set : found.answers()) {
                set.rrs(false).forEach(r -> response.addRecord(r, Section.ANSWER));
            }
            return;
        }
        if (found.isNXDOMAIN()) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        }
        // NXDOMAIN and NODATA both carry the SOA so resolvers can cache the negative answer.
        response.addRecord(z.getSOA(), Section.AUTHORITY);
    }

    private int update(Message request, InetAddress sender) {
        if (!sender.isLoopbackAddress()) {
            LOG.log(Level.WARNING, "event=fns.embedded.update-refused sender=" + sender.getHostAddress()
                    + " detail=updates are accepted from loopback only");
            return Rcode.REFUSED;
        }
        List<Record> zoneSection = request.getSection(Section.ZONE);
        if (zoneSection.size() != 1 || zoneSection.get(0).getType() != Type.SOA) {
            return Rcode.FORMERR;
        }
        Name zoneName = zoneSection.get(0).getName();
        Optional<Zone> zone = zones.stream().filter(z -> z.getOrigin().equals(zoneName)).findFirst();
        if (zone.isEmpty()) {
            return Rcode.NOTAUTH;
        }
        Zone z = zone.get();
        synchronized (z) {
            int prerequisites = checkPrerequisites(z, request.getSection(Section.PREREQ));
            if (prerequisites != Rcode.NOERROR) {
                return prerequisites;
            }
            List<Record> changes = request.getSection(Section.UPDATE);
            int prescan = prescan(z, changes);
            if (prescan != Rcode.NOERROR) {
                return prescan;
            }
            apply(z, changes);
        }
        return Rcode.NOERROR;
    }

    private int checkPrerequisites(Zone zone, List<Record> prerequisites) {
        Map<List<Object>, Set<Record>> valueDependent = new HashMap<>();
        for (Record r : prerequisites) {
            if (!r.getName().subdomain(zone.getOrigin())) {
                return Rcode.NOTZONE;
            }
            if (r.getTTL() != 0) {
                return Rcode.FORMERR;
            }
            boolean empty = isEmpty(r);
            if (r.getDClass() == DClass.ANY && r.getType() == Type.ANY && empty) {
                if (!inUse(zone, r.getName())) {
                    return Rcode.NXDOMAIN;
                }
            } else if (r.getDClass() == DClass.NONE && r.getType() == Type.ANY && empty) {
                if (inUse(zone, r.getName())) {
                    return Rcode.YXDOMAIN;
                }
            } else if (r.getDClass() == DClass.IN && !empty) {
                valueDependent.computeIfAbsent(List.of(r.getName(), r.getType()), k -> new HashSet<>()).add(r);
            } else {
                return Rcode.REFUSED;
            }
        }
        for (var entry : valueDependent.entrySet()) {
            Name name = (Name) entry.getKey().get(0);
            int type = (Integer) entry.getKey().get(1);
            RRset present = zone.findExactMatch(name, type);
            // RFC 2136 s3.2.3: the whole RRset must match, not merely contain the given records.
            if (present == null || !new HashSet<>(present.rrs(false)).equals(entry.getValue())) {
                return Rcode.NXRRSET;
            }
        }
        return Rcode.NOERROR;
    }

    private int prescan(Zone zone, List<Record> changes) {
        Name origin = zone.getOrigin();
        for (Record r : changes) {
            if (!r.getName().subdomain(origin)) {
                return Rcode.NOTZONE;
            }
            int type = r.getType();
            boolean apexBookkeeping = type == Type.SOA || (type == Type.NS && r.getName().equals(origin));
            if (r.getDClass() == DClass.IN) {
                if (isEmpty(r) || !Type.isRR(type) || type == Type.CNAME || type == Type.DNAME
                        || type == Type.NS || type == Type.SOA) {
                    return Rcode.REFUSED;
                }
            } else if (r.getDClass() == DClass.NONE) {
                if (r.getTTL() != 0 || isEmpty(r) || apexBookkeeping) {
                    return r.getTTL() != 0 ? Rcode.FORMERR : Rcode.REFUSED;
                }
            } else if (r.getDClass() == DClass.ANY) {
                if (type == Type.ANY || !isEmpty(r) || apexBookkeeping || !Type.isRR(type)) {
                    return Rcode.REFUSED;
                }
            } else {
                return Rcode.FORMERR;
            }
        }
        return Rcode.NOERROR;
    }

    private static void apply(Zone zone, List<Record> changes) {
        for (Record r : changes) {
            if (r.getDClass() == DClass.IN) {
                zone.addRecord(r);
            } else if (r.getDClass() == DClass.NONE) {
                zone.removeRecord(Record.newRecord(r.getName(), r.getType(), DClass.IN, 0, r.rdataToWireCanonical()));
            } else {
                RRset present = zone.findExactMatch(r.getName(), r.getType());
                if (present != null) {
                    zone.removeRRset(r.getName(), r.getType());
                }
            }
        }
    }

    private static boolean inUse(Zone zone, Name name) {
        SetResponse found = zone.findRecords(name, Type.ANY);
        return found.isSuccessful() && found.answers().stream().anyMatch(set -> set.getName().equals(name));
    }

    private static boolean isEmpty(Record r) {
        return r.rdataToWireCanonical().length == 0;
    }

    /** The longest zone holding {@code name}. */
    private Optional<Zone> zoneFor(Name name) {
        Zone best = null;
        for (Zone zone : zones) {
            if (name.subdomain(zone.getOrigin())
                    && (best == null || zone.getOrigin().labels() > best.getOrigin().labels())) {
                best = zone;
            }
        }
        return Optional.ofNullable(best);
    }

    /** A copy of every record now served, for diagnostics and tests. */
    public List<Record> records() {
        var all = new ArrayList<Record>();
        for (Zone zone : zones) {
            synchronized (zone) {
                zone.forEach(set -> all.addAll(set.rrs(false)));
            }
        }
        return all;
    }

    @Override
    public void close() {
        closed = true;
        try {
            tcp.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "event=fns.embedded.close-failed detail=\"" + e.getMessage() + "\"");
        }
        udp.close();
        workers.shutdownNow();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
