package org.eson.gateway.subscribe;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.eson.fnap.client.FnapClient;
import org.eson.fnap.client.FnapClientOptions;
import org.eson.fnap.client.FnapEndpoint;
import org.eson.fnap.client.FnapException;
import org.eson.fnap.client.FnapReplyException;
import org.eson.fnap.fns.FlowLocation;
import org.eson.fnap.fns.FlowResolver;
import org.eson.fnap.fns.FnsException;
import org.eson.fnap.fns.ServiceTarget;
import org.eson.fnap.name.FlowName;
import org.eson.fnap.name.InvalidFlowNameException;
import org.eson.fnap.wire.Reply;
import org.eson.fnap.wire.ReplyCodes;
import org.eson.gateway.config.GatewayConfig;
import org.eson.gateway.config.NamespaceEntry;
import org.eson.gateway.config.PeerEntry;
import org.eson.gateway.users.User;
import org.eson.gateway.flows.FlowRecord;
import org.eson.gateway.flows.FlowService;
import org.eson.gateway.flows.FlowServiceException;
import org.eson.gateway.flows.NamespaceDirectory;
import org.eson.gateway.flows.store.RegistryStore;
import org.eson.gateway.flows.store.StoreException;
import org.eson.gateway.flows.store.SubscriptionRow;
import org.eson.gateway.processors.Endpoint;
import org.eson.gateway.processors.LocalFlow;
import org.eson.gateway.processors.ProcessorException;
import org.eson.gateway.processors.ProcessorRuntime;
import org.eson.gateway.processors.ProcessorSettings;
import org.eson.gateway.processors.ProcessorSpec;
import org.eson.gateway.processors.RemoteFlow;

/**
 * Both sides of a subscription. As subscriber (B): {@code SUBSCRIBE <remote> LOCAL <local>},
 * {@code UNSUBSCRIBE <local>}, {@code GET SUBSCRIPTIONS}, and the watcher that notices a revoked
 * copy. As publisher (A): {@code SUBSCRIBE <flow>} (make a copy), {@code UNSUBSCRIBE <copy>},
 * {@code REVOKE <copy>}, {@code GET SUBSCRIBERS}. Every multi-step change undoes its earlier
 * steps when a later one fails. Lifecycle changes are serialised.
 */
public final class SubscriptionService implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SubscriptionService.class.getName());
    public static final String ACTIVE = "active";
    public static final String REVOKED = "revoked";
    public static final String FAILED = "failed";
    private static final String LABEL_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final GatewayConfig config;
    private final NamespaceDirectory namespaces;
    private final FlowService flows;
    private final RegistryStore store;
    private final ProcessorRuntime processors;
    private final Supplier<FlowResolver> resolver;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Object lock = new Object();
    private ScheduledExecutorService watcher;

    public SubscriptionService(GatewayConfig config, NamespaceDirectory namespaces, FlowService flows,
                               RegistryStore store, ProcessorRuntime processors, Supplier<FlowResolver> resolver,
                               Clock clock) {
        this.config = config;
        this.namespaces = namespaces;
        this.flows = flows;
        this.store = store;
        this.processors = processors;
        this.resolver = resolver;
        this.clock = clock;
    }

    /** Starts the watcher of remote subscriptions. */
    public void start() {
        long millis = Math.max(50, config.subscriptions().checkInterval().toMillis());
        watcher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("eson-subscriptions")
                .factory());
        watcher.scheduleWithFixedDelay(this::checkRemoteCopies, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.shutdownNow();
            try {
                watcher.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---------------------------------------------------------------- FNAP entry points

    /** {@code SUBSCRIBE <flow> [LOCAL <local>]}. */
    public Reply subscribe(String user, FlowName flow, Optional<FlowName> local) {
        try {
            if (local.isEmpty()) {
                return Reply.data(List.of(makeCopy(user, flow).copyFlow()));
            }
            return subscribeLocal(user, flow, local.get());
        } catch (Refused e) {
            return e.reply();
        }
    }

    /** {@code UNSUBSCRIBE <flow>}: a local flow of the user's subscription, or a copy flow made for them. */
    public Reply unsubscribe(String user, FlowName flow) {
        Optional<SubscriptionRow> mine = rows().stream()
                .filter(r -> r.role().equals(SubscriptionRow.SUBSCRIBER))
                .filter(r -> r.localFlow().orElse("").equals(flow.fqdn()))
                .filter(r -> r.account().equals(user) || ownerOf(flow).map(user::equals).orElse(false))
                .findFirst();
        if (mine.isPresent()) {
            return endSubscription(mine.get());
        }
        Optional<SubscriptionRow> copy = publisherRow(flow)
                .filter(r -> r.account().equals(user) || ownerOf(new FlowName(r.remoteFlow())).map(user::equals).orElse(false));
        if (copy.isPresent()) {
            return endCopy(copy.get());
        }
        return Reply.of(ReplyCodes.NO_SUCH_FLOW, "No such flow");
    }

    /** {@code REVOKE <copy>}: the owner of the copied flow ends the copy. */
    public Reply revoke(String user, FlowName copy) {
        Optional<SubscriptionRow> row = publisherRow(copy)
                .filter(r -> ownerOf(new FlowName(r.remoteFlow())).map(user::equals).orElse(false));
        return row.map(this::endCopy).orElse(Reply.of(ReplyCodes.NO_SUCH_FLOW, "No such flow"));
    }

    /** {@code GET SUBSCRIPTIONS}. */
    public Reply subscriptions(String user) {
        return Reply.data(rows().stream()
                .filter(r -> r.role().equals(SubscriptionRow.SUBSCRIBER) && r.account().equals(user))
                .map(r -> r.localFlow().orElse("") + " SUBSCRIBED TO " + r.copyFlow() + " state=" + r.state()
                        + " remote=" + r.remoteFlow())
                .toList());
    }

    /** {@code GET SUBSCRIBERS [flow]}. */
    public Reply subscribers(String user, Optional<FlowName> flow) {
        return Reply.data(rows().stream()
                .filter(r -> r.role().equals(SubscriptionRow.PUBLISHER))
                .filter(r -> flow.map(f -> f.fqdn().equals(r.remoteFlow())).orElse(true))
                .filter(r -> ownerOf(new FlowName(r.remoteFlow())).map(user::equals).orElse(false))
                .map(r -> r.copyFlow() + " COPY OF " + r.remoteFlow() + " FOR " + r.account() + " state=" + r.state())
                .toList());
    }

    /**
     * Who may describe a copy flow besides its namespace's owner: the account it was made for.
     *
     * @return the namespace owner to describe it as, when {@code user} subscribed to it
     */
    public Optional<String> describeAs(String user, FlowName flow) {
        return publisherRow(flow).filter(r -> r.account().equals(user))
                .flatMap(r -> ownerOf(flow));
    }

    // ---------------------------------------------------------------- publisher (A)

    /** Makes a copy of one of this gateway's flows for {@code account}, bridged from the flow. */
    private SubscriptionRow makeCopy(String account, FlowName flow) throws Refused {
        synchronized (lock) {
            // An anonymous session reads public namespaces only, even if listed among a namespace's readers.
            NamespaceEntry ns = namespaces.namespaceOf(flow)
                    .filter(n -> account.equals(User.ANONYMOUS) ? n.publicAccess() : n.readableBy(account))
                    .orElseThrow(SubscriptionService::noSuchFlow);
            FlowRecord source = storeCall(() -> store.findFlow(flow.fqdn())).orElseThrow(SubscriptionService::noSuchFlow);
            FlowName copy = copyName(flow);
            try {
                flows.create(ns.owner(), copy);
            } catch (FlowServiceException e) {
                throw refused(e);
            }
            String copyBroker = storeCall(() -> store.findFlow(copy.fqdn())).map(FlowRecord::broker).orElse(ns.broker());
            ProcessorSpec spec = ProcessorSpec.bridge(new LocalFlow(flow.fqdn(), source.broker()),
                    new LocalFlow(copy.fqdn(), copyBroker), ProcessorSettings.defaults());
            try {
                processors.create(spec);
            } catch (RuntimeException e) {
                deleteFlowQuietly(ns.owner(), copy);
                LOG.log(Level.WARNING, "event=subscription.copy-failed flow=" + flow + " detail=\"" + e.getMessage() + "\"");
                throw new Refused(ReplyCodes.BROKER_UNAVAILABLE, "Broker unavailable");
            }
            var row = new SubscriptionRow(UUID.randomUUID().toString(), SubscriptionRow.PUBLISHER, account,
                    Optional.empty(), flow.fqdn(), copy.fqdn(), Optional.empty(), Optional.of(spec.id()), ACTIVE,
                    clock.instant());
            try {
                store.insertSubscription(row);
            } catch (StoreException e) {
                destroyQuietly(spec.id());
                deleteFlowQuietly(ns.owner(), copy);
                throw new Refused(ReplyCodes.BROKER_UNAVAILABLE, "Registry unavailable");
            }
            LOG.log(Level.INFO, "event=subscription.copy-created flow=" + flow + " copy=" + copy + " account=" + account);
            return row;
        }
    }

    /** Ends a copy made here: its processor, the copy flow with its DNS records, the record; and a local subscriber of it. */
    private Reply endCopy(SubscriptionRow row) {
        synchronized (lock) {
            row.processorId().ifPresent(this::destroyQuietly);
            FlowName copy = new FlowName(row.copyFlow());
            Optional<String> owner = ownerOf(copy);
            if (owner.isPresent()) {
                try {
                    flows.delete(owner.get(), copy);
                } catch (FlowServiceException e) {
                    if (e.reason() != FlowServiceException.Reason.NO_SUCH_FLOW) {
                        LOG.log(Level.WARNING, "event=subscription.copy-delete-failed copy=" + copy + " detail=\"" + e.getMessage() + "\"");
                        return refused(e).reply();
                    }
                }
            }
            storeQuietly(() -> store.deleteSubscription(row.id()));
            // A subscriber on this same gateway learns at once.
            for (SubscriptionRow local : rows()) {
                if (local.role().equals(SubscriptionRow.SUBSCRIBER) && local.peerFqdn().isEmpty()
                        && local.copyFlow().equals(row.copyFlow()) && local.state().equals(ACTIVE)) {
                    markRevoked(local);
                }
            }
            LOG.log(Level.INFO, "event=subscription.copy-ended copy=" + copy + " account=" + row.account());
            return Reply.ok("OK " + row.copyFlow());
        }
    }

    // ---------------------------------------------------------------- subscriber (B)

    private Reply subscribeLocal(String user, FlowName remote, FlowName local) throws Refused {
        synchronized (lock) {
            NamespaceEntry localNs = namespaces.namespaceOf(local).filter(ns -> ns.owner().equals(user))
                    .orElseThrow(() -> new Refused(ReplyCodes.NO_SUCH_FLOW, "No such flow namespace"));
            if (namespaces.isNamespace(local)) {
                throw new Refused(ReplyCodes.INVALID_FLOW_NAME, "Invalid flow name: the name of a namespace");
            }
            if (remote.equals(local)) {
                throw new Refused(ReplyCodes.INVALID_FLOW_NAME, "Invalid flow name: a flow cannot subscribe to itself");
            }
            for (SubscriptionRow row : rows()) {
                if (row.role().equals(SubscriptionRow.SUBSCRIBER) && row.localFlow().orElse("").equals(local.fqdn())
                        && row.state().equals(ACTIVE)) {
                    throw new Refused(ReplyCodes.INVALID_FLOW_NAME, local.fqdn() + " already subscribed to " + row.copyFlow());
                }
            }
            if (namespaces.namespaceOf(remote).isPresent()) {
                SubscriptionRow copy = makeCopy(user, remote);
                FlowName copyFlow = new FlowName(copy.copyFlow());
                String broker = storeCall(() -> store.findFlow(copy.copyFlow())).map(FlowRecord::broker)
                        .orElse(localNs.broker());
                try {
                    return finish(user, remote, local, copyFlow, new LocalFlow(copyFlow.fqdn(), broker), Optional.empty());
                } catch (Refused e) {
                    endCopy(copy);
                    throw e;
                }
            }
            Peer peer = connect(remote);
            try (FnapClient client = peer.client()) {
                Reply made;
                try {
                    made = client.execute("SUBSCRIBE " + remote.fqdn());
                } catch (FnapException e) {
                    throw unavailable(e.getMessage());
                }
                if (made.code() == ReplyCodes.NO_SUCH_FLOW) {
                    throw noSuchFlow();
                }
                if (!made.isPositive() || !made.isData() || made.data().size() != 1) {
                    throw remoteRefused(made);
                }
                FlowName copy;
                try {
                    copy = FlowName.parse(made.data().get(0));
                } catch (InvalidFlowNameException e) {
                    throw new Refused(ReplyCodes.TRANSACTION_FAILED, "Remote FNAA answered an invalid copy flow");
                }
                try {
                    Map<String, String> description;
                    try {
                        description = new LinkedHashMap<>(client.describeFlow(copy));
                    } catch (FnapReplyException e) {
                        throw remoteRefused(e.reply());
                    } catch (FnapException e) {
                        throw unavailable(e.getMessage());
                    }
                    description.put(RemoteFlow.PEER, peer.fqdn());
                    return finish(user, remote, local, copy, new RemoteFlow(copy.fqdn(), description),
                            Optional.of(peer.fqdn()));
                } catch (Refused | RuntimeException e) {
                    try {
                        client.execute("UNSUBSCRIBE " + copy.fqdn());
                    } catch (FnapException | RuntimeException undo) {
                        LOG.log(Level.WARNING, "event=subscription.undo-failed copy=" + copy + " peer=" + peer.fqdn()
                                + " detail=\"" + undo.getMessage() + "\"");
                    }
                    throw e;
                }
            } finally {
                quit(peer.client());
            }
        }
    }

    /** Creates the local flow when missing, starts copy -> local and records it. */
    private Reply finish(String user, FlowName remote, FlowName local, FlowName copy, Endpoint source,
                         Optional<String> peer) throws Refused {
        boolean created = storeCall(() -> store.findFlow(local.fqdn())).isEmpty();
        try {
            flows.create(user, local);
        } catch (FlowServiceException e) {
            throw refused(e);
        }
        String broker = storeCall(() -> store.findFlow(local.fqdn())).map(FlowRecord::broker).orElseThrow();
        ProcessorSpec spec = ProcessorSpec.bridge(source, new LocalFlow(local.fqdn(), broker), ProcessorSettings.defaults());
        try {
            processors.create(spec);
        } catch (ProcessorException e) {
            if (created) {
                deleteFlowQuietly(user, local);
            }
            LOG.log(Level.WARNING, "event=subscription.bridge-failed local=" + local + " copy=" + copy
                    + " detail=\"" + e.getMessage() + "\"");
            throw new Refused(ReplyCodes.BROKER_UNAVAILABLE, "Remote broker unavailable: " + singleLine(e.getMessage()));
        }
        var row = new SubscriptionRow(UUID.randomUUID().toString(), SubscriptionRow.SUBSCRIBER, user,
                Optional.of(local.fqdn()), remote.fqdn(), copy.fqdn(), peer, Optional.of(spec.id()), ACTIVE,
                clock.instant());
        try {
            store.insertSubscription(row);
        } catch (StoreException e) {
            destroyQuietly(spec.id());
            if (created) {
                deleteFlowQuietly(user, local);
            }
            throw new Refused(ReplyCodes.BROKER_UNAVAILABLE, "Registry unavailable");
        }
        LOG.log(Level.INFO, "event=subscription.created local=" + local + " copy=" + copy + " remote=" + remote
                + " peer=" + peer.orElse("local") + " user=" + user);
        return Reply.data(List.of(local.fqdn() + " SUBSCRIBED TO " + copy.fqdn()));
    }

    /** Ends a subscription of this gateway's: processor, record, then (best effort) the copy at the publisher. */
    private Reply endSubscription(SubscriptionRow row) {
        synchronized (lock) {
            row.processorId().ifPresent(this::destroyQuietly);
            storeQuietly(() -> store.deleteSubscription(row.id()));
            String local = row.localFlow().orElse("");
            LOG.log(Level.INFO, "event=subscription.ended local=" + local + " copy=" + row.copyFlow());
            if (!row.state().equals(ACTIVE)) {
                return Reply.ok("OK " + local);
            }
            if (row.peerFqdn().isEmpty()) {
                publisherRow(new FlowName(row.copyFlow())).ifPresent(this::endCopy);
                return Reply.ok("OK " + local);
            }
            try {
                Peer peer = connect(new FlowName(row.remoteFlow()));
                try {
                    Reply reply = peer.client().execute("UNSUBSCRIBE " + row.copyFlow());
                    if (!reply.isPositive() && reply.code() != ReplyCodes.NO_SUCH_FLOW) {
                        return Reply.ok("OK " + local + " (remote FNAA answered " + singleLine(reply.statusLine()) + ")");
                    }
                } finally {
                    quit(peer.client());
                }
            } catch (Refused e) {
                return Reply.ok("OK " + local + " (" + e.reply().text() + "; the copy " + row.copyFlow()
                        + " may remain at " + row.peerFqdn().get() + ")");
            } catch (FnapException e) {
                return Reply.ok("OK " + local + " (Remote FNAA unavailable: " + singleLine(e.getMessage()) + ")");
            }
            return Reply.ok("OK " + local);
        }
    }

    private void markRevoked(SubscriptionRow row) {
        row.processorId().ifPresent(this::destroyQuietly);
        storeQuietly(() -> store.updateSubscriptionState(row.id(), REVOKED));
        LOG.log(Level.INFO, "event=subscription.revoked local=" + row.localFlow().orElse("") + " copy=" + row.copyFlow());
    }

    /** From the watcher: only a subscription that is still there and active (a user may have just ended it). */
    private void revokeIfActive(SubscriptionRow row) {
        synchronized (lock) {
            boolean stillActive = rowsQuietly().stream().anyMatch(r -> r.id().equals(row.id()) && r.state().equals(ACTIVE));
            if (stillActive) {
                markRevoked(row);
            }
        }
    }

    /** The watcher: DESCRIBE each active remote copy; 550 means the publisher revoked it. */
    void checkRemoteCopies() {
        for (SubscriptionRow row : rowsQuietly()) {
            if (row.role().equals(SubscriptionRow.SUBSCRIBER) && row.state().equals(ACTIVE) && copyVanished(row)) {
                revokeIfActive(row);
                continue;
            }
            if (!row.role().equals(SubscriptionRow.SUBSCRIBER) || !row.state().equals(ACTIVE) || row.peerFqdn().isEmpty()) {
                continue;
            }
            try {
                Peer peer = connect(new FlowName(row.remoteFlow()));
                Reply reply;
                try {
                    reply = peer.client().execute("DESCRIBE FLOW " + row.copyFlow());
                } finally {
                    quit(peer.client());
                }
                if (reply.code() == ReplyCodes.NO_SUCH_FLOW) {
                    revokeIfActive(row);
                }
            } catch (Refused e) {
                if (e.reply().code() == ReplyCodes.NO_SUCH_FLOW) {
                    // The flow subscribed to is gone from DNS altogether: so is its copy.
                    revokeIfActive(row);
                } else {
                    LOG.log(Level.DEBUG, "event=subscription.check-failed copy=" + row.copyFlow() + " detail=\"" + e.getMessage() + "\"");
                }
            } catch (FnapException | RuntimeException e) {
                LOG.log(Level.DEBUG, "event=subscription.check-failed copy=" + row.copyFlow() + " detail=\"" + e.getMessage() + "\"");
            }
        }
    }

    /** Whether the bridge failed because the copy flow's broker resource is gone (BrokerException.NoSuchResource). */
    private boolean copyVanished(SubscriptionRow row) {
        return row.processorId().flatMap(processors::status)
                .map(status -> status.state() instanceof org.eson.gateway.processors.ProcessorState.Failed failed
                        && failed.reason() != null && failed.reason().contains("No broker resource for flow " + row.copyFlow()))
                .orElse(false);
    }

    // ---------------------------------------------------------------- reaching a peer

    private record Peer(FnapClient client, String fqdn) {
    }

    /** Resolves the flow's FNAA, connects to its targets in order and logs in with the peer's credentials. */
    private Peer connect(FlowName remote) throws Refused {
        FlowResolver dns = resolver.get();
        FlowLocation location;
        try {
            location = dns.resolve(remote, null);
        } catch (FnsException.NotFound | FnsException.BrokenChain e) {
            throw new Refused(ReplyCodes.NO_SUCH_FLOW, "No such flow (not in the flow name service)");
        } catch (FnsException e) {
            LOG.log(Level.WARNING, "event=subscription.dns-failed flow=" + remote + " detail=\"" + e.getMessage() + "\"");
            throw new Refused(ReplyCodes.BROKER_UNAVAILABLE, "Name service unavailable");
        }
        boolean tls = location.fnaa().tls();
        FnapClientOptions options = FnapClientOptions.defaults()
                .withConnectTimeout(java.time.Duration.ofSeconds(5)).withReadTimeout(java.time.Duration.ofSeconds(30));
        String reason = "no usable target";
        for (ServiceTarget target : location.fnaa().targets()) {
            if (target.port() <= 0) {
                continue;
            }
            List<String> hosts = new ArrayList<>();
            if (tls) {
                hosts.add(target.host());
            } else {
                try {
                    for (InetAddress address : dns.resolveAddresses(target.host(), null)) {
                        hosts.add(address.getHostAddress());
                    }
                } catch (FnsException | IllegalArgumentException e) {
                    reason = "cannot resolve " + target.host() + ": " + e.getMessage();
                    continue;
                }
            }
            for (String host : hosts) {
                FnapClient client;
                try {
                    client = FnapClient.connect(new FnapEndpoint(host, target.port(), tls), options);
                } catch (FnapException e) {
                    reason = e.getMessage();
                    continue;
                }
                Optional<PeerEntry> credentials = config.peer(client.serverFqdn()).or(() -> config.peer(target.host()));
                if (credentials.isEmpty()) {
                    quit(client);
                    throw new Refused(ReplyCodes.AUTH_REQUIRED, "No credentials configured for remote FNAA "
                            + client.serverFqdn());
                }
                try {
                    if (credentials.get().anonymous()) {
                        // SASL ANONYMOUS, one-line form; the trace is this gateway's FQDN.
                        Reply outcome = client.execute("AUTHENTICATE ANONYMOUS " + config.fqdn());
                        if (!outcome.isPositive() || outcome.isData()) {
                            throw new FnapReplyException(outcome, "AUTHENTICATE ANONYMOUS");
                        }
                    } else {
                        client.authenticatePlain(credentials.get().username(), credentials.get().password());
                    }
                } catch (FnapReplyException e) {
                    quit(client);
                    throw new Refused(ReplyCodes.AUTH_FAILED, "Remote FNAA refused authentication");
                } catch (FnapException e) {
                    quit(client);
                    reason = e.getMessage();
                    continue;
                }
                return new Peer(client, credentials.get().fqdn());
            }
        }
        throw unavailable(reason);
    }

    private static void quit(FnapClient client) {
        try {
            if (client.isOpen()) {
                client.quit();
            }
        } catch (FnapException | RuntimeException e) {
            // closing anyway
        } finally {
            client.close();
        }
    }

    // ---------------------------------------------------------------- helpers

    private FlowName copyName(FlowName flow) {
        for (int attempt = 0; attempt < 10; attempt++) {
            var label = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                label.append(LABEL_CHARS.charAt(random.nextInt(LABEL_CHARS.length())));
            }
            FlowName copy = new FlowName(label + "." + flow.fqdn());
            if (store.findFlow(copy.fqdn()).isEmpty()) {
                return copy;
            }
        }
        throw new IllegalStateException("no free copy name for " + flow);
    }

    private Optional<SubscriptionRow> publisherRow(FlowName copy) {
        return rows().stream().filter(r -> r.role().equals(SubscriptionRow.PUBLISHER))
                .filter(r -> r.copyFlow().equals(copy.fqdn())).findFirst();
    }

    private Optional<String> ownerOf(FlowName flow) {
        return namespaces.namespaceOf(flow).map(NamespaceEntry::owner);
    }

    private List<SubscriptionRow> rows() {
        return store.subscriptions();
    }

    private List<SubscriptionRow> rowsQuietly() {
        try {
            return store.subscriptions();
        } catch (StoreException e) {
            return List.of();
        }
    }

    private void destroyQuietly(String processorId) {
        try {
            processors.destroy(processorId);
        } catch (ProcessorException e) {
            LOG.log(Level.DEBUG, "event=subscription.processor-gone id=" + processorId + " detail=\"" + e.getMessage() + "\"");
        }
    }

    private void deleteFlowQuietly(String owner, FlowName flow) {
        try {
            flows.delete(owner, flow);
        } catch (FlowServiceException e) {
            LOG.log(Level.ERROR, "event=subscription.undo-failed flow=" + flow + " detail=\"" + e.getMessage() + "\"");
        }
    }

    private static void storeQuietly(Runnable call) {
        try {
            call.run();
        } catch (StoreException e) {
            LOG.log(Level.ERROR, "event=subscription.store-failed detail=\"" + e.getMessage() + "\"");
        }
    }

    private interface StoreCall<T> {
        T call();
    }

    private static <T> T storeCall(StoreCall<T> call) throws Refused {
        try {
            return call.call();
        } catch (StoreException e) {
            throw new Refused(ReplyCodes.BROKER_UNAVAILABLE, "Registry unavailable");
        }
    }

    private static Refused noSuchFlow() {
        return new Refused(ReplyCodes.NO_SUCH_FLOW, "No such flow");
    }

    private static Refused unavailable(String reason) {
        return new Refused(ReplyCodes.BROKER_UNAVAILABLE, "Remote FNAA unavailable: " + singleLine(reason));
    }

    private static Refused remoteRefused(Reply reply) {
        if (reply.code() == ReplyCodes.NO_SUCH_FLOW) {
            return noSuchFlow();
        }
        int code = reply.isTransient() ? ReplyCodes.BROKER_UNAVAILABLE : ReplyCodes.TRANSACTION_FAILED;
        return new Refused(code, "Remote FNAA refused: " + singleLine(reply.statusLine()));
    }

    private static Refused refused(FlowServiceException e) {
        return switch (e.reason()) {
            case NO_SUCH_NAMESPACE -> new Refused(ReplyCodes.NO_SUCH_FLOW, "No such flow namespace");
            case NO_SUCH_FLOW -> new Refused(ReplyCodes.NO_SUCH_FLOW, "No such flow");
            case INVALID_NAME -> new Refused(ReplyCodes.INVALID_FLOW_NAME, "Invalid flow name: " + e.getMessage());
            case QUOTA_EXCEEDED -> new Refused(ReplyCodes.QUOTA_EXCEEDED, "Quota exceeded");
            case BROKER_UNAVAILABLE -> new Refused(ReplyCodes.BROKER_UNAVAILABLE, "Broker unavailable");
            case BROKER_REFUSED -> new Refused(ReplyCodes.TRANSACTION_FAILED, "Broker refused: " + singleLine(e.getMessage()));
            case STORE_UNAVAILABLE -> new Refused(ReplyCodes.BROKER_UNAVAILABLE, "Registry unavailable");
            case NAME_SERVICE_UNAVAILABLE -> new Refused(ReplyCodes.BROKER_UNAVAILABLE, "Name service unavailable");
            case NAME_SERVICE_REFUSED -> new Refused(ReplyCodes.TRANSACTION_FAILED, "Name service refused: "
                    + singleLine(e.getMessage()));
        };
    }

    private static String singleLine(String text) {
        String line = text == null ? "unknown reason" : text.replaceAll("[\\r\\n]+", " ");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
