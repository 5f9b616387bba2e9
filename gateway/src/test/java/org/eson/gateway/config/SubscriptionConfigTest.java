package org.eson.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eson.gateway.config.TestConfigs.load;
import static org.eson.gateway.config.TestConfigs.problems;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.eson.fnap.fns.Nameserver;

/** fnaa.peers, fnaa.fns.resolver, fnaa.subscriptions and the namespaces' readers and public keys. */
class SubscriptionConfigTest {

    @Test
    void defaults() {
        GatewayConfig config = load(TestConfigs.VALID);
        assertThat(config.subscriptions()).isEqualTo(SubscriptionSettings.defaults());
        assertThat(config.subscriptions().checkInterval()).isEqualTo(Duration.ofSeconds(30));
        NamespaceEntry ns = config.namespaces().get(0);
        assertThat(ns.readers()).isEmpty();
        assertThat(ns.publicAccess()).isFalse();
        assertThat(ns.readableBy("alice")).isTrue();
        assertThat(ns.readableBy("emiliano")).isFalse();
    }

    @Test
    void everyKey() {
        String yaml = TestConfigs.VALID.replace("      broker: local\n", """
                      broker: local
                      readers: [emiliano, bob]
                    - name: public.example.org
                      owner: alice
                      broker: local
                      public: true
                  fns:
                    resolver:
                      nameservers: ["127.0.0.1:5353", "10.0.0.1"]
                      timeout: PT2S
                  subscriptions:
                    check-interval: PT1S
                  peers:
                    - fqdn: FNAA.unix.ar.
                      username: emiliano
                      password: "s3cret word"
                      broker-credentials:
                        sasl.mechanism: PLAIN
                """);
        GatewayConfig config = load(yaml);
        assertThat(config.namespaces().get(0).readers()).containsExactly("emiliano", "bob");
        assertThat(config.namespaces().get(0).readableBy("bob")).isTrue();
        assertThat(config.namespaces().get(1).publicAccess()).isTrue();
        assertThat(config.namespaces().get(1).readableBy("anyone")).isTrue();
        SubscriptionSettings s = config.subscriptions();
        assertThat(s.nameservers()).containsExactly(new Nameserver("127.0.0.1", 5353), new Nameserver("10.0.0.1", 53));
        assertThat(s.resolverTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.checkInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.peers()).containsExactly(new PeerEntry("fnaa.unix.ar", "emiliano", "s3cret word",
                Map.of("sasl.mechanism", "PLAIN"), Optional.empty()));
        assertThat(config.peer("fnaa.unix.ar")).isPresent();
        assertThat(s.peers().get(0).toString()).doesNotContain("s3cret");
    }

    @Test
    void aPeerNeedsCredentials() {
        String yaml = TestConfigs.VALID + """
                  peers:
                    - fqdn: fnaa.unix.ar
                      username: emiliano
                    - fqdn: fnaa.other.ar
                      username: x
                      password-env: ESON_TEST_SURELY_UNSET_VARIABLE
                """;
        assertThat(problems(yaml)).anyMatch(p -> p.contains("fnaa.peers[0]") && p.contains("password"))
                .anyMatch(p -> p.contains("fnaa.peers[1]") && p.contains("ESON_TEST_SURELY_UNSET_VARIABLE"));
        assertThat(problems(TestConfigs.VALID + """
                  peers:
                    - fqdn: fnaa.unix.ar
                      username: emiliano
                      password: x
                      truststore: ./peers.p12
                """)).anyMatch(p -> p.contains("fnaa.peers[0].truststore is not supported yet"));
        assertThat(problems(TestConfigs.VALID + "  fns:\n    resolver:\n      nameservers: [\"a b\"]\n"))
                .anyMatch(p -> p.contains("fnaa.fns.resolver.nameservers"));
    }
}
