package org.eson.fnap.fns;

/** Zone texts shared by the resolver tests. */
final class Zones {

    private Zones() {
    }

    /** The thesis PoC (chapter 7): agent fnaa.unix.ar, namespace flows.unix.ar, flows in it. */
    static final String UNIX_AR = """
            $ORIGIN unix.ar.
            $TTL 300
            @                IN SOA ns.unix.ar. hostmaster.unix.ar. 1 3600 600 86400 300
            @                IN NS  ns.unix.ar.
            ns               IN A   127.0.0.1
            fnaa      604800 IN SRV 0 0 61000 fnaa.unix.ar.
            fnaa      604800 IN A   127.0.0.1
            fnaa             IN AAAA ::1
            kf1              IN A   127.0.0.2
            v6only           IN AAAA 2001:db8::7
            alias            IN CNAME fnaa.unix.ar.
            alias2           IN CNAME alias.unix.ar.
            elsewhere        IN CNAME fnaa.syndeno.com.
            loop1            IN CNAME loop2.unix.ar.
            loop2            IN CNAME loop1.unix.ar.
            textonly         IN TXT "nothing to connect to"

            ; namespace flows.unix.ar (thesis 6.3.2)
            _flow._tcp.flows IN SRV 0 0 61000 fnaa.unix.ar.
            _flow._tcp.flows IN TXT "tls"
            ; a namespace whose FNAA is decidedly not available
            _flow._tcp.closed IN SRV 0 0 0 .

            ; flow time.flows.unix.ar, the full layout
            time.flows                    IN PTR _flow._tcp.time.flows.unix.ar.
            _flow._tcp.time.flows         IN SRV 0 0 61000 fnaa.unix.ar.
            _flow._tcp.time.flows         IN TXT "tls"
            _queue._flow._tcp.time.flows  IN SRV 0 0 9092 kf1.unix.ar.
            _queue._flow._tcp.time.flows  IN TXT "broker-type=kafka" "tls" "topic=time.flows.unix.ar"

            ; PTR present but nothing behind it
            nosrv.flows                   IN PTR _flow._tcp.nosrv.flows.unix.ar.
            ; PTR target exists but has no SRV
            nodata.flows                  IN PTR _flow._tcp.nodata.flows.unix.ar.
            _flow._tcp.nodata.flows       IN TXT "tls"
            ; FNAA decidedly not available
            down.flows                    IN PTR _flow._tcp.down.flows.unix.ar.
            _flow._tcp.down.flows         IN SRV 0 0 0 .

            ; broker not reachable as host:port (in-process)
            mem.flows                     IN PTR _flow._tcp.mem.flows.unix.ar.
            _flow._tcp.mem.flows          IN SRV 0 0 61000 fnaa.unix.ar.
            _queue._flow._tcp.mem.flows   IN SRV 0 0 0 .
            _queue._flow._tcp.mem.flows   IN TXT "broker-type=memory" "topic=mem.flows.unix.ar"

            ; no queue published, plaintext FNAA
            bare.flows                    IN PTR _flow._tcp.bare.flows.unix.ar.
            _flow._tcp.bare.flows         IN SRV 0 0 61000 fnaa.unix.ar.

            ; queue without broker type
            notype.flows                  IN PTR _flow._tcp.notype.flows.unix.ar.
            _flow._tcp.notype.flows       IN SRV 0 0 61000 fnaa.unix.ar.
            _queue._flow._tcp.notype.flows IN SRV 0 0 9092 kf1.unix.ar.

            ; TXT parsing: several strings, bare keys, '=' in values, case, duplicates, junk
            props.flows                   IN PTR _flow._tcp.props.flows.unix.ar.
            _flow._tcp.props.flows        IN SRV 0 0 61000 fnaa.unix.ar.
            _flow._tcp.props.flows        IN TXT "tls=false" "note=plaintext on purpose"
            _queue._flow._tcp.props.flows IN SRV 0 0 0 .
            _queue._flow._tcp.props.flows IN TXT "Broker-Type=SQS" "url=https://sqs.us-east-1.amazonaws.com/1/q?a=b&c=d" "TLS" "region=us-east-1" "REGION=eu-west-1" "=orphan" "" "empty=" "fifo"

            ; several targets, priorities and weights
            multi.flows                   IN PTR _flow._tcp.multi.flows.unix.ar.
            _flow._tcp.multi.flows        IN SRV 10 3 61001 a.unix.ar.
            _flow._tcp.multi.flows        IN SRV 10 1 61002 b.unix.ar.
            _flow._tcp.multi.flows        IN SRV 20 0 61003 c.unix.ar.
            _flow._tcp.multi.flows        IN SRV 5 0 61000 primary.unix.ar.
            _queue._flow._tcp.multi.flows IN SRV 0 1 9092 kf1.unix.ar.
            _queue._flow._tcp.multi.flows IN SRV 0 1 9093 kf2.unix.ar.
            _queue._flow._tcp.multi.flows IN SRV 1 0 9094 kf3.unix.ar.
            _queue._flow._tcp.multi.flows IN TXT "broker-type=kafka"

            ; an answer too big for 1232 octets of UDP
            big.flows                     IN PTR _flow._tcp.big.flows.unix.ar.
            _flow._tcp.big.flows          IN SRV 0 0 61000 fnaa.unix.ar.
            _queue._flow._tcp.big.flows   IN SRV 0 0 9092 kf1.unix.ar.
            _queue._flow._tcp.big.flows   IN TXT "broker-type=kafka" "%1$s" "%1$s" "%1$s" "%1$s" "%1$s" "%1$s"
            """.formatted("x=" + "y".repeat(240));

    /** Annex B: syndeno.com with the delegated namespace people.syndeno.com. */
    static final String SYNDENO_COM = """
            $ORIGIN syndeno.com.
            $TTL 21600
            @        IN SOA ns.syndeno.com. hostmaster.syndeno.com. 1 3600 600 86400 300
            @        IN NS  ns.syndeno.com.
            ns       IN A   127.0.0.1
            fnaa     IN A   208.68.163.200
            kafka    IN A   208.68.163.218
            people   IN NS  ns.syndeno.com.
            finance  IN NS  ns.syndeno.com.
            """;

    /** The namespace of Annex B. */
    static final String PEOPLE_SYNDENO_COM = """
            $ORIGIN people.syndeno.com.
            $TTL 21600
            @  IN SOA ns.syndeno.com. hostmaster.syndeno.com. 1 3600 600 86400 300
            @  IN NS  ns.syndeno.com.
            notifications.calendar                 21600 IN PTR _flow._tcp.notifications.calendar.people.syndeno.com.
            _flow._tcp.notifications.calendar        875 IN SRV 30 30 65432 fnaa.syndeno.com.
            _flow._tcp.notifications.calendar        875 IN TXT "tls"
            _queue._flow._tcp.notifications.calendar 875 IN SRV 30 30 9092 kafka.syndeno.com.
            _queue._flow._tcp.notifications.calendar 875 IN TXT "broker-type=kafka" "tls" "topic=notifications.calendar.people.syndeno.com"
            _flow._tcp                               875 IN SRV 30 30 65432 fnaa.syndeno.com.
            _flow._tcp                               875 IN TXT "tls"
            """;

    /** The second Annex C example, plaintext Kafka with two brokers. */
    static final String FINANCE_SYNDENO_COM = """
            $ORIGIN finance.syndeno.com.
            $TTL 3600
            @  IN SOA ns.syndeno.com. hostmaster.syndeno.com. 1 3600 600 86400 300
            @  IN NS  ns.syndeno.com.
            created.invoice                   IN PTR _flow._tcp.created.invoice.finance.syndeno.com.
            _flow._tcp.created.invoice        IN SRV 0 0 65432 fnaa.syndeno.com.
            _queue._flow._tcp.created.invoice IN SRV 0 0 9092 kafka.syndeno.com.
            _queue._flow._tcp.created.invoice IN SRV 1 0 9093 kafka-2.syndeno.com.
            _queue._flow._tcp.created.invoice IN TXT "broker-type=kafka" "topic=created.invoice.finance.syndeno.com"
            """;
}
