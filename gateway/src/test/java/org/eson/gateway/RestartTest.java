package org.eson.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.eson.gateway.support.RawSession;
import org.eson.gateway.support.TestGateways;

/** Flows survive a restart: the registry is on disk and broker resources are re-ensured at start. */
class RestartTest {

    @TempDir
    Path dataDir;

    @Test
    void aRestartKeepsFlows() throws Exception {
        try (var gateway = TestGateways.start(dataDir);
             var session = RawSession.connect(gateway.fnapPort()).greetAndAuthenticate("test", "test")) {
            session.exchange("CREATE FLOW time.flows.unix.ar");
            session.exchange("CREATE FLOW notifications.calendar.flows.unix.ar");
            session.exchange("CREATE FLOW gone.flows.unix.ar");
            session.exchange("DELETE FLOW gone.flows.unix.ar");
        }
        try (var gateway = TestGateways.start(dataDir);
             var session = RawSession.connect(gateway.fnapPort()).greetAndAuthenticate("test", "test")) {
            assertThat(session.exchange("GET FLOWS")).containsExactly("220 DATA",
                    "notifications.calendar.flows.unix.ar", "time.flows.unix.ar", "220 OK");
            assertThat(session.exchange("DESCRIBE FLOW time.flows.unix.ar")).contains("topic=time.flows.unix.ar");
            assertThat(session.exchange("DESCRIBE FLOW gone.flows.unix.ar")).containsExactly("550 No such flow");
            assertThat(gateway.metrics().scrape()).contains("eson_flows{namespace=\"flows.unix.ar\"} 2");
        }
    }
}
