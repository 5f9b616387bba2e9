package org.eson.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.eson.gateway.config.SessionSettings;
import org.eson.gateway.support.RawSession;
import org.eson.gateway.support.TestGateways;

/** The session cap, the idle timeout and a clean shutdown, each announced with a 421. */
class SessionLimitsTest {

    @TempDir
    Path dataDir;

    @Test
    void sessionsPastTheCapAreTurnedAway() throws Exception {
        var config = TestGateways.withSessions(TestGateways.thesisParticipant(dataDir),
                new SessionSettings(3, Duration.ofMinutes(5), 5));
        try (var gateway = Gateway.start(config)) {
            var open = new ArrayList<RawSession>();
            try {
                for (int i = 0; i < 3; i++) {
                    var session = RawSession.connect(gateway.fnapPort());
                    assertThat(session.readLine()).isEqualTo("220 fnaa.unix.ar FNAA");
                    open.add(session);
                }
                try (var fourth = RawSession.connect(gateway.fnapPort())) {
                    assertThat(fourth.readLine()).isEqualTo("421 fnaa.unix.ar Too many sessions, try again later");
                    assertThat(fourth.isClosedByServer()).isTrue();
                }
                assertThat(open.get(0).exchange("QUIT")).containsExactly("220 Bye");
                assertThat(open.get(0).isClosedByServer()).isTrue();
                // The slot is free again once the server has finished with the closed session.
                RawSession again = null;
                for (int attempt = 0; attempt < 50 && again == null; attempt++) {
                    var candidate = RawSession.connect(gateway.fnapPort());
                    if (candidate.readLine().startsWith("220 ")) {
                        again = candidate;
                    } else {
                        candidate.close();
                        Thread.sleep(20);
                    }
                }
                assertThat(again).isNotNull();
                open.add(again);
                assertThat(gateway.metrics().scrape()).contains("eson_fnap_sessions_rejected_total");
            } finally {
                for (var session : open) {
                    session.close();
                }
            }
        }
    }

    @Test
    void idleSessionsAreClosedWithA421() throws Exception {
        var config = TestGateways.withSessions(TestGateways.thesisParticipant(dataDir),
                new SessionSettings(10, Duration.ofMillis(500), 5));
        try (var gateway = Gateway.start(config);
             var session = RawSession.connect(gateway.fnapPort())) {
            session.readLine();
            assertThat(session.exchange("NOOP")).containsExactly("220 OK");
            assertThat(session.readLine()).isEqualTo("421 fnaa.unix.ar Idle timeout");
            assertThat(session.isClosedByServer()).isTrue();
        }
    }

    @Test
    void shutdownTellsEveryOpenSession() throws Exception {
        var gateway = TestGateways.start(dataDir);
        try (var first = RawSession.connect(gateway.fnapPort());
             var second = RawSession.connect(gateway.fnapPort()).greetAndAuthenticate("test", "test")) {
            first.readLine();
            gateway.close();
            assertThat(first.readLine()).isEqualTo("421 fnaa.unix.ar Service shutting down");
            assertThat(second.readLine()).isEqualTo("421 fnaa.unix.ar Service shutting down");
            assertThat(first.isClosedByServer()).isTrue();
            assertThat(second.isClosedByServer()).isTrue();
        } finally {
            gateway.close();
        }
    }
}
