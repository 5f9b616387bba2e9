package org.eson.gateway.processors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.eson.gateway.flows.store.JdbcRegistryStore;
import org.eson.gateway.flows.store.ProcessorRow;

/** The processors table and the conversions the runtime stores through. */
class ProcessorPersistenceTest {

    @TempDir
    Path dir;

    @Test
    void settingsRoundTripThroughTheirTextForm() {
        var settings = ProcessorSettings.defaults().withBatchSize(7).withMaxAttempts(2).withDeadLetterFlow("bad.x");
        assertThat(settings.toText()).isEqualTo("batch-size=7\nmax-attempts=2\ndead-letter-flow=bad.x\n");
        assertThat(ProcessorSettings.parse(settings.toText())).isEqualTo(settings);
        assertThat(ProcessorSettings.parse("batch-size=3\nfuture-key=1\n"))
                .isEqualTo(ProcessorSettings.defaults().withBatchSize(3));
        assertThat(ProcessorSettings.defaults().deadLetterFlowFor("a.flows.unix.ar")).isEqualTo("dlq.a.flows.unix.ar");
        assertThatThrownBy(() -> ProcessorSettings.defaults().withBatchSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProcessorSpec("not-a-uuid", ProcessorKind.BRIDGE, new LocalFlow("a", "local"),
                new LocalFlow("b", "local"), ProcessorSettings.defaults())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theStoreKeepsUpdatesAndDeletesProcessors() {
        var spec = ProcessorSpec.bridge(new LocalFlow("a.flows.unix.ar", "local"), new LocalFlow("b.flows.unix.ar", "local"),
                ProcessorSettings.defaults());
        Instant now = Instant.parse("2026-01-02T03:04:05.123456789Z");
        ProcessorRow row = ProcessorRuntime.row(spec, ProcessorState.CREATED, now, now);
        try (var store = JdbcRegistryStore.openH2(dir)) {
            assertThat(store.insertProcessor(row)).isTrue();
            assertThat(store.insertProcessor(row)).isFalse();
            assertThat(store.processors()).containsExactly(row);
            assertThat(ProcessorRuntime.spec(store.processors().getFirst())).isEqualTo(spec);

            assertThat(store.updateProcessorState(spec.id(), "FAILED", Optional.of("x".repeat(2000)), now)).isTrue();
            ProcessorRow failed = store.processors().getFirst();
            assertThat(ProcessorState.parse(failed.state(), failed.failure().orElse(null)))
                    .isEqualTo(ProcessorState.failed("x".repeat(ProcessorRow.MAX_FAILURE)));

            var updated = spec.withSettings(spec.settings().withBatchSize(9));
            assertThat(store.updateProcessor(ProcessorRuntime.row(updated, ProcessorState.PAUSED, now, now))).isTrue();
        }
        try (var store = JdbcRegistryStore.openH2(dir)) {
            ProcessorRow reread = store.processors().getFirst();
            assertThat(reread.state()).isEqualTo("PAUSED");
            assertThat(reread.failure()).isEmpty();
            assertThat(ProcessorRuntime.spec(reread).settings().batchSize()).isEqualTo(9);
            assertThat(store.deleteProcessor(spec.id())).isTrue();
            assertThat(store.deleteProcessor(spec.id())).isFalse();
            assertThat(store.processors()).isEmpty();
            assertThat(store.updateProcessorState(spec.id(), "RUNNING", Optional.empty(), now)).isFalse();
        }
    }
}
