package org.eson.fnua.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

import org.eson.fnap.fns.Nameserver;
import org.eson.fnap.name.DomainNames;
import org.eson.fnap.name.InvalidFlowNameException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads and validates {@code ~/.flow.yml}.
 *
 * <p>Unknown keys are errors rather than being ignored: a misspelt optional key ({@code prot:})
 * would otherwise silently fall back to a default and send the user's password to the wrong port.
 */
public final class ConfigLoader {

    /** Far above any real file; stops a mistaken {@code --config /dev/zero} from eating memory. */
    private static final int MAX_FILE_CHARS = 1 << 20;

    private static final Set<String> TOP_LEVEL_KEYS = Set.of("agents", "namespaces", "nameservers");
    private static final Set<String> AGENT_KEYS = Set.of("name", "fqdn", "username", "password",
            "password-env", "password-file", "prefix", "host", "port", "tls", "broker-credentials");
    private static final Set<String> NAMESPACE_KEYS = Set.of("name", "agent");

    private final Consumer<String> warnings;
    private final Path home;

    /**
     * @param warnings receives warnings (such as a world-readable file holding a password)
     * @param home     the user's home directory, for {@code ~/} in {@code password-file}
     */
    public ConfigLoader(Consumer<String> warnings, Path home) {
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        this.home = Objects.requireNonNull(home, "home");
    }

    /**
     * Reads, parses and validates the file.
     *
     * @param location the file
     * @return the configuration
     * @throws ConfigException naming the file (and entry and key) when it cannot be used
     */
    public FlowConfig load(ConfigLocation location) throws ConfigException {
        String text;
        try {
            if (Files.isDirectory(location.path())) {
                throw new ConfigException("config file " + location.displayName()
                        + " is a directory");
            }
            if (Files.size(location.path()) > MAX_FILE_CHARS) {
                throw new ConfigException("config file " + location.displayName()
                        + " is larger than " + MAX_FILE_CHARS + " bytes");
            }
            text = Files.readString(location.path(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + location.displayName() + " not found"
                    + (location.isDefault() ? " (use --config)" : ""), e);
        } catch (CharacterCodingException e) {
            throw new ConfigException("config file " + location.displayName()
                    + " is not valid UTF-8", e);
        } catch (IOException e) {
            throw new ConfigException("config file " + location.displayName()
                    + " cannot be read: " + describe(e), e);
        }
        FlowConfig config = parse(text, location);
        if (config.agents().stream().anyMatch(a -> a.password() instanceof PasswordSource.Inline)) {
            FilePermissions.warnIfOthersCanRead(location.path(), "config file "
                    + location.displayName() + " (it holds a password)", warnings);
        }
        return config;
    }

    /**
     * Parses and validates configuration text; relative {@code password-file} paths are resolved
     * against the directory of {@code location}.
     *
     * @param text     the YAML
     * @param location the file the text came from, for messages
     * @return the configuration
     * @throws ConfigException naming the file, entry and key at fault
     */
    public FlowConfig parse(String text, ConfigLocation location) throws ConfigException {
        Node root = compose(text, location);
        Parser p = new Parser(location);
        if (root == null) {
            throw ConfigException.at(location, null, null, 0,
                    "is empty; it needs an 'agents:' list");
        }
        Map<String, NodeTuple> top = p.mapping(root, null, null);
        p.rejectUnknown(top, TOP_LEVEL_KEYS, null);

        NodeTuple agentsTuple = top.get("agents");
        if (agentsTuple == null) {
            throw ConfigException.at(location, null, "agents", 0, "is missing");
        }
        List<Node> agentNodes = p.sequence(agentsTuple.getValueNode(), null, "agents");
        if (agentNodes.isEmpty()) {
            throw ConfigException.at(location, null, "agents", line(agentsTuple.getValueNode()),
                    "lists no agents");
        }
        List<AgentConfig> agents = new ArrayList<>();
        Set<String> agentNames = new HashSet<>();
        for (int i = 0; i < agentNodes.size(); i++) {
            AgentConfig agent = p.agent(agentNodes.get(i), i);
            if (!agentNames.add(agent.name())) {
                throw ConfigException.at(location, agent.entry(), "name",
                        line(agentNodes.get(i)), "another agent is already named '"
                                + agent.name() + "'");
            }
            agents.add(agent);
        }

        List<NamespaceConfig> namespaces = new ArrayList<>();
        NodeTuple nsTuple = top.get("namespaces");
        if (nsTuple != null && !p.isNull(nsTuple.getValueNode())) {
            List<Node> nsNodes = p.sequence(nsTuple.getValueNode(), null, "namespaces");
            Set<String> nsNames = new HashSet<>();
            for (int i = 0; i < nsNodes.size(); i++) {
                NamespaceConfig ns = p.namespace(nsNodes.get(i), i, agentNames);
                if (!nsNames.add(ns.name())) {
                    throw ConfigException.at(location, ns.entry(), "name", line(nsNodes.get(i)),
                            "namespace '" + ns.name() + "' is listed twice");
                }
                namespaces.add(ns);
            }
        }
        List<Nameserver> nameservers = new ArrayList<>();
        NodeTuple nsServers = top.get("nameservers");
        if (nsServers != null && !p.isNull(nsServers.getValueNode())) {
            List<Node> nodes = p.sequence(nsServers.getValueNode(), null, "nameservers");
            for (int i = 0; i < nodes.size(); i++) {
                nameservers.add(p.nameserver(nodes.get(i), i));
            }
        }
        return new FlowConfig(location, agents, namespaces, nameservers);
    }

    private static Node compose(String text, ConfigLocation location) throws ConfigException {
        LoaderOptions options = new LoaderOptions();
        // A config file has no use for aliases; a handful is plenty and stops "billion laughs".
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(20);
        options.setAllowRecursiveKeys(false);
        try {
            return new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw ConfigException.at(location, null, null, line,
                    "is not valid YAML: " + oneLine(e.getProblem()));
        } catch (YAMLException e) {
            throw ConfigException.at(location, null, null, 0,
                    "is not valid YAML: " + oneLine(e.getMessage()));
        }
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static String oneLine(String s) {
        return s == null ? "syntax error" : s.replaceAll("\\s+", " ").trim();
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /** Walks the node tree for one file; holds the location so every error can name it. */
    private final class Parser {
        private final ConfigLocation location;

        Parser(ConfigLocation location) {
            this.location = location;
        }

        AgentConfig agent(Node node, int index) throws ConfigException {
            String entry = "agents[" + index + "]";
            Map<String, NodeTuple> m = mapping(node, entry, null);
            // The name goes into the entry label first, so that later errors can say which agent.
            String name = requiredString(m, "name", entry, node);
            entry = entry + " '" + name + "'";
            rejectUnknown(m, AGENT_KEYS, entry);

            String fqdn = requiredString(m, "fqdn", entry, node);
            try {
                fqdn = DomainNames.normalize(fqdn);
            } catch (InvalidFlowNameException e) {
                throw ConfigException.at(location, entry, "fqdn", line(m.get("fqdn").getValueNode()),
                        "'" + fqdn + "' is not a valid DNS name: " + e.getMessage());
            }
            String username = requiredString(m, "username", entry, node);
            PasswordSource password = password(m, entry, node);
            Optional<String> prefix = optionalString(m, "prefix", entry);
            Optional<String> host = optionalString(m, "host", entry);
            OptionalInt port = port(m, entry);
            boolean tls = bool(m, "tls", entry);
            Map<String, String> credentials = brokerCredentials(m, entry);
            return new AgentConfig(name, fqdn, username, password, prefix, host, port, tls, entry,
                    credentials);
        }

        /** {@code broker-credentials:}: a mapping of adapter setting names to single values. */
        private Map<String, String> brokerCredentials(Map<String, NodeTuple> m, String entry)
                throws ConfigException {
            NodeTuple t = m.get("broker-credentials");
            if (t == null || isNull(t.getValueNode())) {
                return Map.of();
            }
            Map<String, String> result = new LinkedHashMap<>();
            for (Map.Entry<String, NodeTuple> e
                    : mapping(t.getValueNode(), entry, "broker-credentials").entrySet()) {
                String key = "broker-credentials." + e.getKey();
                Optional<String> value = scalar(e.getValue().getValueNode(), entry, key);
                result.put(e.getKey(), value.orElse(""));
            }
            return result;
        }

        NamespaceConfig namespace(Node node, int index, Set<String> agentNames)
                throws ConfigException {
            String entry = "namespaces[" + index + "]";
            Map<String, NodeTuple> m = mapping(node, entry, null);
            String name = requiredString(m, "name", entry, node);
            entry = entry + " '" + name + "'";
            rejectUnknown(m, NAMESPACE_KEYS, entry);
            String canonical;
            try {
                canonical = DomainNames.normalize(name);
            } catch (InvalidFlowNameException e) {
                throw ConfigException.at(location, entry, "name", line(m.get("name").getValueNode()),
                        "'" + name + "' is not a valid DNS name: " + e.getMessage());
            }
            String agent = requiredString(m, "agent", entry, node);
            if (!agentNames.contains(agent)) {
                throw ConfigException.at(location, entry, "agent",
                        line(m.get("agent").getValueNode()),
                        "no agent named '" + agent + "' is configured");
            }
            return new NamespaceConfig(canonical, agent, entry);
        }

        Nameserver nameserver(Node node, int index) throws ConfigException {
            String entry = "nameservers[" + index + "]";
            Optional<String> text = scalar(node, entry, null);
            if (text.isEmpty() || text.get().isBlank()) {
                throw ConfigException.at(location, entry, null, line(node),
                        "must be HOST or HOST:PORT, not empty");
            }
            try {
                return Nameserver.parse(text.get());
            } catch (IllegalArgumentException e) {
                throw ConfigException.at(location, entry, null, line(node),
                        "'" + text.get() + "' is not HOST or HOST:PORT: " + e.getMessage());
            }
        }

        private PasswordSource password(Map<String, NodeTuple> m, String entry, Node node)
                throws ConfigException {
            List<String> given = new ArrayList<>();
            for (String key : List.of("password", "password-env", "password-file")) {
                if (m.containsKey(key)) {
                    given.add(key);
                }
            }
            if (given.isEmpty()) {
                throw ConfigException.at(location, entry, "password", line(node),
                        "is missing (give one of password, password-env, password-file)");
            }
            if (given.size() > 1) {
                throw ConfigException.at(location, entry, given.get(1), line(node),
                        "conflicts with '" + given.get(0) + "'; give only one of "
                                + String.join(", ", given));
            }
            String key = given.get(0);
            String value = requiredString(m, key, entry, node);
            return switch (key) {
                case "password" -> new PasswordSource.Inline(value);
                case "password-env" -> new PasswordSource.FromEnvironment(value);
                default -> new PasswordSource.FromFile(resolvePath(value));
            };
        }

        private Path resolvePath(String value) {
            if (value.equals("~")) {
                return home;
            }
            if (value.startsWith("~/")) {
                return home.resolve(value.substring(2));
            }
            Path p = Path.of(value);
            if (p.isAbsolute()) {
                return p;
            }
            // Relative to the config file, not the working directory: fnua runs from anywhere.
            Path dir = location.path().toAbsolutePath().getParent();
            return dir == null ? p : dir.resolve(p);
        }

        private OptionalInt port(Map<String, NodeTuple> m, String entry) throws ConfigException {
            Optional<String> text = optionalString(m, "port", entry);
            if (text.isEmpty()) {
                return OptionalInt.empty();
            }
            String s = text.get();
            int port = -1;
            if (s.matches("[0-9]{1,5}")) {
                port = Integer.parseInt(s);
            }
            if (port < 1 || port > 65535) {
                throw ConfigException.at(location, entry, "port", line(m.get("port").getValueNode()),
                        "must be a number from 1 to 65535, got '" + s + "'");
            }
            return OptionalInt.of(port);
        }

        private boolean bool(Map<String, NodeTuple> m, String key, String entry)
                throws ConfigException {
            Optional<String> text = optionalString(m, key, entry);
            if (text.isEmpty()) {
                return false;
            }
            return switch (text.get()) {
                case "true", "True", "TRUE" -> true;
                case "false", "False", "FALSE" -> false;
                default -> throw ConfigException.at(location, entry, key,
                        line(m.get(key).getValueNode()),
                        "must be true or false, got '" + text.get() + "'");
            };
        }

        private String requiredString(Map<String, NodeTuple> m, String key, String entry,
                Node owner) throws ConfigException {
            NodeTuple t = m.get(key);
            if (t == null) {
                throw ConfigException.at(location, entry, key, line(owner), "is missing");
            }
            Optional<String> value = scalar(t.getValueNode(), entry, key);
            if (value.isEmpty() || value.get().isBlank()) {
                throw ConfigException.at(location, entry, key, line(t.getValueNode()),
                        "must not be empty");
            }
            return value.get();
        }

        private Optional<String> optionalString(Map<String, NodeTuple> m, String key, String entry)
                throws ConfigException {
            NodeTuple t = m.get(key);
            if (t == null) {
                return Optional.empty();
            }
            Optional<String> value = scalar(t.getValueNode(), entry, key);
            if (value.isPresent() && value.get().isBlank()) {
                throw ConfigException.at(location, entry, key, line(t.getValueNode()),
                        "must not be blank (leave the key out instead)");
            }
            return value;
        }

        /** Empty when the value is YAML null ({@code key:} with nothing after it, or {@code ~}). */
        private Optional<String> scalar(Node node, String entry, String key)
                throws ConfigException {
            if (isNull(node)) {
                return Optional.empty();
            }
            if (!(node instanceof ScalarNode scalar)) {
                throw ConfigException.at(location, entry, key, line(node),
                        "must be a single value, not a " + kind(node));
            }
            return Optional.of(scalar.getValue());
        }

        boolean isNull(Node node) {
            return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
        }

        Map<String, NodeTuple> mapping(Node node, String entry, String key)
                throws ConfigException {
            if (!(node instanceof MappingNode mapping)) {
                throw ConfigException.at(location, entry, key, line(node),
                        "must be a mapping of keys to values, not a " + kind(node));
            }
            Map<String, NodeTuple> result = new LinkedHashMap<>();
            for (NodeTuple t : mapping.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    throw ConfigException.at(location, entry, key, line(t.getKeyNode()),
                            "has a key that is not a plain name");
                }
                if (result.putIfAbsent(k.getValue(), t) != null) {
                    throw ConfigException.at(location, entry, k.getValue(), line(k),
                            "appears twice");
                }
            }
            return result;
        }

        List<Node> sequence(Node node, String entry, String key) throws ConfigException {
            if (!(node instanceof SequenceNode seq)) {
                throw ConfigException.at(location, entry, key, line(node),
                        "must be a list (entries starting with '-'), not a " + kind(node));
            }
            return seq.getValue();
        }

        void rejectUnknown(Map<String, NodeTuple> m, Set<String> known, String entry)
                throws ConfigException {
            for (Map.Entry<String, NodeTuple> e : m.entrySet()) {
                if (!known.contains(e.getKey())) {
                    throw ConfigException.at(location, entry, e.getKey(),
                            line(e.getValue().getKeyNode()),
                            "is not a known key (known: " + String.join(", ",
                                    known.stream().sorted().toList()) + ")");
                }
            }
        }

        private String kind(Node node) {
            return switch (node.getNodeId()) {
                case mapping -> "mapping";
                case sequence -> "list";
                case scalar -> "single value";
                case anchor -> "alias";
            };
        }
    }
}
