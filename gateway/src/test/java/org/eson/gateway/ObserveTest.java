package org.eson.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.eson.gateway.support.RawSession;
import org.eson.gateway.support.TestGateways;

/** Health and Prometheus metrics on the HTTP listener. */
class ObserveTest {

    @TempDir
    Path dataDir;
    Gateway gateway;
    HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        gateway = TestGateways.start(dataDir);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthIsUpWhenStoreAndBrokersAre() throws Exception {
        assertThat(get("/observe/health/live").statusCode()).isEqualTo(200);
        var ready = get("/observe/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\":\"UP\"").contains("local");
    }

    @Test
    void readinessFailsWhenABrokerIsDown() throws Exception {
        gateway.brokers().adapter("local").close();
        var ready = get("/observe/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("DOWN");
        assertThat(get("/observe/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsCountSessionsCommandsFailuresAndFlows() throws Exception {
        try (var session = RawSession.connect(gateway.fnapPort())) {
            session.readLine();
            session.exchange("AUTHENTICATE PLAIN AHRlc3QAd3Jvbmc=");
            session.authenticate("test", "test");
            session.exchange("CREATE FLOW time.flows.unix.ar");
            session.exchange("DESCRIBE FLOW missing.flows.unix.ar");
            var metrics = get("/observe/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
            assertThat(metrics.body())
                    .contains("eson_fnap_sessions_open 1")
                    .contains("eson_fnap_authentication_failures_total 1")
                    .contains("eson_fnap_commands_total{verb=\"CREATE FLOW\",class=\"2xx\"} 1")
                    .contains("eson_fnap_commands_total{verb=\"DESCRIBE FLOW\",class=\"5xx\"} 1")
                    .contains("eson_fnap_commands_total{verb=\"AUTHENTICATE\",class=\"5xx\"} 1")
                    .contains("eson_fnap_commands_total{verb=\"AUTHENTICATE\",class=\"2xx\"} 1")
                    .contains("eson_flows{namespace=\"flows.unix.ar\"} 1");
        }
    }
}
