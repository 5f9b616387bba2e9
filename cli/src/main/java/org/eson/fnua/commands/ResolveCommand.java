package org.eson.fnua.commands;

import java.io.PrintStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.eson.fnap.fns.FlowLocation;
import org.eson.fnap.fns.FlowResolver;
import org.eson.fnap.fns.FnaaLocation;
import org.eson.fnap.fns.FnsException;
import org.eson.fnap.fns.QueueLocation;
import org.eson.fnap.fns.ResolverSettings;
import org.eson.fnap.fns.ServiceTarget;
import org.eson.fnap.name.FlowName;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code fnua resolve FLOW}: the Flow Name Service lookup of thesis section 4.1.2 and Annex B,
 * {@code docs/fns.md}: PTR, the FNAA's SRV/TXT, the queue's SRV/TXT, then the FNAA targets'
 * addresses. Prints every step in the thesis CLI's format, then where the flow's FNAA and broker
 * are. Needs no agent and no configuration file (it reads {@code nameservers:} from one if
 * present).
 */
@Command(name = "resolve", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Resolve a flow name through DNS (the Flow Name Service): its FNAA and its "
                + "broker. Prints each DNS step, then a summary; with --json only the result.",
        footerHeading = ExitCodes.FOOTER_HEADING, footer = ExitCodes.FOOTER)
final class ResolveCommand extends LeafCommand {

    @Parameters(paramLabel = "FLOW", description = "Flow name, e.g. time.flows.unix.ar; "
            + "a flow:// URI is accepted too.")
    String flow;

    /** One FNAA target with the outcome of its address lookup. */
    private record Target(ServiceTarget target, List<InetAddress> addresses,
            Optional<FnsException> failure) {
    }

    @Override
    void run(CommandContext context) throws CommandFailure {
        FlowName name = FlowArgument.flow(flow);
        ResolverSettings dns = context.dnsSettings(context.optionalConfig());
        boolean json = context.settings().json();
        PrintStream out = context.out();
        // The steps are the text output itself; with --json, stdout is for the JSON only.
        Consumer<String> trace = json ? line -> context.debug(Text.traceLine(line))
                : line -> out.println(Text.traceLine(line));
        FlowResolver resolver = FlowResolver.create(dns);

        FlowLocation location;
        try {
            location = resolver.resolve(name, trace);
        } catch (FnsException e) {
            throw failure(name, dns, e, null);
        }
        List<Target> targets = new ArrayList<>();
        for (ServiceTarget t : location.fnaa().targets()) {
            if (t.port() == 0) {
                continue;
            }
            try {
                targets.add(new Target(t, resolver.resolveAddresses(t.host(), trace),
                        Optional.empty()));
            } catch (FnsException e) {
                targets.add(new Target(t, List.of(), Optional.of(e)));
            }
        }
        Optional<Target> chosen = targets.stream().filter(t -> !t.addresses().isEmpty())
                .findFirst();
        if (chosen.isEmpty()) {
            FnsException cause = targets.stream().map(Target::failure).flatMap(Optional::stream)
                    .findFirst().orElse(null);
            if (cause == null) {
                throw new CommandFailure(ExitCodes.REFUSED, name.uri()
                        + " has a broken DNS registration: " + location.fnaa().serviceName()
                        + " SRV names no FNAA that can be connected to");
            }
            throw failure(name, dns, cause, "the FNAA target " + cause.name() + " has no address");
        }

        if (json) {
            context.printJson(json(location, targets));
            return;
        }
        FnaaLocation fnaa = location.fnaa();
        Target first = chosen.get();
        out.println("Flow " + name.fqdn() + " is managed by FNAA "
                + Text.printable(first.target().address()) + " (tls=" + fnaa.tls() + ") at "
                + addresses(first.addresses()));
        for (Target t : targets) {
            if (t != first) {
                out.println("Other FNAA target: " + Text.printable(t.target().address())
                        + " (priority " + t.target().priority() + ", weight "
                        + t.target().weight() + ") at "
                        + (t.addresses().isEmpty() ? "(no address)" : addresses(t.addresses())));
            }
        }
        if (location.queue().isEmpty()) {
            out.println("No broker is published for flow " + name.fqdn() + " (no _queue._flow._tcp."
                    + name.fqdn() + " SRV)");
            return;
        }
        QueueLocation queue = location.queue().get();
        String type = "broker-type=" + Text.printable(queue.brokerType());
        String parameters = parameters(queue);
        if (queue.servers().isEmpty()) {
            out.println("Events are on " + type + " (tls=" + queue.tls()
                    + "); broker not reachable as host:port; connection parameters: "
                    + (parameters.isEmpty() ? "(none published)" : parameters));
        } else {
            out.println("Events are on " + type + " at "
                    + Text.printable(queue.bootstrapServers()) + " (tls=" + queue.tls() + ")"
                    + (parameters.isEmpty() ? "" : ", " + parameters));
        }
    }

    /** The TXT keys other than the two the summary already shows, as {@code k=v, k=v}. */
    private static String parameters(QueueLocation queue) {
        return queue.properties().entrySet().stream()
                .filter(e -> !e.getKey().equals("broker-type") && !e.getKey().equals("tls"))
                .map(e -> Text.printable(e.getValue().isEmpty() ? e.getKey()
                        : e.getKey() + "=" + e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String addresses(List<InetAddress> addresses) {
        return addresses.stream().map(InetAddress::getHostAddress)
                .collect(Collectors.joining(", "));
    }

    private static Map<String, Object> json(FlowLocation location, List<Target> targets) {
        Map<String, Object> fnaa = new LinkedHashMap<>();
        fnaa.put("service", location.fnaa().serviceName());
        fnaa.put("tls", location.fnaa().tls());
        List<Object> list = new ArrayList<>();
        for (Target t : targets) {
            Map<String, Object> target = target(t.target());
            target.put("addresses", t.addresses().stream().map(InetAddress::getHostAddress)
                    .toList());
            t.failure().ifPresent(e -> target.put("error", e.getMessage()));
            list.add(target);
        }
        fnaa.put("targets", list);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("flow", location.flow().fqdn());
        json.put("uri", location.flow().uri());
        json.put("fnaa", fnaa);
        json.put("queue", location.queue().map(q -> {
            Map<String, Object> queue = new LinkedHashMap<>();
            queue.put("service", q.serviceName());
            queue.put("broker-type", q.brokerType());
            queue.put("tls", q.tls());
            queue.put("servers", q.servers().stream().map(ResolveCommand::target).toList());
            queue.put("properties", q.properties());
            return queue;
        }));
        return json;
    }

    private static Map<String, Object> target(ServiceTarget t) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("host", t.host());
        target.put("port", t.port());
        target.put("priority", t.priority());
        target.put("weight", t.weight());
        return target;
    }

    /**
     * @param step what failed, when it is not the flow's own records
     */
    private static CommandFailure failure(FlowName name, ResolverSettings dns, FnsException e,
            String step) {
        String at = e.name() + " " + e.queryType();
        String detail = Text.printable(e.getMessage());
        return switch (e) {
            case FnsException.NotFound n when step == null -> new CommandFailure(
                    ExitCodes.REFUSED, name.uri() + " is not registered in DNS: "
                            + withoutPrefix(detail, name.uri() + " is not registered in DNS"),
                    e);
            case FnsException.NotFound n -> new CommandFailure(ExitCodes.REFUSED, name.uri()
                    + " has a broken DNS registration: " + step + ": " + detail, e);
            case FnsException.BrokenChain b -> new CommandFailure(ExitCodes.REFUSED, name.uri()
                    + " has a broken DNS registration at " + at + ": " + detail, e);
            case FnsException.Timeout t -> new CommandFailure(ExitCodes.UNAVAILABLE,
                    "DNS lookup of " + at + " for " + name.uri() + " timed out ("
                            + servers(dns) + "): " + detail
                            + "; check --nameserver or raise --dns-timeout", e);
            case FnsException.ServerFailure f -> new CommandFailure(ExitCodes.UNAVAILABLE,
                    "DNS lookup of " + at + " for " + name.uri() + " failed (" + servers(dns)
                            + "): " + detail, e);
        };
    }

    /** The resolver's sentence may already say what this message starts with. */
    private static String withoutPrefix(String detail, String prefix) {
        if (!detail.startsWith(prefix)) {
            return detail;
        }
        String rest = detail.substring(prefix.length()).strip();
        if (rest.startsWith("(") && rest.endsWith(")")) {
            rest = rest.substring(1, rest.length() - 1);
        }
        return rest.isEmpty() ? detail : rest;
    }

    private static String servers(ResolverSettings dns) {
        return dns.usesSystemNameservers() ? "the system's name servers"
                : "name servers " + dns.nameservers().stream().map(Object::toString)
                        .collect(Collectors.joining(", "));
    }
}
