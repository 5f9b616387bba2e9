package org.eson.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.eson.gateway.support.RawSession;
import org.eson.gateway.support.TestGateways;

/** The thesis's telnet transcripts of use cases 1 to 3 (section 7.4), byte for byte on every success line. */
class ThesisTranscriptTest {

    @TempDir
    Path dataDir;
    Gateway gateway;

    @BeforeEach
    void start() {
        gateway = TestGateways.start(dataDir);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    /** Use case 1, as the thesis's telnet session shows it. */
    private static void useCase1(RawSession telnet) throws Exception {
        assertThat(telnet.readRawLine()).isEqualTo("220 fnaa.unix.ar FNAA\r\n");
        telnet.send("AUTHENTICATE PLAIN");
        assertThat(telnet.readRawLine()).isEqualTo("220 OK\r\n");
        telnet.send("AHRlc3QAdGVzdA==");
        assertThat(telnet.readRawLine()).isEqualTo("220 Authenticated\r\n");
    }

    /** Use case 2 follows use case 1 on the same connection. */
    private static void useCase2(RawSession telnet) throws Exception {
        useCase1(telnet);
        telnet.send("CREATE FLOW time.flows.unix.ar");
        assertThat(telnet.readRawLine()).isEqualTo("220 OK time.flows.unix.ar\r\n");
    }

    @Test
    void useCase1AuthenticatingAUser() throws Exception {
        try (var telnet = RawSession.connect(gateway.fnapPort())) {
            useCase1(telnet);
        }
    }

    @Test
    void useCase2CreatingAFlow() throws Exception {
        try (var telnet = RawSession.connect(gateway.fnapPort())) {
            useCase2(telnet);
        }
    }

    @Test
    void useCase3DescribingAFlow() throws Exception {
        try (var telnet = RawSession.connect(gateway.fnapPort())) {
            useCase2(telnet);
            telnet.send("DESCRIBE FLOW time.flows.unix.ar");
            assertThat(telnet.readRawLine()).isEqualTo("220 DATA\r\n");
            assertThat(telnet.readRawLine()).isEqualTo("flow=time.flows.unix.ar\r\n");
            // The thesis ran Kafka; the embedded participant runs the memory broker, so type and server say so.
            assertThat(telnet.readRawLine()).isEqualTo("type=memory\r\n");
            assertThat(telnet.readRawLine()).isEqualTo("topic=time.flows.unix.ar\r\n");
            assertThat(telnet.readRawLine()).isEqualTo("server=memory://local\r\n");
            assertThat(telnet.readRawLine()).isEqualTo("tls=false\r\n");
            String line;
            do {
                line = telnet.readRawLine();
                assertThat(line).matches("[a-z][a-z0-9.-]*=.*\r\n|220 OK\r\n");
            } while (!line.equals("220 OK\r\n"));
            telnet.send("QUIT");
            assertThat(telnet.readRawLine()).isEqualTo("220 Bye\r\n");
            assertThat(telnet.isClosedByServer()).isTrue();
        }
    }
}
