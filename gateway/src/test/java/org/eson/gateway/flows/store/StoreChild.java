package org.eson.gateway.flows.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.eson.gateway.flows.FlowRecord;
import org.eson.gateway.flows.NamespaceRecord;

/**
 * Run in a child JVM by {@link JdbcRegistryStoreProcessTest}.
 * {@code hold <dir>}: opens the store, prints READY, keeps it open until stdin closes.
 * {@code insert-and-halt <dir> <flow>}: inserts a flow and halts the JVM without closing anything.
 */
public final class StoreChild {

    private StoreChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "hold" -> {
                try (JdbcRegistryStore store = JdbcRegistryStore.openH2(dir)) {
                    store.checkOpen();
                    System.out.println("READY");
                    System.out.flush();
                    System.in.read();
                }
            }
            case "insert-and-halt" -> {
                JdbcRegistryStore store = JdbcRegistryStore.openH2(dir);
                store.syncNamespaces(List.of(new NamespaceRecord("flows.example.org", "alice", "local")));
                boolean inserted = store.insertFlow(new FlowRecord(args[2], "flows.example.org", "alice", "local", Instant.now()));
                System.out.println("INSERTED " + inserted);
                System.out.flush();
                // like kill -9 or a power cut for the JVM: no shutdown hooks, no close()
                Runtime.getRuntime().halt(0);
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
