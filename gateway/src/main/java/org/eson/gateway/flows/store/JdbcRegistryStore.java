package org.eson.gateway.flows.store;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.eson.gateway.flows.FlowRecord;
import org.eson.gateway.flows.NamespaceRecord;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * {@link RegistryStore} over plain JDBC. The schema comes from the Flyway migrations in
 * {@code db/migration}, applied on open. Every operation borrows its own connection, so the
 * store is thread-safe without locks of its own; atomicity comes from the database (primary
 * keys, transactions).
 */
public final class JdbcRegistryStore implements RegistryStore {

    private static final System.Logger LOG = System.getLogger(JdbcRegistryStore.class.getName());

    /** SQLSTATE for unique violations, the same on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String LOCK_FILE = "registry.lock";
    private static final String DATABASE_NAME = "registry";
    private static final int POOL_SIZE = 8;
    private static final int POOL_WAIT_SECONDS = 30;
    /** Keeps IN lists well under every database's bind-parameter limit. */
    private static final int IN_CHUNK = 500;
    private static final int SYNC_ATTEMPTS = 3;

    private static final String FLOW_COLUMNS = "flow, namespace, owner, broker, created_at";
    private static final String PROCESSOR_COLUMNS = "id, kind, source_flow, source_broker, sink_flow, sink_broker,"
            + " settings, state, failure, created_at, updated_at, source_remote, sink_remote";
    private static final String SUBSCRIPTION_COLUMNS = "id, role, account, local_flow, remote_flow, copy_flow,"
            + " peer_fqdn, processor_id, state, created_at";

    private final DataSource dataSource;
    private final AutoCloseable resources;
    private final String description;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JdbcRegistryStore(DataSource dataSource, AutoCloseable resources, String description) {
        this.dataSource = dataSource;
        this.resources = resources;
        this.description = description;
    }

    /**
     * Opens (creating if needed) the H2 database {@code <dataDir>/registry}.
     *
     * @throws StoreException when the directory cannot be created, is in use by another gateway
     *                        (in this or another process), or the database cannot be opened or migrated
     */
    public static JdbcRegistryStore openH2(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create data directory " + dir + ": " + e, e);
        }
        DirectoryLock lock = DirectoryLock.acquire(dir);
        // WRITE_DELAY=0 makes H2 write each commit to the file at once instead of up to a second
        // later, so a crash right after a flow is created does not forget it. Without it, a crash
        // after the first migration was seen to keep the tables but lose Flyway's history row,
        // leaving a database no later start could migrate.
        String url = "jdbc:h2:file:" + dir.resolve(DATABASE_NAME) + ";WRITE_DELAY=0";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(POOL_SIZE);
        pool.setLoginTimeout(POOL_WAIT_SECONDS);
        AutoCloseable resources = () -> {
            try {
                pool.dispose();
            } finally {
                lock.close();
            }
        };
        try {
            try (Connection probe = pool.getConnection()) {
                probe.isValid(1);
            } catch (SQLException e) {
                if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                    throw inUse(dir, e);
                }
                throw new StoreException("cannot open the registry database in " + dir + ": " + e.getMessage(), e);
            }
            JdbcRegistryStore store = new JdbcRegistryStore(pool, resources, "h2:" + dir.resolve(DATABASE_NAME));
            store.migrate();
            return store;
        } catch (RuntimeException e) {
            closeQuietly(resources, e);
            throw e;
        }
    }

    /**
     * Opens the registry in another database, PostgreSQL for instance (the Flyway module for
     * that database must be on the class path). The caller keeps ownership of the data source:
     * {@link #close()} does not close it.
     */
    public static JdbcRegistryStore open(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        JdbcRegistryStore store = new JdbcRegistryStore(dataSource, () -> { }, dataSource.getClass().getName());
        store.migrate();
        return store;
    }

    private void migrate() {
        try {
            var result = Flyway.configure(JdbcRegistryStore.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
            LOG.log(Level.INFO, "event=registry.opened store=" + description + " migrations_applied="
                    + result.migrationsExecuted + " schema_version=" + version);
        } catch (FlywayException e) {
            throw new StoreException("cannot migrate the registry schema in " + description + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void syncNamespaces(Collection<NamespaceRecord> configured) {
        Map<String, NamespaceRecord> wanted = new LinkedHashMap<>();
        for (NamespaceRecord ns : configured) {
            NamespaceRecord previous = wanted.putIfAbsent(ns.name(), ns);
            if (previous != null && !previous.equals(ns)) {
                throw new IllegalArgumentException("namespace '" + ns.name() + "' is given twice with different values");
            }
        }
        for (int attempt = 1; ; attempt++) {
            try {
                syncOnce(wanted);
                return;
            } catch (SQLException e) {
                // another replica inserted the same namespace between our read and our insert
                if (isUniqueViolation(e) && attempt < SYNC_ATTEMPTS) {
                    continue;
                }
                throw failure("sync namespaces", e);
            }
        }
    }

    private void syncOnce(Map<String, NamespaceRecord> wanted) throws SQLException {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                Map<String, NamespaceRecord> stored = new TreeMap<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT name, owner, broker FROM namespaces");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stored.put(rs.getString(1), new NamespaceRecord(rs.getString(1), rs.getString(2), rs.getString(3)));
                    }
                }
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                int inserted = 0;
                int updated = 0;
                try (PreparedStatement insert = c.prepareStatement(
                             "INSERT INTO namespaces (name, owner, broker, updated_at) VALUES (?, ?, ?, ?)");
                     PreparedStatement update = c.prepareStatement(
                             "UPDATE namespaces SET owner = ?, broker = ?, updated_at = ? WHERE name = ?")) {
                    for (NamespaceRecord ns : wanted.values()) {
                        NamespaceRecord current = stored.get(ns.name());
                        if (current == null) {
                            insert.setString(1, ns.name());
                            insert.setString(2, ns.owner());
                            insert.setString(3, ns.broker());
                            insert.setObject(4, now);
                            insert.executeUpdate();
                            inserted++;
                        } else if (!current.equals(ns)) {
                            update.setString(1, ns.owner());
                            update.setString(2, ns.broker());
                            update.setObject(3, now);
                            update.setString(4, ns.name());
                            update.executeUpdate();
                            updated++;
                        }
                    }
                }
                c.commit();
                long kept = stored.keySet().stream().filter(name -> !wanted.containsKey(name)).count();
                LOG.log(Level.INFO, "event=registry.namespaces.synced inserted=" + inserted + " updated=" + updated
                        + " unconfigured_kept=" + kept);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        }
    }

    @Override
    public List<NamespaceRecord> namespaces() {
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("SELECT name, owner, broker FROM namespaces ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            List<NamespaceRecord> result = new ArrayList<>();
            while (rs.next()) {
                result.add(new NamespaceRecord(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
            return result;
        } catch (SQLException e) {
            throw failure("list namespaces", e);
        }
    }

    @Override
    public Optional<FlowRecord> findFlow(String flow) {
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("SELECT " + FLOW_COLUMNS + " FROM flows WHERE flow = ?")) {
            ps.setString(1, flow);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(flow(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("find flow", e);
        }
    }

    @Override
    public boolean insertFlow(FlowRecord flow) {
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO flows (" + FLOW_COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, flow.flow());
            ps.setString(2, flow.namespace());
            ps.setString(3, flow.owner());
            ps.setString(4, flow.broker());
            ps.setObject(5, OffsetDateTime.ofInstant(flow.createdAt(), ZoneOffset.UTC));
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            throw failure("insert flow", e);
        }
    }

    @Override
    public boolean deleteFlow(String flow) {
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM flows WHERE flow = ?")) {
            ps.setString(1, flow);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("delete flow", e);
        }
    }

    @Override
    public List<FlowRecord> flowsInNamespaces(Collection<String> namespaces) {
        List<String> names = List.copyOf(new LinkedHashSet<>(namespaces));
        if (names.isEmpty()) {
            return List.of();
        }
        List<FlowRecord> result = new ArrayList<>();
        try (Connection c = connection()) {
            for (int from = 0; from < names.size(); from += IN_CHUNK) {
                List<String> chunk = names.subList(from, Math.min(names.size(), from + IN_CHUNK));
                String placeholders = String.join(", ", Collections.nCopies(chunk.size(), "?"));
                try (PreparedStatement ps = c.prepareStatement("SELECT " + FLOW_COLUMNS
                        + " FROM flows WHERE namespace IN (" + placeholders + ") ORDER BY flow")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            result.add(flow(rs));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("list flows", e);
        }
        if (names.size() > IN_CHUNK) {
            // each chunk came back sorted, the concatenation is not
            result.sort(Comparator.comparing(FlowRecord::flow));
        }
        return result;
    }

    @Override
    public List<FlowRecord> allFlows() {
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("SELECT " + FLOW_COLUMNS + " FROM flows ORDER BY flow");
             ResultSet rs = ps.executeQuery()) {
            List<FlowRecord> result = new ArrayList<>();
            while (rs.next()) {
                result.add(flow(rs));
            }
            return result;
        } catch (SQLException e) {
            throw failure("list flows", e);
        }
    }

    @Override
    public Map<String, Integer> countFlowsByNamespace() {
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("SELECT n.name, COUNT(f.flow) FROM namespaces n"
                     + " LEFT JOIN flows f ON f.namespace = n.name GROUP BY n.name");
             ResultSet rs = ps.executeQuery()) {
            Map<String, Integer> result = new TreeMap<>();
            while (rs.next()) {
                result.put(rs.getString(1), Math.toIntExact(rs.getLong(2)));
            }
            return result;
        } catch (SQLException e) {
            throw failure("count flows", e);
        }
    }

    @Override
    public int countFlows(String namespace) {
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM flows WHERE namespace = ?")) {
            ps.setString(1, namespace);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Math.toIntExact(rs.getLong(1));
            }
        } catch (SQLException e) {
            throw failure("count flows", e);
        }
    }

    @Override
    public boolean insertProcessor(ProcessorRow p) {
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO processors (" + PROCESSOR_COLUMNS
                     + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, p.id());
            ps.setString(2, p.kind());
            ps.setString(3, p.sourceFlow());
            ps.setString(4, p.sourceBroker());
            ps.setString(5, p.sinkFlow());
            ps.setString(6, p.sinkBroker());
            ps.setString(7, p.settings());
            ps.setString(8, p.state());
            ps.setString(9, p.failure().orElse(null));
            ps.setObject(10, utc(p.createdAt()));
            ps.setObject(11, utc(p.updatedAt()));
            ps.setString(12, p.sourceRemote().orElse(null));
            ps.setString(13, p.sinkRemote().orElse(null));
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            throw failure("insert processor", e);
        }
    }

    @Override
    public boolean updateProcessorState(String id, String state, Optional<String> failure, Instant at) {
        String reason = failure.map(f -> f.length() > ProcessorRow.MAX_FAILURE ? f.substring(0, ProcessorRow.MAX_FAILURE) : f)
                .orElse(null);
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE processors SET state = ?, failure = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, state);
            ps.setString(2, reason);
            ps.setObject(3, utc(at));
            ps.setString(4, id);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("update processor state", e);
        }
    }

    @Override
    public boolean updateProcessor(ProcessorRow p) {
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("UPDATE processors SET source_flow = ?, source_broker = ?,"
                     + " sink_flow = ?, sink_broker = ?, settings = ?, state = ?, failure = ?, updated_at = ?,"
                     + " source_remote = ?, sink_remote = ? WHERE id = ?")) {
            ps.setString(1, p.sourceFlow());
            ps.setString(2, p.sourceBroker());
            ps.setString(3, p.sinkFlow());
            ps.setString(4, p.sinkBroker());
            ps.setString(5, p.settings());
            ps.setString(6, p.state());
            ps.setString(7, p.failure().orElse(null));
            ps.setObject(8, utc(p.updatedAt()));
            ps.setString(9, p.sourceRemote().orElse(null));
            ps.setString(10, p.sinkRemote().orElse(null));
            ps.setString(11, p.id());
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("update processor", e);
        }
    }

    @Override
    public boolean deleteProcessor(String id) {
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM processors WHERE id = ?")) {
            ps.setString(1, id);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("delete processor", e);
        }
    }

    @Override
    public List<ProcessorRow> processors() {
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("SELECT " + PROCESSOR_COLUMNS
                     + " FROM processors ORDER BY created_at, id");
             ResultSet rs = ps.executeQuery()) {
            List<ProcessorRow> result = new ArrayList<>();
            while (rs.next()) {
                result.add(new ProcessorRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        Optional.ofNullable(rs.getString(9)),
                        rs.getObject(10, OffsetDateTime.class).toInstant(),
                        rs.getObject(11, OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getString(12)), Optional.ofNullable(rs.getString(13))));
            }
            return result;
        } catch (SQLException e) {
            throw failure("list processors", e);
        }
    }

    @Override
    public void insertSubscription(SubscriptionRow r) {
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO subscriptions (" + SUBSCRIPTION_COLUMNS
                     + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, r.id());
            ps.setString(2, r.role());
            ps.setString(3, r.account());
            ps.setString(4, r.localFlow().orElse(null));
            ps.setString(5, r.remoteFlow());
            ps.setString(6, r.copyFlow());
            ps.setString(7, r.peerFqdn().orElse(null));
            ps.setString(8, r.processorId().orElse(null));
            ps.setString(9, r.state());
            ps.setObject(10, utc(r.createdAt()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("insert subscription", e);
        }
    }

    @Override
    public boolean updateSubscriptionState(String id, String state) {
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("UPDATE subscriptions SET state = ? WHERE id = ?")) {
            ps.setString(1, state);
            ps.setString(2, id);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("update subscription", e);
        }
    }

    @Override
    public boolean deleteSubscription(String id) {
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM subscriptions WHERE id = ?")) {
            ps.setString(1, id);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("delete subscription", e);
        }
    }

    @Override
    public List<SubscriptionRow> subscriptions() {
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("SELECT " + SUBSCRIPTION_COLUMNS
                     + " FROM subscriptions ORDER BY created_at, id");
             ResultSet rs = ps.executeQuery()) {
            List<SubscriptionRow> result = new ArrayList<>();
            while (rs.next()) {
                result.add(new SubscriptionRow(rs.getString(1), rs.getString(2), rs.getString(3),
                        Optional.ofNullable(rs.getString(4)), rs.getString(5), rs.getString(6),
                        Optional.ofNullable(rs.getString(7)), Optional.ofNullable(rs.getString(8)), rs.getString(9),
                        rs.getObject(10, OffsetDateTime.class).toInstant()));
            }
            return result;
        } catch (SQLException e) {
            throw failure("list subscriptions", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    @Override
    public void checkOpen() {
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("SELECT 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new StoreException("registry store " + description + " answered SELECT 1 with no row");
            }
        } catch (SQLException e) {
            throw failure("check the database", e);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            resources.close();
            LOG.log(Level.INFO, "event=registry.closed store=" + description);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "event=registry.close_failed store=" + description + " error=" + e);
        }
    }

    @Override
    public String toString() {
        return "JdbcRegistryStore[" + description + (closed.get() ? ", closed" : "") + "]";
    }

    private Connection connection() throws SQLException {
        if (closed.get()) {
            throw new StoreException("registry store " + description + " is closed");
        }
        return dataSource.getConnection();
    }

    private static FlowRecord flow(ResultSet rs) throws SQLException {
        Instant created = rs.getObject(5, OffsetDateTime.class).toInstant();
        return new FlowRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), created);
    }

    private static boolean isUniqueViolation(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (UNIQUE_VIOLATION.equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private StoreException failure(String action, SQLException e) {
        if (closed.get()) {
            return new StoreException("registry store " + description + " is closed", e);
        }
        return new StoreException("cannot " + action + " in registry store " + description + ": " + e.getMessage(), e);
    }

    private static StoreException inUse(Path dir, Throwable cause) {
        return new StoreException("data directory " + dir + " is in use by another gateway; stop it or give this one "
                + "another fnaa.data-dir", cause);
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void closeQuietly(AutoCloseable resources, Exception cause) {
        try {
            resources.close();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * An exclusive OS lock on {@code <dataDir>/registry.lock}. H2's own file lock only stops other
     * processes; inside one JVM H2 would quietly share the database, so this lock also catches a
     * second gateway started in the same process (tests, embedded use).
     */
    private static final class DirectoryLock implements AutoCloseable {

        private final FileChannel channel;
        private final FileLock lock;

        private DirectoryLock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        static DirectoryLock acquire(Path dir) {
            Path file = dir.resolve(LOCK_FILE);
            FileChannel channel;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new StoreException("cannot create lock file " + file + ": " + e, e);
            }
            try {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    throw inUse(dir, null);
                }
                return new DirectoryLock(channel, lock);
            } catch (OverlappingFileLockException e) {
                closeChannel(channel);
                throw inUse(dir, e);
            } catch (IOException e) {
                closeChannel(channel);
                throw new StoreException("cannot lock " + file + ": " + e, e);
            } catch (StoreException e) {
                closeChannel(channel);
                throw e;
            }
        }

        private static void closeChannel(FileChannel channel) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the lock attempt's failure is what the caller needs to hear about
            }
        }

        @Override
        public void close() throws IOException {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }
}
