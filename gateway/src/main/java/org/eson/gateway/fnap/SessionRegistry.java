package org.eson.gateway.fnap;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open sessions of every FNAP listener: enforces the concurrent-session cap and lets a
 * shutdown say goodbye to each session before the listeners stop.
 */
public final class SessionRegistry {

    private final int maxSessions;
    private final AtomicInteger open = new AtomicInteger();
    private final Set<FnapConnection> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;

    public SessionRegistry(int maxSessions) {
        this.maxSessions = maxSessions;
    }

    /** Takes a slot; false when the cap is reached (the caller answers 421 and closes). */
    boolean admit(FnapConnection connection) {
        if (open.incrementAndGet() > maxSessions) {
            open.decrementAndGet();
            return false;
        }
        connections.add(connection);
        return true;
    }

    void release(FnapConnection connection) {
        if (connections.remove(connection)) {
            open.decrementAndGet();
        }
    }

    /** Sessions currently open. */
    public int openSessions() {
        return open.get();
    }

    boolean isDraining() {
        return draining;
    }

    /** Refuses new sessions and closes open ones with {@code 421 ... Service shutting down}. */
    public void drain() {
        draining = true;
        for (FnapConnection connection : List.copyOf(connections)) {
            connection.close(true);
        }
    }
}
