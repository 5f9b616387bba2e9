package org.eson.fnua.agents;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.eson.fnap.client.FnapEndpoint;
import org.eson.fnap.fns.FlowResolver;
import org.eson.fnap.fns.FnaaLocation;
import org.eson.fnap.fns.FnsException;
import org.eson.fnap.fns.ResolverSettings;
import org.eson.fnap.fns.ServiceTarget;
import org.eson.fnua.config.AgentConfig;

/**
 * Finds an agent configured without {@code host} and {@code port} through DNS, as the thesis's
 * client does (section 7.4) and {@code docs/fns.md} specifies:
 *
 * <ol>
 * <li>when the command is about a namespace the agent hosts, the namespace's FNAA record,
 * {@code _flow._tcp.<namespace>} SRV (and TXT {@code "tls"});</li>
 * <li>otherwise, or when the namespace publishes none, SRV at the agent's FQDN itself (the
 * thesis's {@code Resolving SRV for fnaa.unix.ar.});</li>
 * <li>then the A and AAAA records of every SRV target, in RFC 2782 order.</li>
 * </ol>
 *
 * <p>The endpoints come back in that order, one per address, so that the caller can fall over to
 * the next when one does not accept connections. TLS is used when the namespace's TXT says
 * {@code tls} or the configuration says {@code tls: true}: DNS can add TLS but never remove it.
 * A TLS endpoint keeps the SRV target's name rather than an address, so that the certificate is
 * checked against that name; the system resolver then finds its address when connecting.
 */
public final class DnsAgentLocator implements AgentLocator {

    private final Function<ResolverSettings, FlowResolver> resolvers;

    /** Uses {@link FlowResolver#create(ResolverSettings)}. */
    public DnsAgentLocator() {
        this(FlowResolver::create);
    }

    /**
     * @param resolvers makes the resolver for a lookup's settings
     */
    public DnsAgentLocator(Function<ResolverSettings, FlowResolver> resolvers) {
        this.resolvers = Objects.requireNonNull(resolvers, "resolvers");
    }

    @Override
    public List<FnapEndpoint> locate(AgentLookup lookup) throws AgentLookupException {
        AgentConfig agent = lookup.agent();
        Consumer<String> trace = lookup.trace();
        FlowResolver resolver = resolvers.apply(lookup.dns());
        trace.accept("Resolving FNAA FQDN " + agent.fqdn());
        trace.accept("Starting FQDN resolution with " + servers(lookup.dns()));

        List<ServiceTarget> targets = null;
        boolean tls = agent.tls();
        FnsException namespaceFailure = null;
        if (lookup.namespace().isPresent()) {
            String namespace = lookup.namespace().get();
            try {
                FnaaLocation location = resolver.discoverNamespace(namespace, trace);
                targets = location.targets();
                tls |= location.tls();
            } catch (FnsException.NotFound | FnsException.BrokenChain e) {
                namespaceFailure = e;
                trace.accept("No FNAA published for namespace " + namespace + ": "
                        + e.getMessage());
            } catch (FnsException e) {
                throw transientFailure(lookup, e);
            }
        }
        if (targets == null) {
            try {
                targets = resolver.resolveService(agent.fqdn(), trace);
            } catch (FnsException.NotFound | FnsException.BrokenChain e) {
                throw notPublished(lookup, namespaceFailure, e);
            } catch (FnsException e) {
                throw transientFailure(lookup, e);
            }
        }

        List<FnapEndpoint> endpoints = new ArrayList<>();
        FnsException addressFailure = null;
        for (ServiceTarget target : targets) {
            if (target.port() == 0 || target.host().isEmpty() || target.host().equals(".")) {
                continue;
            }
            trace.accept("FNAA FQDN Resolved to " + target.host() + ". port " + target.port());
            if (tls) {
                endpoints.add(new FnapEndpoint(target.host(), target.port(), true));
                continue;
            }
            try {
                for (InetAddress address : resolver.resolveAddresses(target.host(), trace)) {
                    endpoints.add(new FnapEndpoint(address.getHostAddress(), target.port(), false));
                }
            } catch (FnsException e) {
                // Another target may still resolve; only the last failure is reported.
                trace.accept("Skipping SRV target " + target.address() + ": " + e.getMessage());
                addressFailure = e;
            }
        }
        if (endpoints.isEmpty()) {
            if (addressFailure instanceof FnsException.Timeout
                    || addressFailure instanceof FnsException.ServerFailure) {
                throw transientFailure(lookup, addressFailure);
            }
            String why = addressFailure == null
                    ? "its SRV records have no usable target (target '.' means the service is "
                            + "not available there)"
                    : "no SRV target has an address: " + addressFailure.getMessage();
            throw new AgentLookupException(why + "; " + fix(lookup), true, addressFailure);
        }
        return endpoints;
    }

    private static AgentLookupException notPublished(AgentLookup lookup,
            FnsException namespaceFailure, FnsException fqdnFailure) {
        StringBuilder sb = new StringBuilder("it has no host/port in the configuration and DNS "
                + "does not publish it: ");
        if (namespaceFailure != null) {
            sb.append(sentence(namespaceFailure.getMessage())).append("; ");
        }
        sb.append(sentence(fqdnFailure.getMessage())).append("; ").append(fix(lookup));
        return new AgentLookupException(sb.toString(), true, fqdnFailure);
    }

    private static AgentLookupException transientFailure(AgentLookup lookup, FnsException e) {
        return new AgentLookupException("DNS lookup failed (" + servers(lookup.dns()) + "): "
                + sentence(e.getMessage()) + "; check --nameserver or raise --dns-timeout",
                false, e);
    }

    private static String servers(ResolverSettings dns) {
        return dns.usesSystemNameservers() ? "the system's name servers"
                : String.join(", ", dns.nameservers().stream().map(Object::toString).toList());
    }

    /** How to fix it: either configuration or DNS. */
    private static String fix(AgentLookup lookup) {
        AgentConfig agent = lookup.agent();
        Optional<String> namespace = lookup.namespace();
        String record = namespace.map(ns -> "_flow._tcp." + ns + " SRV")
                .orElse("SRV at " + agent.fqdn());
        return "set host/port for agent " + agent.name() + " or publish " + record;
    }

    /** Drops a final period, since the sentence goes on. */
    private static String sentence(String message) {
        if (message == null) {
            return "(no detail)";
        }
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }
}
