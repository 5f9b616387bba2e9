package org.eson.fnap.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Implicit TLS against a self-signed certificate for {@code localhost}, made with keytool. */
@Timeout(60)
class FnapClientTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;

    private static SSLContext serverContext;
    private static SSLContext clientContext;

    @BeforeAll
    static void makeCertificate() throws Exception {
        Path keystore = dir.resolve("fnaa.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "fnaa",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true)
                .start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes());
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);

        Certificate certificate = keys.getCertificate("fnaa");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("fnaa", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, tmf.getTrustManagers(), null);
    }

    private static ScriptedServer tlsServer(ScriptedServer.Script script) throws Exception {
        SSLServerSocket socket = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket();
        return new ScriptedServer(socket, script);
    }

    @Test
    void sessionOverTlsWithSniAndHostnameVerification() throws Exception {
        List<List<SNIServerName>> requested = new CopyOnWriteArrayList<>();
        try (ScriptedServer server = tlsServer(s -> {
            SSLSocket ssl = (SSLSocket) s.socket;
            ssl.startHandshake();
            requested.add(((ExtendedSSLSession) ssl.getSession()).getRequestedServerNames());
            s.send("220 fnaa.unix.ar FNAA");
            s.expect("NOOP");
            s.send("220 OK");
            s.expect("QUIT");
            s.send("220 Bye");
        })) {
            FnapClientOptions options = FnapClientOptions.defaults().withSslContext(clientContext)
                    .withReadTimeout(Duration.ofSeconds(10));
            try (FnapClient client = FnapClient.connect(FnapEndpoint.tls("localhost", server.port()), options)) {
                assertThat(client.serverFqdn()).isEqualTo("fnaa.unix.ar");
                client.noop();
                client.quit();
            }
            assertThat(server.receivedBySingleSession()).isEqualTo("NOOP\r\nQUIT\r\n");
            assertThat(requested).containsExactly(List.of(new SNIHostName("localhost")));
        }
    }

    @Test
    void certificateNotNamingTheHostIsRejected() throws Exception {
        try (ScriptedServer server = tlsServer(s -> {
            s.send("220 fnaa.unix.ar FNAA");
        })) {
            FnapClientOptions options = FnapClientOptions.defaults().withSslContext(clientContext);
            assertThatThrownBy(() -> FnapClient.connect(FnapEndpoint.tls("127.0.0.1", server.port()), options))
                    .isExactlyInstanceOf(FnapException.class)
                    .hasMessageStartingWith("TLS handshake with 127.0.0.1:" + server.port() + " failed: ");
        }
    }

    @Test
    void untrustedCertificateIsRejected() throws Exception {
        try (ScriptedServer server = tlsServer(s -> {
            s.send("220 fnaa.unix.ar FNAA");
        })) {
            // The default context trusts only the JDK's CA certificates.
            assertThatThrownBy(() -> FnapClient.connect(FnapEndpoint.tls("localhost", server.port()),
                    FnapClientOptions.defaults()))
                    .isExactlyInstanceOf(FnapException.class)
                    .hasMessageStartingWith("TLS handshake with localhost:" + server.port() + " failed: ");
        }
    }

    @Test
    void plaintextClientAgainstTlsListenerTimesOutCleanly() throws Exception {
        try (ScriptedServer server = tlsServer(s -> {
            s.send("220 fnaa.unix.ar FNAA");
        })) {
            FnapClientOptions options = FnapClientOptions.defaults().withReadTimeout(Duration.ofMillis(500));
            assertThatThrownBy(() -> FnapClient.connect(FnapEndpoint.plain("localhost", server.port()), options))
                    .isInstanceOf(FnapException.class);
        }
    }
}
