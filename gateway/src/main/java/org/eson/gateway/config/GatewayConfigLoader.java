package org.eson.gateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.TreeMap;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.config.ConfigSources;
import io.helidon.config.spi.ConfigSource;

import org.eson.gateway.users.PasswordHasher;
import org.eson.gateway.users.User;
import org.eson.spi.config.Durations;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads and validates the gateway configuration.
 *
 * <p>{@link #read} layers three sources, highest priority first: environment variables, Java
 * system properties, then the YAML file (or the bundled development file {@value #DEV_RESOURCE}).
 * Helidon 4.5 resolves environment variables lazily per key: for {@code fnaa.data-dir} it tries
 * {@code fnaa.data-dir}, {@code fnaa_data_dir}, {@code FNAA_DATA_dash_DIR},
 * {@code FNAA_DATA_DASH_DIR} and {@code FNAA_DATA_DIR}, in that order. It asks about every key
 * and section the file has and every key this loader reads by name, so a variable can override a
 * value, add keys inside an existing section (a broker's password) or supply a whole section the
 * file lacks. List entries are addressed by index ({@code FNAA_USERS_0_NAME}); an index beyond a
 * list the file has makes Helidon refuse the whole configuration.
 *
 * <p>{@link #load} maps the {@code fnaa} tree and reports every problem in one
 * {@link ConfigurationException} rather than stopping at the first.
 */
public final class GatewayConfigLoader {

    /** The development configuration bundled with the gateway, used when no file is given. */
    public static final String DEV_RESOURCE = "eson/fnaad-dev.yaml";

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_FNAP_PORT = 61000;
    public static final int DEFAULT_FNAPS_PORT = 61443;
    public static final int DEFAULT_HTTP_PORT = 61080;
    public static final String DEFAULT_DATA_DIR = "./data";
    public static final String DEFAULT_KEYSTORE_TYPE = "PKCS12";

    private static final System.Logger LOG = System.getLogger(GatewayConfigLoader.class.getName());

    static final Set<String> WILDCARD_HOSTS = Set.of("0.0.0.0", "::", "[::]", "*");

    private GatewayConfigLoader() {
    }

    /**
     * Builds the layered configuration: environment variables over system properties over
     * {@code file} (YAML whatever its extension), or over {@value #DEV_RESOURCE} when no file is given.
     *
     * @throws ConfigurationException when the file is missing, unreadable or not valid YAML
     */
    public static Config read(Optional<Path> file) {
        ConfigSource base;
        String origin;
        if (file.isPresent()) {
            Path path = file.get();
            origin = path.toAbsolutePath().toString();
            if (!Files.isRegularFile(path)) {
                throw new ConfigurationException(List.of("configuration file " + origin + " does not exist"));
            }
            if (!Files.isReadable(path)) {
                throw new ConfigurationException(List.of("configuration file " + origin + " is not readable"));
            }
            // Forcing YAML lets operators name the file fnaad.conf without Helidon guessing a format.
            base = ConfigSources.file(path).mediaType(MediaTypes.APPLICATION_X_YAML).build();
        } else {
            origin = "classpath:" + DEV_RESOURCE;
            base = ConfigSources.classpath(DEV_RESOURCE).mediaType(MediaTypes.APPLICATION_X_YAML).build();
        }
        try {
            // The builder's own env/sysprop sources are disabled so the order here is the whole story.
            return Config.builder()
                    .disableEnvironmentVariablesSource()
                    .disableSystemPropertiesSource()
                    .addSource(ConfigSources.environmentVariables())
                    .addSource(ConfigSources.systemProperties())
                    .addSource(base)
                    .build();
        } catch (ConfigException e) {
            throw new ConfigurationException(List.of("cannot read configuration from " + origin + ": "
                    + yamlProblem(e).orElseGet(() -> describe(e))), e);
        }
    }

    /**
     * SnakeYAML's own message quotes the offending line, which may be a password line; this
     * keeps only the problem and its position.
     */
    private static Optional<String> yamlProblem(Throwable e) {
        for (Throwable c = e; c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof MarkedYAMLException yaml) {
                StringBuilder sb = new StringBuilder("YAML syntax error");
                Mark mark = yaml.getProblemMark();
                if (mark != null) {
                    sb.append(" at line ").append(mark.getLine() + 1).append(", column ").append(mark.getColumn() + 1);
                }
                sb.append(": ").append(yaml.getProblem());
                if (yaml.getContext() != null) {
                    Mark context = yaml.getContextMark();
                    sb.append(" (").append(yaml.getContext());
                    if (context != null) {
                        sb.append(" started at line ").append(context.getLine() + 1)
                                .append(", column ").append(context.getColumn() + 1);
                    }
                    sb.append(")");
                }
                return Optional.of(sb.toString());
            }
        }
        return Optional.empty();
    }

    /**
     * Maps {@code root.get("fnaa")} to a {@link GatewayConfig}, applying defaults for absent keys.
     *
     * @throws ConfigurationException listing every problem found
     */
    public static GatewayConfig load(Config root) {
        Config fnaa = root.get("fnaa");
        if (!fnaa.exists()) {
            throw new ConfigurationException(List.of("the configuration has no 'fnaa' section"));
        }
        GatewayConfig config;
        try {
            config = new Mapper().map(fnaa);
        } catch (ConfigException e) {
            throw new ConfigurationException(List.of("cannot read configuration: " + describe(e)), e);
        }
        if (config.development()) {
            long plaintext = config.users().stream().filter(u -> u.plaintextPassword().isPresent()).count();
            LOG.log(Level.WARNING, "event=config.development plaintext_users=" + plaintext
                    + " fnaa.development is true: plaintext passwords are accepted; never run a public gateway like this");
        }
        return config;
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
                sb.append(": ").append(c.getMessage());
            }
        }
        return sb.toString();
    }

    /** One mapping pass; collects problems instead of throwing so all of them are reported. */
    private static final class Mapper extends ConfigReader {

        Mapper() {
            super(new ArrayList<>());
        }

        GatewayConfig map(Config fnaa) {
            boolean development = bool(fnaa.get("development"), false);
            String fqdn = fqdn(fnaa.get("fqdn"));
            Path dataDir = dataDir(fnaa.get("data-dir"));
            ListenerSettings fnap = listener(fnaa.get("fnap"), DEFAULT_FNAP_PORT);
            Optional<TlsListenerSettings> fnaps = tls(fnaa.get("fnaps"));
            ListenerSettings http = listener(fnaa.get("http"), DEFAULT_HTTP_PORT);
            checkClashes(fnap, fnaps, http);
            SessionSettings sessions = sessions(fnaa.get("sessions"));
            List<UserEntry> users = users(fnaa.get("users"), development);
            List<BrokerEntry> brokers = brokers(fnaa.get("brokers"));
            List<NamespaceEntry> namespaces = namespaces(fnaa.get("namespaces"),
                    names(users.stream().map(UserEntry::name).toList()),
                    names(brokers.stream().map(BrokerEntry::name).toList()));
            FnsSettings fns = new FnsSectionReader(problems).fns(fnaa.get("fns"), fqdn, development, fnap, fnaps, http, namespaces);
            SubscriptionSettings subscriptions = subscriptions(fnaa, development);
            if (!problems.isEmpty()) {
                throw new ConfigurationException(problems);
            }
            return new GatewayConfig(fqdn, dataDir, development, fnap, fnaps, http, sessions,
                    users, brokers, namespaces, fns, subscriptions);
        }

        /** {@code fnaa.fns.resolver}, {@code fnaa.peers} and {@code fnaa.subscriptions}. */
        private SubscriptionSettings subscriptions(Config fnaa, boolean development) {
            Config resolver = fnaa.get("fns").get("resolver");
            List<org.eson.fnap.fns.Nameserver> nameservers = new ArrayList<>();
            for (Config server : list(resolver.get("nameservers"))) {
                text(server).ifPresent(text -> {
                    try {
                        nameservers.add(org.eson.fnap.fns.Nameserver.parse(text));
                    } catch (IllegalArgumentException e) {
                        problems.add("fnaa.fns.resolver.nameservers: '" + text + "' is not host[:port]: " + e.getMessage());
                    }
                });
            }
            java.time.Duration timeout = duration(resolver.get("timeout"), SubscriptionSettings.DEFAULT_RESOLVER_TIMEOUT);
            List<PeerEntry> peers = new ArrayList<>();
            List<Config> items = list(fnaa.get("peers"));
            for (int i = 0; i < items.size(); i++) {
                Config item = items.get(i);
                String where = "fnaa.peers[" + i + "]";
                if (!section(item)) {
                    continue;
                }
                Optional<String> fqdn = text(item.get("fqdn"));
                if (bool(item.get("anonymous"), false)) {
                    if (fqdn.isEmpty()) {
                        problems.add(where + ": fqdn is required");
                    } else if (item.get("username").exists() || item.get("password").exists()
                            || item.get("password-env").exists()) {
                        problems.add(where + ": anonymous: true takes no username or password");
                    } else {
                        peers.add(PeerEntry.anonymous(fqdn.get()));
                    }
                    continue;
                }
                Optional<String> username = text(item.get("username"));
                Optional<String> password = secret(item.get("password"));
                Optional<String> passwordEnv = text(item.get("password-env"));
                if (password.isEmpty() && passwordEnv.isPresent()) {
                    password = Optional.ofNullable(System.getenv(passwordEnv.get())).filter(v -> !v.isEmpty());
                    if (password.isEmpty()) {
                        problems.add(where + ": environment variable " + passwordEnv.get() + " is not set");
                        continue;
                    }
                }
                if (fqdn.isEmpty() || username.isEmpty() || password.isEmpty()) {
                    problems.add(where + ": fqdn, username and password (or password-env) are required");
                    continue;
                }
                Map<String, String> credentials = new TreeMap<>();
                Config broker = item.get("broker-credentials");
                if (section(broker)) {
                    for (Config child : broker.asNodeList().orElse(List.of())) {
                        flatten(child, child.name(), credentials);
                    }
                }
                Optional<Path> truststore = text(item.get("truststore")).map(Path::of);
                if (truststore.isPresent()) {
                    // Not silently ignored: peers over TLS are verified with the JDK's default trust store only.
                    problems.add(where + ".truststore is not supported yet: TLS peers are verified with the JDK's"
                            + " default trust store");
                }
                peers.add(new PeerEntry(fqdn.get(), username.get(), password.get(), credentials, truststore));
            }
            java.time.Duration interval = duration(fnaa.get("subscriptions").get("check-interval"),
                    SubscriptionSettings.DEFAULT_CHECK_INTERVAL);
            if (interval.isZero() || interval.isNegative() || timeout.isZero() || timeout.isNegative()) {
                problems.add("fnaa.subscriptions.check-interval and fnaa.fns.resolver.timeout must be positive");
                return SubscriptionSettings.defaults();
            }
            return new SubscriptionSettings(nameservers, timeout, peers, interval);
        }

        private static Set<String> names(List<String> names) {
            return new LinkedHashSet<>(names);
        }


        private String fqdn(Config node) {
            Optional<String> value = text(node);
            if (value.isEmpty()) {
                problems.add("fnaa.fqdn is missing: set it to the gateway's DNS name, e.g. fnaa.example.org");
                return "";
            }
            String fqdn = DnsNames.normalize(value.get());
            if (!DnsNames.isValid(fqdn)) {
                problems.add("fnaa.fqdn '" + value.get() + "' is not a DNS name " + DNS_RULE);
            }
            return fqdn;
        }

        private Path dataDir(Config node) {
            String value = text(node).orElse(DEFAULT_DATA_DIR);
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                problems.add(node.key() + " '" + value + "' is not a valid path: " + e.getReason());
                return Path.of(DEFAULT_DATA_DIR);
            }
        }

        private ListenerSettings listener(Config node, int defaultPort) {
            if (!section(node)) {
                return new ListenerSettings(DEFAULT_HOST, defaultPort);
            }
            return new ListenerSettings(host(node.get("host")), port(node.get("port"), defaultPort));
        }

        private Optional<TlsListenerSettings> tls(Config node) {
            if (!node.exists() || !section(node)) {
                return Optional.empty();
            }
            String host = host(node.get("host"));
            int port = port(node.get("port"), DEFAULT_FNAPS_PORT);
            Config ks = node.get("keystore");
            if (!ks.exists()) {
                problems.add(node.key() + ".keystore is missing: the TLS listener needs path, password and key-alias");
                return Optional.empty();
            }
            if (!section(ks)) {
                return Optional.empty();
            }
            Optional<String> pathText = text(ks.get("path"));
            Optional<String> type = text(ks.get("type"));
            Optional<String> password = secret(ks.get("password"));
            Optional<String> alias = text(ks.get("key-alias"));
            Optional<String> keyPassword = secret(ks.get("key-password"));
            Path path = null;
            if (pathText.isEmpty()) {
                problems.add(ks.key() + ".path is missing");
            } else {
                try {
                    path = Path.of(pathText.get());
                    if (!Files.isRegularFile(path)) {
                        problems.add(ks.key() + ".path: keystore file " + path.toAbsolutePath() + " does not exist");
                        path = null;
                    } else if (!Files.isReadable(path)) {
                        problems.add(ks.key() + ".path: keystore file " + path.toAbsolutePath() + " is not readable");
                        path = null;
                    }
                } catch (InvalidPathException e) {
                    problems.add(ks.key() + ".path '" + pathText.get() + "' is not a valid path: " + e.getReason());
                }
            }
            if (alias.isEmpty()) {
                problems.add(ks.key() + ".key-alias is missing: name the keystore entry holding the gateway's key");
            }
            if (password.isEmpty()) {
                problems.add(ks.key() + ".password is missing");
            }
            String storeType = type.orElse(DEFAULT_KEYSTORE_TYPE);
            if (path == null || alias.isEmpty() || password.isEmpty()) {
                return Optional.empty();
            }
            String keyPass = keyPassword.orElse(password.get());
            checkKeystore(ks.key().toString(), path, storeType, password.get(), alias.get(), keyPass);
            return Optional.of(new TlsListenerSettings(host, port, path, storeType, password.get(), alias.get(), keyPass));
        }

        // Opening the keystore now turns a TLS handshake failure at the first client into a start-up error.
        private void checkKeystore(String key, Path path, String type, String password, String alias, String keyPassword) {
            KeyStore store;
            try {
                store = KeyStore.getInstance(type);
            } catch (KeyStoreException e) {
                problems.add(key + ".type '" + type + "' is not a keystore type this JVM supports");
                return;
            }
            try (InputStream in = Files.newInputStream(path)) {
                store.load(in, password.toCharArray());
            } catch (IOException | GeneralSecurityException e) {
                // the top message ("keystore password was incorrect") is the useful part; causes are cipher noise
                problems.add(key + ": cannot open " + path.toAbsolutePath() + " as a " + type + " keystore: " + e.getMessage());
                return;
            }
            try {
                if (!store.isKeyEntry(alias)) {
                    problems.add(key + ".key-alias: keystore " + path.toAbsolutePath() + " has no key entry '" + alias
                            + "' (entries: " + String.join(", ", Collections.list(store.aliases())) + ")");
                    return;
                }
                Key k = store.getKey(alias, keyPassword.toCharArray());
                if (!(k instanceof PrivateKey)) {
                    problems.add(key + ".key-alias: entry '" + alias + "' in " + path.toAbsolutePath() + " is not a private key");
                }
            } catch (UnrecoverableKeyException e) {
                problems.add(key + ".key-password does not unlock key '" + alias + "' in " + path.toAbsolutePath());
            } catch (GeneralSecurityException e) {
                problems.add(key + ": cannot read key '" + alias + "' from " + path.toAbsolutePath() + ": " + describe(e));
            }
        }

        private void checkClashes(ListenerSettings fnap, Optional<TlsListenerSettings> fnaps, ListenerSettings http) {
            Map<String, ListenerSettings> listeners = new LinkedHashMap<>();
            listeners.put("fnaa.fnap", fnap);
            fnaps.ifPresent(t -> listeners.put("fnaa.fnaps", t.listener()));
            listeners.put("fnaa.http", http);
            List<Map.Entry<String, ListenerSettings>> all = new ArrayList<>(listeners.entrySet());
            for (int i = 0; i < all.size(); i++) {
                for (int j = i + 1; j < all.size(); j++) {
                    ListenerSettings a = all.get(i).getValue();
                    ListenerSettings b = all.get(j).getValue();
                    boolean sameHost = a.host().equals(b.host())
                            || WILDCARD_HOSTS.contains(a.host()) || WILDCARD_HOSTS.contains(b.host());
                    if (a.port() != 0 && a.port() == b.port() && sameHost) {
                        problems.add(all.get(j).getKey() + ".port " + b.port() + " is already used by "
                                + all.get(i).getKey() + " on " + a.host());
                    }
                }
            }
        }

        private SessionSettings sessions(Config node) {
            if (!section(node)) {
                return SessionSettings.defaults();
            }
            int max = integer(node.get("max"), SessionSettings.DEFAULT_MAX_SESSIONS);
            if (max < 1) {
                problems.add(node.key() + ".max must be at least 1, got " + max);
            }
            Duration idle = duration(node.get("idle-timeout"), SessionSettings.DEFAULT_IDLE_TIMEOUT);
            if (idle.isNegative() || idle.isZero()) {
                problems.add(node.key() + ".idle-timeout must be positive, got " + idle);
            }
            int failures = integer(node.get("max-auth-failures"), SessionSettings.DEFAULT_MAX_AUTH_FAILURES);
            if (failures < 1) {
                problems.add(node.key() + ".max-auth-failures must be at least 1, got " + failures);
            }
            boolean anonymous = bool(node.get("anonymous"), false);
            return new SessionSettings(max, idle, failures, anonymous);
        }


        private List<UserEntry> users(Config node, boolean development) {
            return named(node, "fnaa.users", UnaryOperator.identity(), d -> "user '" + d + "'", (item, where, userName) -> {
                Optional<String> name = Optional.of(userName);
                if (name.get().codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                    problems.add(where + ": user name '" + name.get() + "' must not contain spaces or control characters");
                }
                if (name.get().equals(User.ANONYMOUS)) {
                    problems.add(where + ": user name '" + User.ANONYMOUS + "' is reserved for SASL ANONYMOUS sessions");
                }
                Optional<String> password = secret(item.get("password"));
                Optional<String> hash = text(item.get("password-hash"));
                String who = "user '" + name.get() + "'";
                if (password.isEmpty() && hash.isEmpty()) {
                    problems.add(who + " has no password: set password-hash (generate it with 'fnaad hash-password')");
                } else if (password.isPresent() && hash.isPresent()) {
                    problems.add(who + " has both password and password-hash: keep only password-hash");
                } else if (password.isPresent() && !development) {
                    problems.add("plaintext password for " + who + " is only allowed with fnaa.development: true");
                }
                hash.ifPresent(h -> {
                    try {
                        PasswordHasher.checkFormat(h);
                    } catch (IllegalArgumentException e) {
                        problems.add("password-hash of " + who + " is malformed: " + e.getMessage());
                    }
                });
                return new UserEntry(name.get(), hash, password);
            });
        }

        private List<BrokerEntry> brokers(Config node) {
            return named(node, "fnaa.brokers", UnaryOperator.identity(), d -> "broker '" + d + "'", (item, where, brokerName) -> {
                Optional<String> name = Optional.of(brokerName);
                Optional<String> type = text(item.get("type"));
                if (type.isEmpty()) {
                    problems.add("broker '" + name.get() + "' has no type (e.g. type: memory)");
                }
                Map<String, String> settings = new TreeMap<>();
                for (Config child : item.asNodeList().orElse(List.of())) {
                    String key = child.name();
                    if (!key.equals("name") && !key.equals("type")) {
                        flatten(child, key, settings);
                    }
                }
                return new BrokerEntry(name.get(), type.orElse(""), settings);
            });
        }

        private List<NamespaceEntry> namespaces(Config node, Set<String> users, Set<String> brokers) {
            return named(node, "fnaa.namespaces", DnsNames::normalize, d -> "namespace '" + d + "'", (item, where, name) -> {
                String what = "namespace '" + name + "'";
                if (!DnsNames.isValid(name)) {
                    problems.add(what + " is not a DNS name " + DNS_RULE);
                }
                Optional<String> owner = text(item.get("owner"));
                if (owner.isEmpty()) {
                    problems.add(what + " has no owner");
                } else if (!users.contains(owner.get())) {
                    problems.add(what + " has owner '" + owner.get() + "', who is not a configured user");
                }
                Optional<String> broker = text(item.get("broker"));
                if (broker.isEmpty()) {
                    problems.add(what + " has no broker");
                } else if (!brokers.contains(broker.get())) {
                    problems.add(what + " has broker '" + broker.get() + "', which is not a configured broker");
                }
                int maxFlows = integer(item.get("max-flows"), NamespaceEntry.DEFAULT_MAX_FLOWS);
                if (maxFlows < 1) {
                    problems.add(what + ": max-flows must be at least 1, got " + maxFlows);
                }
                List<String> readers = new ArrayList<>();
                for (Config reader : list(item.get("readers"))) {
                    text(reader).ifPresent(readers::add);
                }
                boolean publicAccess = bool(item.get("public"), false);
                return new NamespaceEntry(name, owner.orElse(""), broker.orElse(""), maxFlows, readers, publicAccess);
            });
        }



    }

    /** ISO-8601 ({@code PT5M}) or a count with a unit, the same forms broker settings take. */
    static Duration parseDuration(String text) {
        return Durations.parse(text);
    }
}
