package org.eson.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code fnaad demo --ticks 3}: A's ticks arrive at B through a real subscription. */
class DemoTest {

    @TempDir
    Path work;

    @Test
    @Timeout(20)
    void threeTicksPublishedAtAArriveAtB() throws Exception {
        int offset = freeOffset();
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code;
        try (var o = new PrintStream(out, true, StandardCharsets.UTF_8);
             var e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Demo.run(new String[] {"--port-offset", Integer.toString(offset), "--ticks", "3",
                    "--data-dir", work.toString()}, o, e);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed + err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed).containsPattern("B< time\\.flows\\.emiliano\\.ar SUBSCRIBED TO [a-z0-9]{8}\\.time\\.flows\\.unix\\.ar");
        for (int n = 1; n <= 3; n++) {
            assertThat(printed).contains("A published tick-" + n + " at ");
            assertThat(printed).containsPattern("B received tick-" + n + " \\(latency \\d+ ms\\)");
        }
        assertThat(printed).contains("Demo done: B received 3 of 3 ticks");
        assertThat(printed).contains("telnet 127.0.0.1 " + (Demo.A_FNAP + offset),
                "telnet 127.0.0.1 " + (Demo.B_FNAP + offset),
                "bin/fnua resolve time.flows.unix.ar --nameserver 127.0.0.1:" + (Demo.A_FNS + offset));
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("development setup");
        assertThat(work.resolve("demo-a")).isDirectory();
        assertThat(work.resolve("demo-b")).isDirectory();
        assertThat(Files.list(work.resolve("demo-a")).findAny()).isPresent();
    }

    /** An offset at which the demo's six TCP ports and the two FNS UDP ports are all free. */
    private static int freeOffset() {
        List<Integer> tcp = List.of(Demo.A_FNAP, Demo.A_FNS, Demo.A_HTTP, Demo.B_FNAP, Demo.B_FNS, Demo.B_HTTP);
        List<Integer> udp = List.of(Demo.A_FNS, Demo.B_FNS);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            // Keeps every port between 11000 and 65080, below most ephemeral ranges' busiest part.
            int offset = ThreadLocalRandom.current().nextInt(-40_000, 4_000);
            if (tcp.stream().allMatch(p -> tcpFree(p + offset)) && udp.stream().allMatch(p -> udpFree(p + offset))) {
                return offset;
            }
        }
        throw new IllegalStateException("no port offset with all demo ports free");
    }

    private static boolean tcpFree(int port) {
        try (var s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean udpFree(int port) {
        try (var s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
