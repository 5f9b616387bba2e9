package org.eson.gateway;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

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
import org.eson.gateway.brokers.AdapterRegistry;
import org.eson.gateway.config.GatewayConfig;
import org.eson.gateway.config.ListenerSettings;
import org.eson.gateway.flows.FlowRecord;
import org.eson.gateway.flows.FlowService;
import org.eson.gateway.flows.NamespaceDirectory;
import org.eson.gateway.flows.NamespaceRecord;
import org.eson.gateway.flows.store.JdbcRegistryStore;
import org.eson.gateway.flows.store.RegistryStore;
import org.eson.gateway.fnap.CommandDispatcher;
import org.eson.gateway.fnap.FnapConnectionSelector;
import org.eson.gateway.fnap.SessionRegistry;
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
import org.eson.gateway.users.UserDirectory;
import org.eson.spi.BrokerAdapter;
import org.eson.spi.BrokerException;
import org.eson.spi.FlowSpec;

/**
 * A running FNAA: registry store, broker adapters, FNAP listeners (plaintext and optionally
 * implicit TLS) and the HTTP observe listener. {@link #close()} says goodbye to every session,
 * then stops listeners, adapters and store, in that order.
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
    private volatile boolean closed;

    private Gateway(GatewayConfig config, RegistryStore store, AdapterRegistry brokers, SessionRegistry sessions,
                    GatewayMetrics metrics, WebServer server) {
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
        try {
            brokers = AdapterRegistry.create(config.brokers(), Gateway.class.getClassLoader());
            store.syncNamespaces(config.namespaces().stream()
                    .map(ns -> new NamespaceRecord(ns.name(), ns.owner(), ns.broker()))
                    .toList());
            reconcile(store, brokers, config);

            var metrics = new GatewayMetrics();
            metrics.flowsFrom(store::countFlowsByNamespace);
            var sessions = new SessionRegistry(config.sessions().maxSessions());
            var namespaces = new NamespaceDirectory(config.namespaces());
            var flows = new FlowService(namespaces, store, brokers, Clock.systemUTC());
            var users = new UserDirectory(config.users());
            Map<String, SaslMechanism> mechanisms = Map.of("PLAIN", new PlainMechanism(users));
            OptionalInt tlsPort = config.fnaps().isPresent() ? OptionalInt.of(config.fnaps().get().port()) : OptionalInt.empty();
            var dispatcher = CommandDispatcher.builder()
                    .register(Command.CreateFlow.class, new CreateFlowHandler(flows))
                    .register(Command.DescribeFlow.class, new DescribeFlowHandler(flows))
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

            WebServer server = buildServer(config, selector, metrics, store, brokers).start();
            var gateway = new Gateway(config, store, brokers, sessions, metrics, server);
            LOG.log(Level.INFO, "event=gateway.started fqdn=" + config.fqdn()
                    + " fnap=" + config.fnap().host() + ":" + gateway.fnapPort()
                    + gateway.fnapsPort().map(p -> " fnaps=" + config.fnaps().get().host() + ":" + p).orElse("")
                    + " http=" + config.http().host() + ":" + gateway.httpPort());
            return gateway;
        } catch (RuntimeException e) {
            if (brokers != null) {
                brokers.close();
            }
            store.close();
            throw e;
        }
    }

    /**
     * Makes every registered flow's broker resource exist again (an in-memory broker starts
     * empty; an operator may have removed a topic). A broker that is down is reported, not fatal:
     * readiness shows it, and DESCRIBE recreates the resource later.
     */
    private static void reconcile(RegistryStore store, AdapterRegistry brokers, GatewayConfig config) {
        var configured = config.brokers().stream().map(b -> b.name()).toList();
        int ensured = 0;
        for (FlowRecord flow : store.allFlows()) {
            if (!configured.contains(flow.broker())) {
                LOG.log(Level.WARNING, "event=flow.orphaned flow=" + flow.flow() + " broker=" + flow.broker()
                        + " detail=broker no longer configured");
                continue;
            }
            try {
                brokers.adapter(flow.broker()).create(FlowSpec.of(flow.flow()));
                ensured++;
            } catch (BrokerException e) {
                LOG.log(Level.WARNING, "event=flow.reconcile-failed flow=" + flow.flow() + " detail=" + e.getMessage());
            }
        }
        LOG.log(Level.DEBUG, "event=flows.reconciled count=" + ensured);
    }

    private static WebServer buildServer(GatewayConfig config, FnapConnectionSelector selector, GatewayMetrics metrics,
                                         RegistryStore store, AdapterRegistry brokers) {
        var health = HealthObserver.builder()
                .useSystemServices(false)
                .details(true)
                .addCheck(() -> HealthCheckResponse.builder().status(true).build(), HealthCheckType.LIVENESS, "gateway")
                .addCheck(() -> storeHealth(store), HealthCheckType.READINESS, "registry")
                .addCheck(() -> brokerHealth(brokers), HealthCheckType.READINESS, "brokers")
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

    /** The broker adapters, for tests that take a broker down. */
    AdapterRegistry brokers() {
        return brokers;
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
        brokers.close();
        store.close();
        LOG.log(Level.INFO, "event=gateway.stopped");
    }
}
