package org.eson.gateway.flows.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eson.gateway.flows.FlowRecord;
import org.eson.gateway.flows.NamespaceRecord;

/**
 * Durable flow registry. Implementations are thread-safe and every method either completes or
 * throws {@link StoreException}; each write is atomic on its own, so several gateway replicas
 * may share one database.
 */
public interface RegistryStore extends AutoCloseable {

    /**
     * Inserts configured namespaces that are new and updates owner and broker of those that
     * changed. Rows of namespaces no longer configured stay: their flows still refer to them.
     */
    void syncNamespaces(Collection<NamespaceRecord> configured);

    /** Every stored namespace, configured or not, sorted by name. */
    List<NamespaceRecord> namespaces();

    Optional<FlowRecord> findFlow(String flow);

    /**
     * Registers a flow.
     *
     * @return {@code false} when a flow of that name already exists; decided by the database's
     *         primary key, so of concurrent inserts of one name exactly one wins
     * @throws StoreException also when {@code flow.namespace()} is not a stored namespace
     */
    boolean insertFlow(FlowRecord flow);

    /** @return whether a flow of that name existed */
    boolean deleteFlow(String flow);

    /** The flows of the given namespaces, sorted by flow name. */
    List<FlowRecord> flowsInNamespaces(Collection<String> namespaces);

    /** Every flow, sorted by flow name. */
    List<FlowRecord> allFlows();

    /** Flow count per stored namespace, including namespaces with none (count 0). */
    Map<String, Integer> countFlowsByNamespace();

    int countFlows(String namespace);

    /**
     * Registers a processor.
     *
     * @return {@code false} when a processor of that id already exists
     */
    boolean insertProcessor(ProcessorRow processor);

    /**
     * Records a lifecycle state and, for FAILED, why.
     *
     * @return whether the processor exists
     */
    boolean updateProcessorState(String id, String state, Optional<String> failure, java.time.Instant at);

    /**
     * Replaces a processor's endpoints, settings and state (kind and creation time stay).
     *
     * @return whether the processor exists
     */
    boolean updateProcessor(ProcessorRow processor);

    /** @return whether a processor of that id existed */
    boolean deleteProcessor(String id);

    /** Every stored processor, oldest first. */
    List<ProcessorRow> processors();

    /** Records a subscription (either role). */
    void insertSubscription(SubscriptionRow subscription);

    /** @return whether the subscription exists */
    boolean updateSubscriptionState(String id, String state);

    /** @return whether the subscription existed */
    boolean deleteSubscription(String id);

    /** Every subscription, oldest first. */
    List<SubscriptionRow> subscriptions();

    /** A cheap round trip for health checks. */
    void checkOpen();

    /** Releases the database; later calls fail with {@link StoreException}. Idempotent. */
    @Override
    void close();
}
