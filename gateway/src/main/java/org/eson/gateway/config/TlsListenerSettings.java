package org.eson.gateway.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The implicit-TLS FNAP listener ({@code fnaa.fnaps}): where it binds and the keystore holding
 * the gateway's private key and certificate chain.
 *
 * @param keyPassword the private key's password; the loader defaults it to the keystore
 *                    password because PKCS12 files normally use one password for both
 */
public record TlsListenerSettings(String host,
                                  int port,
                                  Path keystore,
                                  String keystoreType,
                                  String keystorePassword,
                                  String keyAlias,
                                  String keyPassword) {

    public TlsListenerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(keystoreType, "keystoreType");
        Objects.requireNonNull(keystorePassword, "keystorePassword");
        Objects.requireNonNull(keyAlias, "keyAlias");
        Objects.requireNonNull(keyPassword, "keyPassword");
    }

    /** The bind address alone, for code that does not care about TLS material. */
    public ListenerSettings listener() {
        return new ListenerSettings(host, port);
    }

    // Records print every component; these end up in start-up logs and exception messages.
    @Override
    public String toString() {
        return "TlsListenerSettings[host=" + host + ", port=" + port + ", keystore=" + keystore
                + ", keystoreType=" + keystoreType + ", keystorePassword=" + Secrets.MASK
                + ", keyAlias=" + keyAlias + ", keyPassword=" + Secrets.MASK + "]";
    }
}
