package org.eson.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.eson.gateway.support.RawSession;
import org.eson.gateway.support.TestGateways;

/** AUTHENTICATE PLAIN in both forms and every way it can fail, over a real socket. */
class AuthenticationTest {

    @TempDir
    Path dataDir;
    Gateway gateway;
    RawSession session;

    @BeforeEach
    void start() throws Exception {
        gateway = TestGateways.start(dataDir);
        session = RawSession.connect(gateway.fnapPort());
        session.readLine();
    }

    @AfterEach
    void stop() throws Exception {
        session.close();
        gateway.close();
    }

    private static String plain(String authzid, String user, String password) {
        return Base64.getEncoder().encodeToString((authzid + "\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void oneLineFormAuthenticates() throws Exception {
        assertThat(session.exchange("AUTHENTICATE PLAIN " + plain("", "test", "test"))).containsExactly("220 Authenticated");
        assertThat(session.exchange("GET NAMESPACES")).containsExactly("220 DATA", "flows.unix.ar", "220 OK");
    }

    @Test
    void hashedPasswordUserAuthenticates() throws Exception {
        session.authenticate("alice", TestGateways.ALICE_PASSWORD);
        assertThat(session.exchange("GET NAMESPACES")).containsExactly("220 DATA", "flows.alice.example", "220 OK");
    }

    @Test
    void mechanismIsCaseInsensitive() throws Exception {
        assertThat(session.exchange("authenticate plain")).containsExactly("220 OK");
        assertThat(session.exchange(plain("", "test", "test"))).containsExactly("220 Authenticated");
    }

    @Test
    void matchingAuthorizationIdentityIsAccepted() throws Exception {
        assertThat(session.exchange("AUTHENTICATE PLAIN " + plain("test", "test", "test"))).containsExactly("220 Authenticated");
    }

    @Test
    void otherAuthorizationIdentityIsRefused() throws Exception {
        assertThat(session.exchange("AUTHENTICATE PLAIN " + plain("alice", "test", "test")))
                .containsExactly("535 Authentication failed");
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameReply() throws Exception {
        assertThat(session.exchange("AUTHENTICATE PLAIN " + plain("", "test", "wrong"))).containsExactly("535 Authentication failed");
        assertThat(session.exchange("AUTHENTICATE PLAIN " + plain("", "nobody", "test"))).containsExactly("535 Authentication failed");
    }

    @Test
    void badBase64IsASyntaxError() throws Exception {
        assertThat(session.exchange("AUTHENTICATE PLAIN")).containsExactly("220 OK");
        assertThat(session.exchange("%%%not-base64%%%")).containsExactly("501 Invalid authentication string");
    }

    @Test
    void messageWithoutTwoSeparatorsIsASyntaxError() throws Exception {
        String oneNul = Base64.getEncoder().encodeToString("test\0test".getBytes(StandardCharsets.UTF_8));
        assertThat(session.exchange("AUTHENTICATE PLAIN " + oneNul)).containsExactly("501 Invalid authentication string");
    }

    @Test
    void starCancels() throws Exception {
        assertThat(session.exchange("AUTHENTICATE PLAIN")).containsExactly("220 OK");
        assertThat(session.exchange("*")).containsExactly("501 Authentication cancelled");
        assertThat(session.exchange("GET FLOWS")).containsExactly("530 Authentication required");
    }

    @Test
    void unknownMechanismIs504() throws Exception {
        assertThat(session.exchange("AUTHENTICATE CRAM-MD5")).containsExactly("504 Unrecognized authentication mechanism");
    }

    @Test
    void sessionStaysUsableAfterAFailure() throws Exception {
        assertThat(session.exchange("AUTHENTICATE PLAIN " + plain("", "test", "wrong"))).containsExactly("535 Authentication failed");
        assertThat(session.exchange("NOOP")).containsExactly("220 OK");
        session.authenticate("test", "test");
        assertThat(session.exchange("CREATE FLOW a.flows.unix.ar")).containsExactly("220 OK a.flows.unix.ar");
    }

    @Test
    void secondAuthenticationIsABadSequence() throws Exception {
        session.authenticate("test", "test");
        assertThat(session.exchange("AUTHENTICATE PLAIN " + plain("", "alice", TestGateways.ALICE_PASSWORD)))
                .containsExactly("503 Already authenticated");
    }

    @Test
    void tooManyFailuresCloseTheSession() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertThat(session.exchange("AUTHENTICATE PLAIN " + plain("", "test", "guess" + i)))
                    .containsExactly("535 Authentication failed");
        }
        assertThat(session.exchange("AUTHENTICATE PLAIN " + plain("", "test", "guess4")))
                .containsExactly("421 fnaa.unix.ar Too many authentication failures");
        assertThat(session.isClosedByServer()).isTrue();
        assertThat(gateway.metrics().scrape()).contains("eson_fnap_authentication_failures_total 5");
    }

    @Test
    void overlongCredentialsLineEndsTheExchange() throws Exception {
        assertThat(session.exchange("AUTHENTICATE PLAIN")).containsExactly("220 OK");
        session.send("A".repeat(2000));
        assertThat(session.readReply()).containsExactly("500 Line too long");
        assertThat(session.exchange("GET FLOWS")).containsExactly("530 Authentication required");
    }
}
