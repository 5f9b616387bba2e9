package org.eson.gateway.processors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.eson.gateway.flows.store.JdbcRegistryStore;
import org.eson.gateway.flows.store.ProcessorRow;

/** A bridge from a remote copy flow is stored with the remote DESCRIBE, so it can attach again after a restart. */
class RemoteFlowPersistenceTest {

    @TempDir
    Path dir;

    @Test
    void aRemoteSourceRoundTripsThroughTheStore() {
        var remote = new RemoteFlow("Abcd1234.time.flows.unix.ar", Map.of("flow", "abcd1234.time.flows.unix.ar",
                "type", "kafka", "topic", "abcd1234.time.flows.unix.ar", "server", "kf1.unix.ar:9092", "tls", "false",
                RemoteFlow.PEER, "fnaa.unix.ar"));
        assertThat(remote.flow()).isEqualTo("abcd1234.time.flows.unix.ar");
        assertThat(remote.type()).isEqualTo("kafka");
        assertThat(RemoteFlow.parse(remote.flow(), remote.toText())).isEqualTo(remote);
        var spec = ProcessorSpec.bridge(remote, new LocalFlow("time.flows.emiliano.ar", "local"),
                ProcessorSettings.defaults());
        Instant now = Instant.parse("2026-12-03T12:00:00Z");
        ProcessorRow row = ProcessorRuntime.row(spec, ProcessorState.CREATED, now, now);
        assertThat(row.sourceBroker()).isEqualTo("remote:kafka");
        assertThat(row.sourceRemote()).isPresent();
        assertThat(row.sinkRemote()).isEmpty();
        try (JdbcRegistryStore store = JdbcRegistryStore.openH2(dir)) {
            assertThat(store.insertProcessor(row)).isTrue();
            assertThat(store.processors()).containsExactly(row);
            assertThat(ProcessorRuntime.spec(store.processors().getFirst())).isEqualTo(spec);
        }
    }

    @Test
    void deadLettersOfARemoteSourceGoToTheLocalSinksBroker() {
        var remote = new RemoteFlow("c.flows.unix.ar", Map.of("type", "memory"));
        var spec = ProcessorSpec.bridge(remote, new LocalFlow("t.flows.emiliano.ar", "local"), ProcessorSettings.defaults());
        assertThat(BridgeProcessor.deadLetterHome(spec)).isEqualTo(new LocalFlow("c.flows.unix.ar", "local"));
    }
}
