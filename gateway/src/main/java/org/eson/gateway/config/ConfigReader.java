package org.eson.gateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.TreeSet;

import io.helidon.config.Config;

import org.eson.spi.config.Durations;

/**
 * Typed, problem-collecting access to one configuration tree: every accessor records what is
 * wrong instead of throwing, so a start-up reports every problem at once. Section readers
 * extend it and share one problem list.
 */
class ConfigReader {

    static final String DNS_RULE = "(dot-separated labels of 1-63 letters, digits or hyphens, "
            + "no label starting or ending with a hyphen, at most 253 characters)";

    final List<String> problems;

    ConfigReader(List<String> problems) {
        this.problems = problems;
    }

    String host(Config node) {
        if (!node.exists()) {
            return GatewayConfigLoader.DEFAULT_HOST;
        }
        Optional<String> host = text(node);
        if (host.isEmpty() && node.isLeaf()) {
            problems.add(node.key() + " must not be empty");
        }
        return host.orElse(GatewayConfigLoader.DEFAULT_HOST);
    }

    int port(Config node, int defaultPort) {
        int port = integer(node, defaultPort);
        if (port < 0 || port > 65535) {
            problems.add(node.key() + " must be between 0 and 65535 (0 picks a free port), got " + port);
        }
        return port;
    }

    /** Reads one entry of a list of named sections; problems go to the loader's list. */
    @FunctionalInterface
    interface NamedEntryReader<T> {
        T read(Config item, String where, String name);
    }

    /**
     * Reads a list of sections that each need a unique {@code name}: reports entries that are
     * not sections, entries without a name, and names used twice (after {@code normalize}).
     */
    <T> List<T> named(Config node, String path, UnaryOperator<String> normalize,
                              UnaryOperator<String> describe, NamedEntryReader<T> reader) {
        List<T> entries = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        Set<String> duplicates = new TreeSet<>();
        List<Config> items = list(node);
        for (int i = 0; i < items.size(); i++) {
            Config item = items.get(i);
            String where = path + "[" + i + "]";
            if (!section(item)) {
                continue;
            }
            Optional<String> rawName = text(item.get("name"));
            if (rawName.isEmpty()) {
                problems.add(where + ": name is missing");
                continue;
            }
            String name = normalize.apply(rawName.get());
            if (!seen.add(name)) {
                duplicates.add(name);
            }
            entries.add(reader.read(item, where, name));
        }
        duplicates.forEach(d -> problems.add(path + ": " + describe.apply(d) + " is defined more than once"));
        return entries;
    }

    /**
     * The entries of a list node. Environment variables such as {@code FNAA_USERS_0_NAME} can
     * only produce an object keyed by indexes, so that shape is accepted as a list too.
     */
    List<Config> list(Config node) {
        if (!node.exists()) {
            return List.of();
        }
        if (node.type() == Config.Type.LIST) {
            return node.asNodeList().orElse(List.of());
        }
        List<Config> children = node.type() == Config.Type.OBJECT ? node.asNodeList().orElse(List.of()) : List.of();
        if (!children.isEmpty() && children.stream().allMatch(c -> c.name().matches("\\d{1,9}"))) {
            List<Config> sorted = new ArrayList<>(children);
            sorted.sort(Comparator.comparingInt(c -> Integer.parseInt(c.name())));
            return sorted;
        }
        problems.add(node.key() + " must be a list (entries starting with '-')");
        return List.of();
    }

    /** Whether {@code node} is absent or a section; a scalar where a section belongs is a problem. */
    boolean section(Config node) {
        if (!node.exists()) {
            return false;
        }
        if (node.type() != Config.Type.OBJECT) {
            problems.add(node.key() + " must be a section of keys, not a " + describeType(node));
            return false;
        }
        return true;
    }

    static String describeType(Config node) {
        return node.type() == Config.Type.LIST ? "list" : "single value";
    }

    /** A stripped, non-empty scalar; an empty value counts as absent. */
    Optional<String> text(Config node) {
        return scalar(node).map(String::strip).filter(s -> !s.isEmpty());
    }

    /** Like {@link #text} but unstripped: spaces may be part of a password. */
    Optional<String> secret(Config node) {
        return scalar(node).filter(s -> !s.isEmpty());
    }

    Optional<String> scalar(Config node) {
        if (!node.exists()) {
            return Optional.empty();
        }
        if (!node.isLeaf()) {
            problems.add(node.key() + " must be a single value, not a "
                    + (node.type() == Config.Type.LIST ? "list" : "section"));
            return Optional.empty();
        }
        return node.asString().asOptional();
    }

    int integer(Config node, int defaultValue) {
        Optional<String> value = text(node);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            problems.add(node.key() + " must be an integer, got '" + value.get() + "'");
            return defaultValue;
        }
    }

    boolean bool(Config node, boolean defaultValue) {
        Optional<String> value = text(node);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                problems.add(node.key() + " must be true or false, got '" + value.get() + "'");
                yield defaultValue;
            }
        };
    }

    Duration duration(Config node, Duration defaultValue) {
        Optional<String> value = text(node);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Durations.parse(value.get());
        } catch (IllegalArgumentException e) {
            problems.add(node.key() + " must be a duration such as PT5M, 30s, 5m or 500ms, got '" + value.get() + "'");
            return defaultValue;
        }
    }

    /** Flattens a broker setting subtree into dotted keys; lists of plain values are comma-joined. */
    static void flatten(Config node, String key, Map<String, String> out) {
        switch (node.type()) {
            case VALUE -> out.put(key, node.asString().orElse(""));
            case LIST -> {
                List<Config> items = node.asNodeList().orElse(List.of());
                if (items.stream().allMatch(c -> c.type() == Config.Type.VALUE)) {
                    out.put(key, String.join(",", items.stream().map(c -> c.asString().orElse("").strip()).toList()));
                } else {
                    for (Config item : items) {
                        flatten(item, key + "." + item.name(), out);
                    }
                }
            }
            case OBJECT -> {
                for (Config child : node.asNodeList().orElse(List.of())) {
                    flatten(child, key + "." + child.name(), out);
                }
            }
            default -> {
                // MISSING: nothing to keep
            }
        }
    }
}
