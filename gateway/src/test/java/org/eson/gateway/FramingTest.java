package org.eson.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.eson.gateway.support.RawSession;
import org.eson.gateway.support.TestGateways;

/** How the server frames what arrives on the socket: chunking, pipelining, limits, garbage. */
class FramingTest {

    @TempDir
    Path dataDir;
    Gateway gateway;
    RawSession session;

    @BeforeEach
    void start() throws Exception {
        gateway = TestGateways.start(dataDir);
        session = RawSession.connect(gateway.fnapPort()).greetAndAuthenticate("test", "test");
    }

    @AfterEach
    void stop() throws Exception {
        session.close();
        gateway.close();
    }

    @Test
    void aCommandSplitAcrossManyWrites() throws Exception {
        byte[] command = "CREATE FLOW time.flows.unix.ar\r\n".getBytes(StandardCharsets.US_ASCII);
        for (byte b : command) {
            session.sendRaw(new byte[] {b});
            Thread.sleep(2);
        }
        assertThat(session.readReply()).containsExactly("220 OK time.flows.unix.ar");
    }

    @Test
    void crAndLfInSeparateWrites() throws Exception {
        session.sendRaw("NOOP\r".getBytes(StandardCharsets.US_ASCII));
        Thread.sleep(20);
        session.sendRaw("\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(session.readReply()).containsExactly("220 OK");
    }

    @Test
    void manyCommandsInOneWriteAreAnsweredInOrder() throws Exception {
        var pipelined = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            pipelined.append("CREATE FLOW f").append(i).append(".flows.unix.ar\r\n");
        }
        pipelined.append("GET FLOWS\r\nNOOP\r\n");
        session.sendRaw(pipelined.toString().getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 50; i++) {
            assertThat(session.readReply()).containsExactly("220 OK f" + i + ".flows.unix.ar");
        }
        assertThat(session.readReply()).hasSize(52);
        assertThat(session.readReply()).containsExactly("220 OK");
    }

    @Test
    void bareLfEndsALine() throws Exception {
        session.sendRaw("NOOP\nCREATE FLOW lf.flows.unix.ar\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(session.readReply()).containsExactly("220 OK");
        assertThat(session.readReply()).containsExactly("220 OK lf.flows.unix.ar");
    }

    @Test
    void lineOfExactly1000OctetsIsAcceptedAnd1001IsNot() throws Exception {
        // 998 octets of content plus CRLF is the longest legal line.
        String longest = "NOOP" + " ".repeat(994);
        assertThat(longest).hasSize(998);
        assertThat(session.exchange(longest)).containsExactly("220 OK");
        assertThat(session.exchange(longest + " ")).containsExactly("500 Line too long");
        assertThat(session.exchange("NOOP")).containsExactly("220 OK");
    }

    @Test
    void oneMegabyteWithoutCrlfIsRefusedAsItStreamsIn() throws Exception {
        byte[] megabyte = new byte[1 << 20];
        java.util.Arrays.fill(megabyte, (byte) 'A');
        session.sendRaw(megabyte);
        // The reply comes before any line end: the server does not wait for (or keep) the whole line.
        assertThat(session.readReply()).containsExactly("500 Line too long");
        session.sendRaw(megabyte);
        session.sendRaw("\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(session.readReply()).containsExactly("220 OK");
        assertThat(session.exchange("GET NAMESPACES")).containsExactly("220 DATA", "flows.unix.ar", "220 OK");
    }

    @Test
    void binaryGarbageGetsErrorsAndTheSessionSurvives() throws Exception {
        var random = new Random(42);
        byte[] garbage = new byte[4096];
        random.nextBytes(garbage);
        for (int i = 0; i < garbage.length; i++) {
            if (garbage[i] == '\n') {
                garbage[i] = 0;
            }
        }
        session.sendRaw(garbage);
        session.sendRaw("\r\n".getBytes(StandardCharsets.US_ASCII));
        var reply = session.readReply();
        assertThat(reply).hasSize(1);
        assertThat(reply.get(0)).startsWith("500 ");
        byte[] invalidUtf8 = {'N', 'O', (byte) 0xC3, (byte) 0x28, '\r', '\n'};
        session.sendRaw(invalidUtf8);
        assertThat(session.readReply()).containsExactly("500 Syntax error: invalid UTF-8");
        session.sendRaw(new byte[] {'N', 'O', 0, 'P', '\r', '\n'});
        assertThat(session.readReply()).containsExactly("500 Syntax error: control character in command");
        assertThat(session.exchange("NOOP")).containsExactly("220 OK");
    }

    @Test
    void commandsAfterQuitInTheSameWriteAreIgnored() throws Exception {
        session.sendRaw("QUIT\r\nCREATE FLOW late.flows.unix.ar\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(session.readReply()).containsExactly("220 Bye");
        assertThat(session.isClosedByServer()).isTrue();
        try (var check = RawSession.connect(gateway.fnapPort()).greetAndAuthenticate("test", "test")) {
            assertThat(check.exchange("GET FLOWS")).containsExactly("220 DATA", "220 OK");
        }
    }
}
