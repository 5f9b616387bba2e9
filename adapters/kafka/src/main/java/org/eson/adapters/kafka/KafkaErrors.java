package org.eson.adapters.kafka;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.eson.spi.BrokerException;

/**
 * Kafka's failures as {@link BrokerException}s: Kafka already splits them into retriable and
 * not (its {@link RetriableException} hierarchy), the adapter keeps that split and adds what
 * Kafka leaves open (a client-side timeout or an interrupted wait is retriable, a refused
 * credential or setting is fatal). Messages name the broker and the operation, never a setting's
 * value.
 */
final class KafkaErrors {

    private KafkaErrors() {
    }

    /** Strips the wrappers futures add. */
    static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof ExecutionException || current instanceof CompletionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    static boolean isUnknownTopic(Throwable t) {
        return unwrap(t) instanceof UnknownTopicOrPartitionException;
    }

    /**
     * @param what the operation and its subject, for the message ({@code "describe of flow x"})
     */
    static BrokerException map(String brokerName, String what, Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof BrokerException be) {
            return be;
        }
        String message = "Kafka broker " + brokerName + ": " + what + " failed: " + describe(t);
        if (t instanceof InterruptedException || t instanceof InterruptException) {
            Thread.currentThread().interrupt();
            return new BrokerException.Retriable(message, t);
        }
        if (isUnresolvableBootstrap(t)) {
            // DNS may answer later (a malformed address is a plain ConfigException: fatal, below).
            return new BrokerException.Retriable(message, t);
        }
        if (causedByConfig(t)) {
            // A client refused its settings (possibly wrapped in "Failed to create new KafkaAdminClient").
            return new BrokerException.Fatal(message, t);
        }
        if (t instanceof AuthenticationException || t instanceof AuthorizationException
                || t instanceof InvalidConfigurationException
                || t instanceof UnsupportedVersionException || t instanceof SerializationException) {
            return new BrokerException.Fatal(message, t);
        }
        if (t instanceof RetriableException || t instanceof java.util.concurrent.TimeoutException
                || t instanceof DisconnectException || t instanceof NetworkException
                || t instanceof java.io.IOException) {
            return new BrokerException.Retriable(message, t);
        }
        if (t instanceof ApiException) {
            // The broker answered and refused: asking again the same way will not help.
            return new BrokerException.Fatal(message, t);
        }
        if (t instanceof KafkaException) {
            // Client-side trouble (a closed client, a lost connection during close).
            return new BrokerException.Retriable(message, t);
        }
        return new BrokerException.Fatal(message, t);
    }

    /** Kafka clients refuse to be created when no bootstrap host resolves (a {@link ConfigException}). */
    static boolean isUnresolvableBootstrap(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConfigException && String.valueOf(t.getMessage()).contains("No resolvable bootstrap urls")) {
                return true;
            }
        }
        return false;
    }

    private static boolean causedByConfig(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConfigException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable t) {
        Throwable config = t;
        while (config != null && !(config instanceof ConfigException)) {
            config = config.getCause();
        }
        if (config != null && config != t) {
            return describe(config) + " (in " + t.getClass().getSimpleName() + ")";
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
