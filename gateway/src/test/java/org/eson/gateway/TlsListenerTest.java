package org.eson.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.eson.fnap.client.FnapClient;
import org.eson.fnap.client.FnapClientOptions;
import org.eson.fnap.client.FnapEndpoint;
import org.eson.gateway.config.ConfigurationException;
import org.eson.gateway.config.TlsListenerSettings;
import org.eson.gateway.support.RawSession;
import org.eson.gateway.support.TestGateways;
import org.eson.gateway.support.TestKeystores;

/** The implicit-TLS FNAP listener: handshake first, then the same protocol. */
class TlsListenerTest {

    @TempDir
    Path dir;

    private Gateway startWithTls(String alias) throws Exception {
        Path keystore = TestKeystores.serverKeystore(dir);
        var tls = new TlsListenerSettings("127.0.0.1", 0, keystore, "PKCS12", TestKeystores.PASSWORD, alias,
                TestKeystores.PASSWORD);
        return Gateway.start(TestGateways.withFnaps(TestGateways.thesisParticipant(dir.resolve("data")), tls));
    }

    @Test
    void greetingArrivesAfterTheHandshake() throws Exception {
        try (var gateway = startWithTls(TestKeystores.ALIAS)) {
            var context = TestKeystores.clientTrusting(dir.resolve("fnaa.p12"));
            try (var socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", gateway.fnapsPort().orElseThrow())) {
                socket.startHandshake();
                var session = RawSession.over(socket);
                assertThat(session.readRawLine()).isEqualTo("220 fnaa.unix.ar FNAA\r\n");
                session.authenticate("test", "test");
                assertThat(session.exchange("CREATE FLOW tls.flows.unix.ar")).containsExactly("220 OK tls.flows.unix.ar");
                assertThat(session.exchange("CAPABILITIES")).contains("tls=implicit");
            }
        }
    }

    @Test
    void theProtocolClientSpeaksTls() throws Exception {
        try (var gateway = startWithTls(TestKeystores.ALIAS)) {
            var options = FnapClientOptions.defaults()
                    .withSslContext(TestKeystores.clientTrusting(dir.resolve("fnaa.p12")));
            try (var client = FnapClient.connect(new FnapEndpoint("localhost", gateway.fnapsPort().orElseThrow(), true), options)) {
                assertThat(client.serverFqdn()).isEqualTo("fnaa.unix.ar");
                client.authenticatePlain("test", "test");
                assertThat(client.getNamespaces()).containsExactly("flows.unix.ar");
            }
        }
    }

    @Test
    void anUntrustedClientCannotHandshake() throws Exception {
        try (var gateway = startWithTls(TestKeystores.ALIAS)) {
            var socket = (SSLSocket) javax.net.ssl.SSLContext.getDefault().getSocketFactory()
                    .createSocket("127.0.0.1", gateway.fnapsPort().orElseThrow());
            try (socket) {
                assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
            }
        }
    }

    @Test
    void aWrongKeyAliasFailsAtStartWithTheAliasesPresent() {
        assertThatThrownBy(() -> startWithTls("nope"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no private key with alias 'nope'")
                .hasMessageContaining("fnaa");
    }
}
