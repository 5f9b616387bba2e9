package org.eson.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.eson.spi.BrokerException;
import org.junit.jupiter.api.Test;

class KafkaErrorsTest {

    private static BrokerException map(Throwable t) {
        return KafkaErrors.map("kf1", "test", t);
    }

    @Test
    void retriableFailures() {
        assertThat(map(new TimeoutException("slow"))).isInstanceOf(BrokerException.Retriable.class);
        assertThat(map(new java.util.concurrent.TimeoutException())).isInstanceOf(BrokerException.Retriable.class);
        assertThat(map(new ExecutionException(new DisconnectException("gone")))).isInstanceOf(BrokerException.Retriable.class);
        assertThat(map(new NotEnoughReplicasException("isr"))).isInstanceOf(BrokerException.Retriable.class);
        assertThat(map(new KafkaException(new ConfigException("No resolvable bootstrap urls given in bootstrap.servers"))))
                .isInstanceOf(BrokerException.Retriable.class);
    }

    @Test
    void fatalFailures() {
        assertThat(map(new TopicAuthorizationException("no"))).isInstanceOf(BrokerException.Fatal.class);
        assertThat(map(new ExecutionException(new SaslAuthenticationException("bad password")))).isInstanceOf(BrokerException.Fatal.class);
        assertThat(map(new InvalidConfigurationException("retention"))).isInstanceOf(BrokerException.Fatal.class);
        assertThat(map(new RecordTooLargeException("big"))).isInstanceOf(BrokerException.Fatal.class);
        assertThat(map(new KafkaException("Failed to create new KafkaAdminClient", new ConfigException("Invalid url"))))
                .isInstanceOf(BrokerException.Fatal.class).hasMessageContaining("Invalid url");
    }

    @Test
    void messagesNameTheBrokerAndTheOperation() {
        assertThat(map(new TimeoutException("slow"))).hasMessage("Kafka broker kf1: test failed: TimeoutException: slow");
    }
}
