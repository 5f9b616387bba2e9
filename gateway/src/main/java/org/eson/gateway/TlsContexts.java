package org.eson.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.eson.gateway.config.ConfigurationException;
import org.eson.gateway.config.TlsListenerSettings;

/**
 * Builds the TLS listener's context from a keystore holding exactly the configured key alias:
 * a JDK key manager would otherwise pick any key, and a wrong alias would only show up as
 * handshakes failing later ("No available authentication scheme").
 */
final class TlsContexts {

    private TlsContexts() {
    }

    static SSLContext serverContext(TlsListenerSettings tls) {
        try (InputStream in = Files.newInputStream(tls.keystore())) {
            KeyStore source = KeyStore.getInstance(tls.keystoreType());
            source.load(in, tls.keystorePassword().toCharArray());
            if (!source.isKeyEntry(tls.keyAlias())) {
                throw new ConfigurationException(java.util.List.of("fnaa.fnaps.keystore: no private key with alias '"
                        + tls.keyAlias() + "' in " + tls.keystore() + "; aliases present: "
                        + String.join(", ", Collections.list(source.aliases()))));
            }
            char[] keyPassword = tls.keyPassword().toCharArray();
            KeyStore only = KeyStore.getInstance("PKCS12");
            only.load(null, null);
            only.setKeyEntry(tls.keyAlias(), source.getKey(tls.keyAlias(), keyPassword), keyPassword,
                    source.getCertificateChain(tls.keyAlias()));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(only, keyPassword);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigurationException(java.util.List.of("fnaa.fnaps.keystore: cannot load " + tls.keystore()
                    + ": " + e.getMessage()));
        }
    }
}
