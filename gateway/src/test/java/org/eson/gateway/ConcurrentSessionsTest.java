package org.eson.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.eson.gateway.support.RawSession;
import org.eson.gateway.support.TestGateways;

/** 200 sessions at once, all open together, each doing a full create/describe/list/delete cycle. */
class ConcurrentSessionsTest {

    private static final int SESSIONS = 200;

    @TempDir
    Path dataDir;

    @Test
    void twoHundredConcurrentSessions() throws Exception {
        try (var gateway = TestGateways.start(dataDir);
             var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var allConnected = new CyclicBarrier(SESSIONS);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                String flow = "s" + i + ".flows.unix.ar";
                results.add(pool.submit(() -> {
                    try (var session = RawSession.connect(gateway.fnapPort()).greetAndAuthenticate("test", "test")) {
                        allConnected.await(30, TimeUnit.SECONDS);
                        var replies = new ArrayList<String>();
                        replies.addAll(session.exchange("CREATE FLOW " + flow));
                        replies.add(session.exchange("DESCRIBE FLOW " + flow).get(1));
                        replies.addAll(session.exchange("DELETE FLOW " + flow));
                        replies.addAll(session.exchange("QUIT"));
                        return replies;
                    }
                }));
            }
            for (int i = 0; i < SESSIONS; i++) {
                String flow = "s" + i + ".flows.unix.ar";
                assertThat(results.get(i).get(60, TimeUnit.SECONDS))
                        .containsExactly("220 OK " + flow, "flow=" + flow, "220 OK " + flow, "220 Bye");
            }
            assertThat(gateway.metrics().commandCount("CREATE FLOW", "2xx")).isEqualTo(SESSIONS);
        }
    }
}
