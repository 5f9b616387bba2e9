package org.eson.gateway.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Run in a child JVM by {@link EnvironmentOverrideTest}: loads the configuration exactly as the
 * gateway does and prints the values the test checks, one {@code key=value} per line.
 */
public final class EnvProbe {

    private EnvProbe() {
    }

    public static void main(String[] args) {
        try {
            GatewayConfig config = GatewayConfigLoader.load(GatewayConfigLoader.read(Optional.of(Path.of(args[0]))));
            // test data only: the probe prints settings verbatim so the test can compare them
            System.out.println("fqdn=" + config.fqdn());
            System.out.println("data-dir=" + config.dataDir());
            System.out.println("fnap.port=" + config.fnap().port());
            System.out.println("http.port=" + config.http().port());
            System.out.println("sessions.idle-timeout=" + config.sessions().idleTimeout());
            System.out.println("sessions.max-auth-failures=" + config.sessions().maxAuthFailures());
            System.out.println("users.0.password-hash=" + config.users().getFirst().passwordHash().orElse("-"));
            System.out.println("namespaces.0.max-flows=" + config.namespaces().getFirst().maxFlows());
            System.out.println("users=" + config.users().stream().map(UserEntry::name).toList());
            config.brokers().getFirst().settings().forEach((k, v) -> System.out.println("brokers.0." + k + "=" + v));
        } catch (ConfigurationException e) {
            System.out.println("problems=" + String.join(" | ", e.problems()));
            System.exit(3);
        }
    }
}
