package org.eson.gateway;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;

import io.helidon.common.tls.Tls;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;

import org.eson.fnap.command.Command;
import org.eson.fnap.fns.FlowResolver;
import org.eson.fnap.fns.Nameserver;
import org.eson.fnap.fns.ResolverSettings;
import org.eson.gateway.subscribe.RemoteBrokers;
import org.eson.gateway.subscribe.SubscriptionService;
import org.eson.gateway.brokers.AdapterRegistry;
import org.eson.gateway.config.ConfigurationException;
import org.eson.gateway.config.FnsAdvertise;
import org.eson.gateway.config.FnsSettings;
import org.eson.gateway.config.FnsZone;
import org.eson.gateway.config.GatewayConfig;
import org.eson.gateway.config.NamespaceEntry;
import org.eson.gateway.config.ListenerSettings;
import org.eson.gateway.flows.FlowRecord;
import org.eson.gateway.flows.FlowService;
import org.eson.gateway.flows.NamespaceDirectory;
import org.eson.gateway.flows.NamespaceRecord;
import org.eson.gateway.flows.store.JdbcRegistryStore;
import org.eson.gateway.flows.store.RegistryStore;
import org.eson.gateway.fns.DnsFlowRegistrar;
import org.eson.gateway.fns.FlowRegistrar;
import org.eson.gateway.fns.FnaaEndpoint;
import org.eson.gateway.fns.FnsException;
import org.eson.gateway.fns.Zones;
import org.eson.gateway.fns.embedded.EmbeddedNameServer;
import org.eson.gateway.fns.embedded.EmbeddedZones;
import org.eson.gateway.fnap.CommandDispatcher;
import org.eson.gateway.fnap.FnapConnectionSelector;
import org.eson.gateway.fnap.SessionRegistry;
import org.eson.gateway.fnap.auth.AnonymousMechanism;
import org.eson.gateway.fnap.auth.PlainMechanism;
import org.eson.gateway.fnap.auth.SaslMechanism;
import org.eson.gateway.fnap.handlers.CapabilitiesHandler;
import org.eson.gateway.fnap.handlers.CreateFlowHandler;
import org.eson.gateway.fnap.handlers.DeleteFlowHandler;
import org.eson.gateway.fnap.handlers.DescribeFlowHandler;
import org.eson.gateway.fnap.handlers.GetFlowsHandler;
import org.eson.gateway.fnap.handlers.GetNamespacesHandler;
import org.eson.gateway.fnap.handlers.HelpHandler;
import org.eson.gateway.fnap.handlers.NoopHandler;
import org.eson.gateway.observe.GatewayMetrics;
import org.eson.gateway.processors.ProcessorRuntime;
import org.eson.gateway.users.UserDirectory;
import org.eson.spi.BrokerAdapter;
import org.eson.spi.BrokerException;

/**
 * A running FNAA: registry store, broker adapters, the Flow Name Service registrar (and, without
 * configured zones, the embedded development name server), FNAP listeners (plaintext and
 * optionally implicit TLS), the HTTP observe listener and the flow processors. {@link #close()}
 * says goodbye to every session, then stops listeners, name server, processors, adapters and
 * store, in that order.
 */
public final class Gateway implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());
    static final String FNAP_SOCKET = "fnap";
    static final String FNAPS_SOCKET = "fnaps";

    private final GatewayConfig config;
    private final RegistryStore store;
    private final AdapterRegistry brokers;
    private final SessionRegistry sessions;
    private final GatewayMetrics metrics;
    private final WebServer server;
    private final EmbeddedNameServer embedded;
    private final ProcessorRuntime processors;
    private final SubscriptionService subscriptions;
    private volatile boolean closed;

    private Gateway(GatewayConfig config, RegistryStore store, AdapterRegistry brokers, SessionRegistry sessions,
                    GatewayMetrics metrics, WebServer server, EmbeddedNameServer embedded, ProcessorRuntime processors,
                    SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
        this.embedded = embedded;
        this.processors = processors;
        this.config = config;
        this.store = store;
        this.brokers = brokers;
        this.sessions = sessions;
        this.metrics = metrics;
        this.server = server;
    }

    /** Starts a gateway; on any failure everything started so far is stopped again. */
    public static Gateway start(GatewayConfig config) {
        RegistryStore store = JdbcRegistryStore.openH2(config.dataDir());
        AdapterRegistry brokers = null;
        EmbeddedNameServer embedded = null;
        WebServer server = null;
        ProcessorRuntime processors = null;
        SubscriptionService subscriptions = null;
        try {
            brokers = AdapterRegistry.create(config.brokers(), Gateway.class.getClassLoader());
            processors = new ProcessorRuntime(store, brokers::adapter, Clock.systemUTC(),
                    new RemoteBrokers(config, Gateway.class.getClassLoader()));
            store.syncNamespaces(config.namespaces().stream()
                    .map(ns -> new NamespaceRecord(ns.name(), ns.owner(), ns.broker()))
                    .toList());
            List<String> namespaceNames = config.namespaces().stream().map(NamespaceEntry::name).toList();

            var metrics = new GatewayMetrics();
            metrics.flowsFrom(store::countFlowsByNamespace);
            metrics.processorsFrom(processors::samples);
            FnsSettings fns = config.fns();
            List<FnsZone> zones;
            if (fns.embeddedMode()) {
                embedded = startEmbedded(config, namespaceNames);
                String client = WILDCARD.contains(fns.embedded().host()) ? "127.0.0.1" : embedded.host();
                int port = embedded.port();
                // Synthesized exactly like an operator's zone, so development runs the real update path.
                zones = EmbeddedZones.names(namespaceNames, fns.advertise().host()).stream()
                        .map(zone -> new FnsZone(zone, client, port, Optional.empty(), true))
                        .toList();
            } else {
                zones = fns.zones();
                List<String> uncovered = Zones.uncovered(namespaceNames, zones.stream().map(FnsZone::name).toList());
                if (!uncovered.isEmpty()) {
                    throw new ConfigurationException(List.of("namespaces in no configured fnaa.fns.zones entry: "
                            + String.join(", ", uncovered)));
                }
            }
            var endpoint = new AtomicReference<FnaaEndpoint>();
            var registrar = new DnsFlowRegistrar(zones, fns.ttl(), fns.timeout(), endpoint::get,
                    result -> metrics.fnsUpdate(result.name().toLowerCase(Locale.ROOT)));

            var sessions = new SessionRegistry(config.sessions().maxSessions());
            var namespaces = new NamespaceDirectory(config.namespaces());
            var flows = new FlowService(namespaces, store, brokers, registrar, Clock.systemUTC());
            var users = new UserDirectory(config.users());
            var resolver = new AtomicReference<FlowResolver>();
            EmbeddedNameServer embeddedServer = embedded;
            subscriptions = new SubscriptionService(config, namespaces, flows, store, processors,
                    () -> resolver.updateAndGet(r -> r != null ? r : resolver(config, embeddedServer)), Clock.systemUTC());
            SubscriptionService subs = subscriptions;
            // Ordered: CAPABILITIES lists auth=PLAIN ANONYMOUS.
            Map<String, SaslMechanism> mechanisms = new java.util.LinkedHashMap<>();
            mechanisms.put("PLAIN", new PlainMechanism(users));
            if (config.sessions().anonymous()) {
                mechanisms.put("ANONYMOUS", new AnonymousMechanism());
            }
            OptionalInt tlsPort = config.fnaps().isPresent() ? OptionalInt.of(config.fnaps().get().port()) : OptionalInt.empty();
            var dispatcher = CommandDispatcher.builder()
                    .register(Command.CreateFlow.class, new CreateFlowHandler(flows))
                    .register(Command.DescribeFlow.class, new DescribeFlowHandler(flows, subs::describeAs))
                    .register(Command.Subscribe.class, (c, u) -> subs.subscribe(u.orElseThrow().name(), c.flow(), c.local()))
                    .register(Command.Unsubscribe.class, (c, u) -> subs.unsubscribe(u.orElseThrow().name(), c.flow()))
                    .register(Command.GetSubscriptions.class, (c, u) -> subs.subscriptions(u.orElseThrow().name()))
                    .register(Command.GetSubscribers.class, (c, u) -> subs.subscribers(u.orElseThrow().name(), c.flow()))
                    .register(Command.Revoke.class, (c, u) -> subs.revoke(u.orElseThrow().name(), c.flow()))
                    .register(Command.DeleteFlow.class, new DeleteFlowHandler(flows))
                    .register(Command.GetFlows.class, new GetFlowsHandler(flows))
                    .register(Command.GetNamespaces.class, new GetNamespacesHandler(flows))
                    .register(Command.Capabilities.class,
                            new CapabilitiesHandler(mechanisms.keySet(), brokers.types(), List.of(), tlsPort))
                    .register(Command.Noop.class, new NoopHandler())
                    .register(Command.Help.class, new HelpHandler())
                    .build();
            var selector = new FnapConnectionSelector(config.fqdn(), dispatcher, mechanisms,
                    config.sessions().maxAuthFailures(), sessions, metrics);

            server = buildServer(config, selector, metrics, store, brokers, registrar).start();
            endpoint.set(advertised(config, server));
            var gateway = new Gateway(config, store, brokers, sessions, metrics, server, embedded, processors,
                    subscriptions);
            publishNamespaces(registrar, namespaceNames);
            reconcile(store, flows, config);
            // After reconcile: the flows' broker resources exist again, so the bridges can open them.
            processors.startPersisted();
            subscriptions.start();
            LOG.log(Level.INFO, "event=gateway.started fqdn=" + config.fqdn()
                    + " fnap=" + config.fnap().host() + ":" + gateway.fnapPort()
                    + gateway.fnapsPort().map(p -> " fnaps=" + config.fnaps().get().host() + ":" + p).orElse("")
                    + " http=" + config.http().host() + ":" + gateway.httpPort()
                    + " fns=" + (embedded != null ? "embedded:" + embedded.host() + ":" + embedded.port()
                    : zones.stream().map(FnsZone::name).collect(Collectors.joining(","))));
            return gateway;
        } catch (RuntimeException e) {
            if (subscriptions != null) {
                subscriptions.close();
            }
            if (processors != null) {
                processors.close();
            }
            if (server != null) {
                server.stop();
            }
            if (embedded != null) {
                embedded.close();
            }
            if (brokers != null) {
                brokers.close();
            }
            store.close();
            throw e;
        }
    }

    /**
     * The resolver for remote flows: {@code fnaa.fns.resolver.nameservers}, else the embedded
     * name server when it runs, else the system's.
     */
    private static FlowResolver resolver(GatewayConfig config, EmbeddedNameServer embedded) {
        var settings = config.subscriptions();
        List<Nameserver> servers = settings.nameservers();
        if (servers.isEmpty() && embedded != null) {
            String host = WILDCARD.contains(embedded.host()) ? "127.0.0.1" : embedded.host();
            servers = List.of(new Nameserver(host, embedded.port()));
        }
        return FlowResolver.create(ResolverSettings.defaults().withNameservers(servers)
                .withTimeout(settings.resolverTimeout()));
    }

    /** Subscriptions, for tests. */
    public SubscriptionService subscriptions() {
        return subscriptions;
    }

    private static final java.util.Set<String> WILDCARD = java.util.Set.of("0.0.0.0", "::", "[::]", "*");

    private static EmbeddedNameServer startEmbedded(GatewayConfig config, List<String> namespaces) {
        FnsSettings fns = config.fns();
        String host = fns.advertise().host();
        InetAddress address = hostAddress(config.fnap().host());
        List<String> names = EmbeddedZones.names(namespaces, host);
        var server = EmbeddedNameServer.start(WILDCARD.contains(fns.embedded().host()) ? "0.0.0.0" : fns.embedded().host(),
                fns.embedded().port(), EmbeddedZones.build(names, host, address, Math.max(1, fns.ttl().toSeconds())));
        // Expected in development; in a production configuration it means no zones were set up.
        LOG.log(config.development() ? Level.INFO : Level.WARNING, "event=fns.embedded listen=" + server.host() + ":" + server.port()
                + " zones=" + String.join(",", names)
                + " detail=\"embedded development name server: contents are lost at restart; configure fnaa.fns.zones for real DNS\"");
        return server;
    }

    /** The address the embedded zone gives the advertised host: the FNAP address when it is a literal. */
    private static InetAddress hostAddress(String fnapHost) {
        boolean literal = fnapHost.matches("\\d{1,3}(\\.\\d{1,3}){3}") || fnapHost.contains(":");
        try {
            if (literal && !WILDCARD.contains(fnapHost)) {
                return InetAddress.getByName(fnapHost.replace("[", "").replace("]", ""));
            }
            return InetAddress.getByName("127.0.0.1");
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("cannot parse " + fnapHost, e);
        }
    }

    /** Port 0 in the advertisement means "the listener the advertisement names", now that it is bound. */
    private static FnaaEndpoint advertised(GatewayConfig config, WebServer server) {
        FnsAdvertise a = config.fns().advertise();
        int port = a.port();
        if (port == 0) {
            port = a.tls() && config.fnaps().isPresent() ? server.port(FNAPS_SOCKET) : server.port(FNAP_SOCKET);
        }
        return new FnaaEndpoint(a.host(), port, a.tls(), a.priority(), a.weight());
    }

    private static void publishNamespaces(FlowRegistrar registrar, List<String> namespaces) {
        try {
            registrar.publishNamespaces(namespaces);
        } catch (FnsException e) {
            LOG.log(Level.WARNING, "event=fns.publish-failed transient=" + e.isTransient()
                    + " detail=\"" + e.getMessage() + "\"");
        }
    }

    /**
     * Makes every registered flow whole again: its broker resource and its DNS records. Nothing
     * here is fatal: readiness shows a broker or name server that is down.
     */
    private static void reconcile(RegistryStore store, FlowService flows, GatewayConfig config) {
        var configured = config.brokers().stream().map(b -> b.name()).toList();
        int seen = 0;
        for (FlowRecord flow : store.allFlows()) {
            if (!configured.contains(flow.broker())) {
                LOG.log(Level.WARNING, "event=flow.orphaned flow=" + flow.flow() + " broker=" + flow.broker()
                        + " detail=broker no longer configured");
                continue;
            }
            flows.reconcile(flow);
            seen++;
        }
        LOG.log(Level.DEBUG, "event=flows.reconciled count=" + seen);
    }

    private static WebServer buildServer(GatewayConfig config, FnapConnectionSelector selector, GatewayMetrics metrics,
                                         RegistryStore store, AdapterRegistry brokers, FlowRegistrar registrar) {
        var health = HealthObserver.builder()
                .useSystemServices(false)
                .details(true)
                .addCheck(() -> HealthCheckResponse.builder().status(true).build(), HealthCheckType.LIVENESS, "gateway")
                .addCheck(() -> storeHealth(store), HealthCheckType.READINESS, "registry")
                .addCheck(() -> brokerHealth(brokers), HealthCheckType.READINESS, "brokers")
                .addCheck(() -> fnsHealth(registrar), HealthCheckType.READINESS, "fns")
                .build();
        var builder = WebServer.builder()
                .shutdownHook(false)
                .featuresDiscoverServices(false)
                .host(config.http().host())
                .port(config.http().port())
                .addFeature(ObserveFeature.builder().observersDiscoverServices(false).addObserver(health).build())
                .routing(routing -> routing.get("/observe/metrics", (req, res) -> {
                    res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                    res.send(metrics.scrape());
                }))
                .putSocket(FNAP_SOCKET, listener -> fnapListener(listener, config.fnap(), config, selector));
        config.fnaps().ifPresent(tls -> {
            SSLContext context = TlsContexts.serverContext(tls);
            builder.putSocket(FNAPS_SOCKET, listener -> {
                fnapListener(listener, new ListenerSettings(tls.host(), tls.port()), config, selector);
                // Blocking sockets finish the handshake before the session starts, so the greeting is not lost.
                listener.useNio(false).tls(Tls.builder().sslContext(context).build());
            });
        });
        return builder.build();
    }

    private static void fnapListener(ListenerConfig.Builder listener, ListenerSettings settings, GatewayConfig config,
                                     FnapConnectionSelector selector) {
        listener.host(settings.host())
                .port(settings.port())
                .protocolsDiscoverServices(false)
                .addConnectionSelector(selector)
                .connectionOptions(options -> options.tcpNoDelay(true))
                .idleConnectionTimeout(config.sessions().idleTimeout())
                .idleConnectionPeriod(idlePeriod(config));
    }

    private static java.time.Duration idlePeriod(GatewayConfig config) {
        var timeout = config.sessions().idleTimeout();
        var period = timeout.dividedBy(4);
        return period.compareTo(java.time.Duration.ofSeconds(1)) < 0 ? java.time.Duration.ofMillis(250) : period;
    }

    private static HealthCheckResponse storeHealth(RegistryStore store) {
        try {
            store.checkOpen();
            return HealthCheckResponse.builder().status(true).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.builder().status(false).detail("error", String.valueOf(e.getMessage())).build();
        }
    }

    private static HealthCheckResponse brokerHealth(AdapterRegistry brokers) {
        var builder = HealthCheckResponse.builder();
        var down = new ArrayList<String>();
        for (String name : brokers.brokerNames()) {
            BrokerAdapter adapter = brokers.adapter(name);
            try {
                adapter.checkReachable();
                builder.detail(name, "UP");
            } catch (BrokerException | RuntimeException e) {
                builder.detail(name, "DOWN: " + e.getMessage());
                down.add(name);
            }
        }
        return builder.status(down.isEmpty()).build();
    }

    private static HealthCheckResponse fnsHealth(FlowRegistrar registrar) {
        try {
            registrar.checkReachable();
            return HealthCheckResponse.builder().status(true).build();
        } catch (FnsException | RuntimeException e) {
            return HealthCheckResponse.builder().status(false).detail("error", String.valueOf(e.getMessage())).build();
        }
    }

    /** The embedded development name server's bound port, when the gateway runs one (no zones configured). */
    public Optional<Integer> fnsPort() {
        return Optional.ofNullable(embedded).map(EmbeddedNameServer::port);
    }

    /** The bound plaintext FNAP port (useful when configured as 0). */
    public int fnapPort() {
        return server.port(FNAP_SOCKET);
    }

    /** The bound implicit-TLS FNAP port, when configured. */
    public Optional<Integer> fnapsPort() {
        return config.fnaps().map(tls -> server.port(FNAPS_SOCKET));
    }

    /** The bound HTTP observe port. */
    public int httpPort() {
        return server.port();
    }

    public GatewayConfig config() {
        return config;
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    public SessionRegistry sessions() {
        return sessions;
    }

    /** The broker adapters, for tests that take a broker down or publish to a flow directly. */
    public AdapterRegistry brokers() {
        return brokers;
    }

    /** The flow processors, for the FNAP handlers of subscriptions and for tests. */
    public ProcessorRuntime processors() {
        return processors;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.log(Level.INFO, "event=gateway.stopping sessions=" + sessions.openSessions());
        sessions.drain();
        server.stop();
        if (embedded != null) {
            embedded.close();
        }
        subscriptions.close();
        // Before the adapters, so each bridge settles its in-flight publishes while it still can.
        processors.close();
        brokers.close();
        store.close();
        LOG.log(Level.INFO, "event=gateway.stopped");
    }
}
