package org.eson.gateway.flows.store;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eson.gateway.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What only another process can show: its lock on the data directory, and a crash mid-run. */
class JdbcRegistryStoreProcessTest {

    @TempDir
    Path dir;

    @Test
    void anotherProcessHoldingTheDirectoryIsReportedClearly() throws Exception {
        Process child = ChildJvm.builder(StoreChild.class, List.of(), Map.of(), "hold", dir.toString()).start();
        try {
            var reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            String line;
            while ((line = reader.readLine()) != null && !line.equals("READY")) {
                seen.append(line).append('\n');
            }
            assertThat(line).as(seen.toString()).isEqualTo("READY");

            assertThatThrownBy(() -> JdbcRegistryStore.openH2(dir))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("is in use by another gateway");
        } finally {
            child.getOutputStream().close();
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        try (JdbcRegistryStore store = JdbcRegistryStore.openH2(dir)) {
            store.checkOpen();
        }
    }

    @Test
    void aFlowSurvivesAnAbruptExitRightAfterItsInsert() throws Exception {
        ChildJvm.Result result = ChildJvm.run(StoreChild.class, List.of(), Map.of(),
                "insert-and-halt", dir.toString(), "time.flows.example.org");
        assertThat(result.output()).as(result.output()).contains("INSERTED true");

        try (JdbcRegistryStore store = JdbcRegistryStore.openH2(dir)) {
            assertThat(store.findFlow("time.flows.example.org")).isPresent();
        }
    }
}
