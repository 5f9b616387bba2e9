package org.eson.gateway.flows;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.eson.fnap.name.FlowName;
import org.eson.gateway.brokers.AdapterRegistry;
import org.eson.gateway.config.NamespaceEntry;
import org.eson.gateway.flows.FlowServiceException.Reason;
import org.eson.gateway.flows.store.RegistryStore;
import org.eson.gateway.flows.store.StoreException;
import org.eson.gateway.fns.FlowRegistrar;
import org.eson.gateway.fns.FnsException;
import org.eson.spi.BrokerAdapter;
import org.eson.spi.BrokerException;
import org.eson.spi.FlowDescription;
import org.eson.spi.FlowSpec;

/**
 * Creates, describes, deletes and lists flows for a user, keeping the broker, the Flow Name
 * Service and the registry in step: every change either completes on all three or is undone, so
 * nothing is left half-made. The registry row is written last on create and removed last on
 * delete, because it is what makes a flow exist for its owner and what start-up reconciles from.
 */
public final class FlowService {

    private static final System.Logger LOG = System.getLogger(FlowService.class.getName());

    private final NamespaceDirectory namespaces;
    private final RegistryStore store;
    private final AdapterRegistry brokers;
    private final FlowRegistrar registrar;
    private final Clock clock;
    /** Serialises quota checks per namespace; the count and the insert are not atomic in SQL. */
    private final Map<String, ReentrantLock> namespaceLocks = new ConcurrentHashMap<>();

    public FlowService(NamespaceDirectory namespaces, RegistryStore store, AdapterRegistry brokers,
                       FlowRegistrar registrar, Clock clock) {
        this.namespaces = namespaces;
        this.store = store;
        this.brokers = brokers;
        this.registrar = registrar;
        this.clock = clock;
    }

    /** Creates the flow, or accepts it when it already exists in the user's namespace. */
    public FlowName create(String user, FlowName flow) throws FlowServiceException {
        NamespaceEntry namespace = ownedNamespace(user, flow);
        ReentrantLock lock = namespaceLocks.computeIfAbsent(namespace.name(), name -> new ReentrantLock());
        lock.lock();
        try {
            if (store(() -> store.findFlow(flow.fqdn())).isPresent()) {
                return flow;
            }
            if (store(() -> store.countFlows(namespace.name())) >= namespace.maxFlows()) {
                throw new FlowServiceException(Reason.QUOTA_EXCEEDED,
                        "Namespace " + namespace.name() + " holds its maximum of " + namespace.maxFlows() + " flows");
            }
            BrokerAdapter adapter = brokers.adapter(namespace.broker());
            FlowSpec spec = FlowSpec.of(flow.fqdn());
            FlowDescription description = broker(() -> adapter.create(spec));
            try {
                registrar.register(flow, adapter.type(), description);
            } catch (FnsException e) {
                deleteBrokerResource(adapter, spec, e, "DNS registration failed");
                throw nameServiceFailure(e);
            }
            var record = new FlowRecord(flow.fqdn(), namespace.name(), namespace.owner(), namespace.broker(),
                    clock.instant());
            try {
                store.insertFlow(record);
            } catch (StoreException e) {
                try {
                    registrar.unregister(flow, adapter.type(), description);
                } catch (FnsException dns) {
                    e.addSuppressed(dns);
                    LOG.log(Level.ERROR, "event=flow.orphan-records flow=" + flow
                            + " detail=\"registry write failed and the DNS records could not be removed: " + dns.getMessage() + "\"");
                }
                deleteBrokerResource(adapter, spec, e, "registry write failed");
                throw new FlowServiceException(Reason.STORE_UNAVAILABLE, "Registry unavailable", e);
            }
            LOG.log(Level.INFO, "event=flow.created flow=" + flow + " namespace=" + namespace.name()
                    + " broker=" + namespace.broker() + " user=" + user);
            return flow;
        } finally {
            lock.unlock();
        }
    }

    private static void deleteBrokerResource(BrokerAdapter adapter, FlowSpec spec, Exception cause, String why) {
        try {
            adapter.delete(spec);
        } catch (BrokerException | RuntimeException e) {
            cause.addSuppressed(e);
            LOG.log(Level.ERROR, "event=flow.orphan flow=" + spec.flow()
                    + " detail=\"broker resource created but " + why + " and the broker delete failed\"", e);
        }
    }

    /**
     * Makes a stored flow whole again after a start: its broker resource and its DNS records
     * (an in-memory broker or the embedded name server start empty; an operator may have removed
     * a topic). Failures are reported, not fatal: readiness shows what is down.
     */
    public void reconcile(FlowRecord flow) {
        BrokerAdapter adapter = brokers.adapter(flow.broker());
        FlowDescription description;
        try {
            description = adapter.create(FlowSpec.of(flow.flow()));
        } catch (BrokerException e) {
            LOG.log(Level.WARNING, "event=flow.reconcile-failed flow=" + flow.flow() + " detail=\"" + e.getMessage() + "\"");
            return;
        }
        try {
            registrar.register(new FlowName(flow.flow()), adapter.type(), description);
        } catch (FnsException e) {
            LOG.log(Level.WARNING, "event=flow.dns-reconcile-failed flow=" + flow.flow() + " transient=" + e.isTransient()
                    + " detail=\"" + e.getMessage() + "\"");
        }
    }

    /** The DESCRIBE parameters: {@code flow}, {@code type}, then the broker's own. */
    public Map<String, String> describe(String user, FlowName flow) throws FlowServiceException {
        FlowRecord record = ownedFlow(user, flow);
        BrokerAdapter adapter = brokers.adapter(record.broker());
        FlowSpec spec = FlowSpec.of(record.flow());
        FlowDescription description;
        try {
            description = adapter.describe(spec);
        } catch (BrokerException.NoSuchResource e) {
            // The registry is the source of truth: a broker that lost the resource (an in-memory
            // broker after a restart, an operator's mistake) gets it back instead of a dead flow.
            LOG.log(Level.WARNING, "event=flow.recreated flow=" + record.flow() + " detail=broker had no resource");
            description = broker(() -> adapter.create(spec));
        } catch (BrokerException e) {
            throw brokerFailure(e);
        }
        var parameters = new LinkedHashMap<String, String>();
        parameters.put("flow", record.flow());
        parameters.put("type", adapter.type());
        description.parameters().forEach(parameters::putIfAbsent);
        return parameters;
    }

    /** Removes the flow's DNS records, then its broker resource, then its registry entry. */
    public FlowName delete(String user, FlowName flow) throws FlowServiceException {
        FlowRecord record = ownedFlow(user, flow);
        ReentrantLock lock = namespaceLocks.computeIfAbsent(record.namespace(), name -> new ReentrantLock());
        lock.lock();
        try {
            BrokerAdapter adapter = brokers.adapter(record.broker());
            FlowSpec spec = FlowSpec.of(record.flow());
            // The records are derived from the description, so unregistering needs the same one registering used.
            FlowDescription description = currentDescription(adapter, spec);
            try {
                registrar.unregister(flow, adapter.type(), description);
            } catch (FnsException e) {
                throw nameServiceFailure(e);
            }
            try {
                adapter.delete(spec);
            } catch (BrokerException e) {
                // The flow must stay whole: put its records back before reporting the broker failure.
                try {
                    registrar.register(flow, adapter.type(), description);
                } catch (FnsException dns) {
                    e.addSuppressed(dns);
                    LOG.log(Level.ERROR, "event=flow.records-lost flow=" + flow
                            + " detail=\"broker delete failed and the DNS records could not be restored: " + dns.getMessage()
                            + "; the next start re-registers them\"");
                }
                throw brokerFailure(e);
            }
            // If this fails a retry finds the flow again: describe recreates the resource, and
            // unregister of records that are already gone succeeds.
            store(() -> store.deleteFlow(record.flow()));
            LOG.log(Level.INFO, "event=flow.deleted flow=" + flow + " user=" + user);
            return flow;
        } finally {
            lock.unlock();
        }
    }

    private static FlowDescription currentDescription(BrokerAdapter adapter, FlowSpec spec) throws FlowServiceException {
        try {
            return adapter.describe(spec);
        } catch (BrokerException.NoSuchResource e) {
            return broker(() -> adapter.create(spec));
        } catch (BrokerException e) {
            throw brokerFailure(e);
        }
    }

    private static FlowServiceException nameServiceFailure(FnsException e) {
        LOG.log(Level.WARNING, "event=fns.error transient=" + e.isTransient() + " detail=\"" + e.getMessage() + "\"");
        return e.isTransient()
                ? new FlowServiceException(Reason.NAME_SERVICE_UNAVAILABLE, "Name service unavailable", e)
                : new FlowServiceException(Reason.NAME_SERVICE_REFUSED, e.getMessage(), e);
    }

    /** The user's flows, optionally within one of their namespaces, sorted. */
    public List<FlowName> list(String user, Optional<String> namespace) throws FlowServiceException {
        List<String> scope;
        if (namespace.isPresent()) {
            NamespaceEntry entry = namespaces.find(namespace.get())
                    .filter(ns -> ns.owner().equals(user))
                    .orElseThrow(() -> new FlowServiceException(Reason.NO_SUCH_NAMESPACE, "No such flow namespace"));
            scope = List.of(entry.name());
        } else {
            scope = namespaces.ownedBy(user).stream().map(NamespaceEntry::name).toList();
        }
        if (scope.isEmpty()) {
            return List.of();
        }
        var flows = new ArrayList<FlowName>();
        for (FlowRecord record : store(() -> store.flowsInNamespaces(scope))) {
            FlowName name = new FlowName(record.flow());
            // A flow created under a shorter namespace may since belong to a longer one owned by someone else.
            if (namespaces.namespaceOf(name).map(ns -> ns.owner().equals(user)).orElse(false)) {
                flows.add(name);
            }
        }
        return flows;
    }

    /** The user's namespace names, sorted. */
    public List<String> namespacesOf(String user) {
        return namespaces.ownedBy(user).stream().map(NamespaceEntry::name).toList();
    }

    private NamespaceEntry ownedNamespace(String user, FlowName flow) throws FlowServiceException {
        if (namespaces.isNamespace(flow)) {
            throw new FlowServiceException(Reason.INVALID_NAME, "the name of a namespace");
        }
        return namespaces.namespaceOf(flow)
                .filter(ns -> ns.owner().equals(user))
                .orElseThrow(() -> new FlowServiceException(Reason.NO_SUCH_NAMESPACE, "No such flow namespace"));
    }

    private FlowRecord ownedFlow(String user, FlowName flow) throws FlowServiceException {
        // Ownership follows the configured namespace, so a namespace handed to a new owner takes its flows along.
        boolean owned = namespaces.namespaceOf(flow).map(ns -> ns.owner().equals(user)).orElse(false);
        Optional<FlowRecord> record = owned ? store(() -> store.findFlow(flow.fqdn())) : Optional.empty();
        return record.orElseThrow(() -> new FlowServiceException(Reason.NO_SUCH_FLOW, "No such flow"));
    }

    @FunctionalInterface
    private interface StoreCall<T> {
        T call();
    }

    private static <T> T store(StoreCall<T> call) throws FlowServiceException {
        try {
            return call.call();
        } catch (StoreException e) {
            LOG.log(Level.ERROR, "event=store.error", e);
            throw new FlowServiceException(Reason.STORE_UNAVAILABLE, "Registry unavailable", e);
        }
    }

    @FunctionalInterface
    private interface BrokerCall<T> {
        T call() throws BrokerException;
    }

    private static <T> T broker(BrokerCall<T> call) throws FlowServiceException {
        try {
            return call.call();
        } catch (BrokerException e) {
            throw brokerFailure(e);
        }
    }

    private static FlowServiceException brokerFailure(BrokerException e) {
        LOG.log(Level.WARNING, "event=broker.error retriable=" + e.retriable() + " detail=" + e.getMessage());
        return e.retriable()
                ? new FlowServiceException(Reason.BROKER_UNAVAILABLE, "Broker unavailable", e)
                : new FlowServiceException(Reason.BROKER_REFUSED, e.getMessage(), e);
    }
}
