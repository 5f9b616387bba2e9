package org.eson.fnap.client;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * Settings of an {@link FnapClient}.
 *
 * @param connectTimeout bound on TCP connect and on the TLS handshake
 * @param readTimeout    bound on waiting for each reply
 * @param sslContext     context for TLS endpoints; null means the JDK default (system trust store)
 * @param trace          receives the {@code C: ...} debug lines of the thesis CLI; null for none
 */
public record FnapClientOptions(Duration connectTimeout, Duration readTimeout, SSLContext sslContext,
        Consumer<String> trace) {

    /**
     * @throws IllegalArgumentException if a timeout is not positive
     */
    public FnapClientOptions {
        checkPositive(connectTimeout, "connectTimeout");
        checkPositive(readTimeout, "readTimeout");
    }

    /**
     * @return 10 s connect, 30 s read, default TLS, no trace
     */
    public static FnapClientOptions defaults() {
        return new FnapClientOptions(Duration.ofSeconds(10), Duration.ofSeconds(30), null, null);
    }

    /**
     * @param timeout new connect timeout
     * @return a copy with it
     */
    public FnapClientOptions withConnectTimeout(Duration timeout) {
        return new FnapClientOptions(timeout, readTimeout, sslContext, trace);
    }

    /**
     * @param timeout new read timeout
     * @return a copy with it
     */
    public FnapClientOptions withReadTimeout(Duration timeout) {
        return new FnapClientOptions(connectTimeout, timeout, sslContext, trace);
    }

    /**
     * @param context new TLS context, null for the JDK default
     * @return a copy with it
     */
    public FnapClientOptions withSslContext(SSLContext context) {
        return new FnapClientOptions(connectTimeout, readTimeout, context, trace);
    }

    /**
     * @param sink new trace sink, null for none
     * @return a copy with it
     */
    public FnapClientOptions withTrace(Consumer<String> sink) {
        return new FnapClientOptions(connectTimeout, readTimeout, sslContext, sink);
    }

    private static void checkPositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        if (d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " too large: " + d);
        }
    }
}
