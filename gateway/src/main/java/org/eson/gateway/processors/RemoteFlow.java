package org.eson.gateway.processors;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A flow on another participant's broker: the copy flow another FNAA made for a subscription,
 * with the parameters its {@code DESCRIBE FLOW} returned. The processor opens it with an adapter
 * attached from those parameters ({@link org.eson.spi.BrokerAdapterProvider#attach}).
 *
 * @param flow        the remote flow's name, lower case, without {@code flow://}
 * @param description the remote DESCRIBE parameters ({@code flow}, {@code type}, {@code server}...),
 *                    plus {@link #PEER} naming the FNAA it came from
 */
public record RemoteFlow(String flow, Map<String, String> description) implements Endpoint {

    /** The description key this gateway adds: the FQDN of the FNAA that described the flow. */
    public static final String PEER = "eson-peer";

    public RemoteFlow {
        Objects.requireNonNull(flow, "flow");
        flow = flow.toLowerCase(Locale.ROOT);
        description = Map.copyOf(new LinkedHashMap<>(Objects.requireNonNull(description, "description")));
        if (flow.isBlank()) {
            throw new IllegalArgumentException("flow must not be blank");
        }
    }

    /** The broker type the remote DESCRIBE gave, lower case. */
    public String type() {
        return description.getOrDefault("type", "").toLowerCase(Locale.ROOT);
    }

    /** The description as key=value lines, sorted: how the registry keeps it. */
    public String toText() {
        return description.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
    }

    /** Reads {@link #toText()} back. */
    public static RemoteFlow parse(String flow, String text) {
        var map = new LinkedHashMap<String, String>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                map.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return new RemoteFlow(flow, map);
    }

    @Override
    public String toString() {
        return flow + "@" + description.getOrDefault(PEER, "remote");
    }
}
