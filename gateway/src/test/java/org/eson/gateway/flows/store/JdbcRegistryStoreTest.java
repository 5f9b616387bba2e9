package org.eson.gateway.flows.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.eson.gateway.flows.FlowRecord;
import org.eson.gateway.flows.NamespaceRecord;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcRegistryStoreTest {

    private static final NamespaceRecord FLOWS = new NamespaceRecord("flows.example.org", "alice", "local");
    private static final NamespaceRecord OTHER = new NamespaceRecord("other.example.org", "bob", "kafka");
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");

    @TempDir
    Path dir;

    private final List<JdbcRegistryStore> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(JdbcRegistryStore::close);
    }

    private JdbcRegistryStore open() {
        JdbcRegistryStore store = JdbcRegistryStore.openH2(dir);
        opened.add(store);
        return store;
    }

    private static FlowRecord flow(String name, NamespaceRecord ns) {
        return new FlowRecord(name + "." + ns.name(), ns.name(), ns.owner(), ns.broker(), T0);
    }

    @Test
    void migrationsCreateTheSchemaInAFreshDirectory() throws Exception {
        Path fresh = dir.resolve("new/nested/data");
        try (JdbcRegistryStore store = JdbcRegistryStore.openH2(fresh)) {
            assertThat(store.namespaces()).isEmpty();
            assertThat(store.allFlows()).isEmpty();
        }

        assertThat(fresh.resolve("registry.mv.db")).isRegularFile();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + fresh.resolve("registry"), "sa", "");
             ResultSet rs = c.createStatement().executeQuery(
                     // Flyway 13 also records the history table's creation, without a version
                     "SELECT \"version\", \"success\" FROM \"flyway_schema_history\""
                             + " WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("1");
            assertThat(rs.getBoolean(2)).isTrue();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("2");
            assertThat(rs.getBoolean(2)).isTrue();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("3");
            assertThat(rs.getBoolean(2)).isTrue();
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void reopeningKeepsFlowsAndNamespaces() {
        try (JdbcRegistryStore store = JdbcRegistryStore.openH2(dir)) {
            store.syncNamespaces(List.of(FLOWS));
            assertThat(store.insertFlow(flow("time", FLOWS))).isTrue();
        }

        try (JdbcRegistryStore store = JdbcRegistryStore.openH2(dir)) {
            assertThat(store.findFlow("time.flows.example.org")).contains(flow("time", FLOWS));
            assertThat(store.namespaces()).containsExactly(FLOWS);
        }
    }

    @Test
    void insertingAnExistingFlowReturnsFalse() {
        JdbcRegistryStore store = open();
        store.syncNamespaces(List.of(FLOWS));

        assertThat(store.insertFlow(flow("time", FLOWS))).isTrue();
        assertThat(store.insertFlow(new FlowRecord("time.flows.example.org", "flows.example.org", "mallory", "x", Instant.now())))
                .isFalse();
        assertThat(store.findFlow("time.flows.example.org")).contains(flow("time", FLOWS));
    }

    @Test
    void concurrentInsertsOfOneFlowHaveExactlyOneWinner() throws Exception {
        JdbcRegistryStore store = open();
        store.syncNamespaces(List.of(FLOWS));
        int threads = 8;
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String owner = "user" + i;
                Callable<Boolean> insert = () -> {
                    ready.countDown();
                    go.await();
                    return store.insertFlow(new FlowRecord("race.flows.example.org", FLOWS.name(), owner, "local", T0));
                };
                results.add(pool.submit(insert));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                if (result.get(30, TimeUnit.SECONDS)) {
                    winners++;
                }
            }
            assertThat(winners).isEqualTo(1);
            assertThat(store.countFlows(FLOWS.name())).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void deleteFlow() {
        JdbcRegistryStore store = open();
        store.syncNamespaces(List.of(FLOWS));
        store.insertFlow(flow("time", FLOWS));

        assertThat(store.deleteFlow("time.flows.example.org")).isTrue();
        assertThat(store.deleteFlow("time.flows.example.org")).isFalse();
        assertThat(store.findFlow("time.flows.example.org")).isEmpty();
        assertThat(store.insertFlow(flow("time", FLOWS))).as("the name is free again").isTrue();
    }

    @Test
    void countsAndListings() {
        JdbcRegistryStore store = open();
        NamespaceRecord empty = new NamespaceRecord("empty.example.org", "alice", "local");
        store.syncNamespaces(List.of(FLOWS, OTHER, empty));
        store.insertFlow(flow("b", FLOWS));
        store.insertFlow(flow("a", FLOWS));
        store.insertFlow(flow("c", OTHER));

        assertThat(store.countFlows(FLOWS.name())).isEqualTo(2);
        assertThat(store.countFlows(OTHER.name())).isEqualTo(1);
        assertThat(store.countFlows("unknown.example.org")).isZero();
        assertThat(store.countFlowsByNamespace()).containsExactly(
                Map.entry("empty.example.org", 0), Map.entry("flows.example.org", 2), Map.entry("other.example.org", 1));
        assertThat(store.allFlows()).extracting(FlowRecord::flow)
                .containsExactly("a.flows.example.org", "b.flows.example.org", "c.other.example.org");
        assertThat(store.flowsInNamespaces(List.of(FLOWS.name()))).extracting(FlowRecord::flow)
                .containsExactly("a.flows.example.org", "b.flows.example.org");
        assertThat(store.flowsInNamespaces(List.of(OTHER.name(), FLOWS.name(), OTHER.name()))).extracting(FlowRecord::flow)
                .containsExactly("a.flows.example.org", "b.flows.example.org", "c.other.example.org");
        assertThat(store.flowsInNamespaces(List.of())).isEmpty();
        assertThat(store.flowsInNamespaces(List.of("empty.example.org"))).isEmpty();
    }

    @Test
    void flowsInManyNamespacesAreStillOneSortedList() {
        JdbcRegistryStore store = open();
        List<NamespaceRecord> many = IntStream.range(0, 700)
                .mapToObj(i -> new NamespaceRecord("ns" + i + ".example.org", "alice", "local"))
                .toList();
        store.syncNamespaces(many);
        store.insertFlow(flow("z", many.get(0)));
        store.insertFlow(flow("a", many.get(650)));
        store.insertFlow(flow("m", many.get(300)));

        assertThat(store.flowsInNamespaces(many.stream().map(NamespaceRecord::name).toList()))
                .extracting(FlowRecord::flow)
                .containsExactly("a.ns650.example.org", "m.ns300.example.org", "z.ns0.example.org");
    }

    @Test
    void syncInsertsUpdatesAndKeepsUnconfiguredNamespaces() {
        JdbcRegistryStore store = open();
        store.syncNamespaces(List.of(FLOWS, OTHER));
        store.insertFlow(flow("old", OTHER));

        NamespaceRecord moved = new NamespaceRecord(FLOWS.name(), "carol", "kafka");
        NamespaceRecord added = new NamespaceRecord("new.example.org", "dave", "local");
        store.syncNamespaces(List.of(moved, added));

        assertThat(store.namespaces()).containsExactly(moved, added, OTHER);
        assertThat(store.findFlow("old.other.example.org")).as("flows of unconfigured namespaces survive").isPresent();
        store.syncNamespaces(List.of(moved, added));
        assertThat(store.namespaces()).as("syncing again changes nothing").containsExactly(moved, added, OTHER);
    }

    @Test
    void syncRefusesContradictoryDuplicates() {
        JdbcRegistryStore store = open();

        assertThatThrownBy(() -> store.syncNamespaces(List.of(FLOWS, new NamespaceRecord(FLOWS.name(), "x", "y"))))
                .isInstanceOf(IllegalArgumentException.class);
        store.syncNamespaces(List.of(FLOWS, FLOWS));
        assertThat(store.namespaces()).containsExactly(FLOWS);
    }

    @Test
    void flowInAnUnknownNamespaceIsRefusedByTheDatabase() {
        JdbcRegistryStore store = open();

        assertThatThrownBy(() -> store.insertFlow(flow("x", FLOWS)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("insert flow");
    }

    @Test
    void openingADirectoryInUseFailsClearly() {
        JdbcRegistryStore first = open();

        assertThatThrownBy(() -> JdbcRegistryStore.openH2(dir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("data directory " + dir.toAbsolutePath().normalize() + " is in use by another gateway");
        first.checkOpen();

        first.close();
        try (JdbcRegistryStore second = JdbcRegistryStore.openH2(dir)) {
            second.checkOpen();
        }
    }

    @Test
    void checkOpenAfterCloseThrowsAndCloseIsIdempotent() {
        JdbcRegistryStore store = open();
        store.checkOpen();

        store.close();
        store.close();

        assertThatThrownBy(store::checkOpen).isInstanceOf(StoreException.class).hasMessageContaining("is closed");
        assertThatThrownBy(store::allFlows).isInstanceOf(StoreException.class).hasMessageContaining("is closed");
    }

    @Test
    void dataDirectoryThatIsAFileFailsClearly() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");

        assertThatThrownBy(() -> JdbcRegistryStore.openH2(file))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot create data directory");
    }

    @Test
    void worksOverAnyDataSourceWithoutClosingIt() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        // PostgreSQL mode with lower-case identifiers: a cheap check that the SQL stays portable
        ds.setURL("jdbc:h2:mem:registry-" + System.nanoTime()
                + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");

        try (JdbcRegistryStore store = JdbcRegistryStore.open(ds)) {
            store.syncNamespaces(List.of(FLOWS));
            assertThat(store.insertFlow(flow("t", FLOWS))).isTrue();
        }
        try (JdbcRegistryStore again = JdbcRegistryStore.open(ds)) {
            assertThat(again.allFlows()).containsExactly(flow("t", FLOWS));
        }
        try (Connection c = ds.getConnection()) {
            c.createStatement().execute("SHUTDOWN");
        }
    }
}
