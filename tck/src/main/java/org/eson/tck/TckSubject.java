package org.eson.tck;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.eson.spi.BrokerAdapter;
import org.eson.spi.BrokerAdapterProvider;
import org.eson.spi.BrokerException;
import org.eson.spi.Capability;

/**
 * What an adapter module supplies to the TCK: its adapter on the fixture's broker, a native
 * client of that broker and, when the fixture can, a way to restart the broker. The adapter's
 * test class returns one from {@link AdapterTck#subject()}.
 */
public interface TckSubject {

    /** A new adapter on the fixture's broker with minimal configuration; the TCK closes it. */
    BrokerAdapter newAdapter() throws BrokerException;

    /**
     * A plain native client of the broker, driven only by DESCRIBE parameters. The TCK closes it
     * at the end of the test that asked for it.
     */
    NativeProbe probe();

    /**
     * The adapter's provider, for the RemoteAttach area ({@link BrokerAdapterProvider#attach}
     * from a DESCRIBE of a flow {@link #newAdapter()} created). Default empty: the area is skipped
     * with "subject offers no provider".
     */
    default Optional<BrokerAdapterProvider> provider() {
        return Optional.empty();
    }

    /**
     * The {@code credentials} RemoteAttach passes to {@link BrokerAdapterProvider#attach}: what an
     * operator would configure for a peer on the fixture's broker (e.g. {@code sasl.jaas.config}
     * when the fixture requires SASL). Default none.
     */
    default Map<String, String> attachCredentials() {
        return Map.of();
    }

    /** Restarting the broker, when the fixture can. */
    default Optional<BrokerRestart> restart() {
        return Optional.empty();
    }

    /** Slow brokers scale every TCK wait by this (Spring Cloud Stream's timeoutMultiplier). */
    default double timeoutMultiplier() {
        return 1.0;
    }

    /**
     * Flow options to pass on create when a test needs a capability (e.g. memory's
     * max-deliveries); default none. They are laid over the TCK's own options for that test
     * ({@code ttl} for {@link Capability#TTL}, {@code max-deliveries=3} for
     * {@link Capability#DEAD_LETTER}), so a subject can also change those.
     */
    default Map<String, String> flowOptions(Capability capability) {
        return Map.of();
    }

    /**
     * Flow options passed on every create (partitions, replication factor of a one-node test
     * broker); default none. {@link #flowOptions(Capability)} is laid over them.
     */
    default Map<String, String> defaultFlowOptions() {
        return Map.of();
    }

    /**
     * Threads the leak check ignores although they started while the adapter was in use: threads
     * of a broker running inside the test JVM, for example. Default: none.
     */
    default Predicate<Thread> fixtureThreads() {
        return thread -> false;
    }
}
