package org.eson.gateway.support;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;

/** Plain, unsigned DNS queries to one server, the way any resolver would see the records. */
public final class Dns {

    private final int port;
    private final boolean tcp;

    private Dns(int port, boolean tcp) {
        this.port = port;
        this.tcp = tcp;
    }

    public static Dns udp(int port) {
        return new Dns(port, false);
    }

    public static Dns tcp(int port) {
        return new Dns(port, true);
    }

    public Message ask(String name, int type) throws IOException {
        var resolver = new SimpleResolver(InetAddress.getByName("127.0.0.1"));
        resolver.setPort(port);
        resolver.setTCP(tcp);
        resolver.setTimeout(Duration.ofSeconds(3));
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name.endsWith(".") ? name : name + "."),
                type, DClass.IN)));
    }

    public List<Record> query(String name, int type) throws IOException {
        return ask(name, type).getSection(Section.ANSWER);
    }

    public int rcode(String name, int type) throws IOException {
        return ask(name, type).getRcode();
    }

    /** The strings of a TXT record, unescaped. */
    public static List<String> strings(Record txt) {
        return ((TXTRecord) txt).getStrings();
    }
}
