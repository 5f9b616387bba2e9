package org.eson.fnap.command;

import java.util.Objects;
import java.util.Optional;
import org.eson.fnap.name.DomainNames;
import org.eson.fnap.name.FlowName;

/**
 * A parsed FNAP command. Sealed, so that a server's dispatcher is checked for exhaustiveness by
 * the compiler when a verb is added.
 */
public sealed interface Command {

    /**
     * @return the canonical upper-case verb, for metrics and logs (never user input)
     */
    String verb();

    /**
     * Commands a client may send before authenticating are the ones needed to find out what the
     * server offers and to log in or leave; everything else touches a user's namespaces.
     *
     * @return whether the session must be authenticated
     */
    default boolean requiresAuthentication() {
        return switch (this) {
            case Authenticate a -> false;
            case Capabilities c -> false;
            case Noop n -> false;
            case Help h -> false;
            case Quit q -> false;
            case CreateFlow c -> true;
            case DescribeFlow d -> true;
            case DeleteFlow d -> true;
            case GetFlows g -> true;
            case GetNamespaces g -> true;
            case Subscribe s -> true;
            case Unsubscribe u -> true;
            case GetSubscriptions g -> true;
            case GetSubscribers g -> true;
            case Revoke r -> true;
        };
    }

    /**
     * {@code AUTHENTICATE <mechanism> [initial-response]}.
     *
     * @param mechanism       SASL mechanism name, upper case
     * @param initialResponse the base64 response given on the command line, if any; a secret
     */
    record Authenticate(String mechanism, Optional<String> initialResponse) implements Command {
        /** Upper-cases the mechanism (ASCII only). */
        public Authenticate {
            mechanism = CommandParser.upperAscii(Objects.requireNonNull(mechanism, "mechanism"));
            Objects.requireNonNull(initialResponse, "initialResponse");
        }

        @Override
        public String verb() {
            return "AUTHENTICATE";
        }

        /** Masks the initial response: it is the password in base64. */
        @Override
        public String toString() {
            return "Authenticate[mechanism=" + mechanism + ", initialResponse="
                    + (initialResponse.isPresent() ? "****" : "none") + "]";
        }
    }

    /**
     * {@code CREATE FLOW <flow>}.
     *
     * @param flow the flow to create
     */
    record CreateFlow(FlowName flow) implements Command {
        /** Validates the component. */
        public CreateFlow {
            Objects.requireNonNull(flow, "flow");
        }

        @Override
        public String verb() {
            return "CREATE FLOW";
        }
    }

    /**
     * {@code DESCRIBE FLOW <flow>} or {@code DESC FLOW <flow>}.
     *
     * @param flow the flow to describe
     */
    record DescribeFlow(FlowName flow) implements Command {
        /** Validates the component. */
        public DescribeFlow {
            Objects.requireNonNull(flow, "flow");
        }

        @Override
        public String verb() {
            return "DESCRIBE FLOW";
        }
    }

    /**
     * {@code DELETE FLOW <flow>}.
     *
     * @param flow the flow to delete
     */
    record DeleteFlow(FlowName flow) implements Command {
        /** Validates the component. */
        public DeleteFlow {
            Objects.requireNonNull(flow, "flow");
        }

        @Override
        public String verb() {
            return "DELETE FLOW";
        }
    }

    /**
     * {@code GET FLOWS [namespace]}.
     *
     * @param namespace restrict to one namespace, in canonical form
     */
    record GetFlows(Optional<String> namespace) implements Command {
        /**
         * Normalizes the namespace.
         *
         * @throws IllegalArgumentException if the namespace is not a valid DNS name
         */
        public GetFlows {
            Objects.requireNonNull(namespace, "namespace");
            if (namespace.isPresent()) {
                try {
                    namespace = Optional.of(DomainNames.normalize(namespace.get()));
                } catch (org.eson.fnap.name.InvalidFlowNameException e) {
                    throw new IllegalArgumentException("Invalid namespace: " + e.getMessage(), e);
                }
            }
        }

        @Override
        public String verb() {
            return "GET FLOWS";
        }
    }

    /** {@code GET NAMESPACES}. */
    record GetNamespaces() implements Command {
        @Override
        public String verb() {
            return "GET NAMESPACES";
        }
    }

    /**
     * {@code SUBSCRIBE <flow> [LOCAL <local-flow>]}. With {@code LOCAL}, a user asks their own
     * gateway to subscribe its flow {@code local} to {@code flow} (anywhere); without it, a peer
     * gateway (or any user) asks the gateway of {@code flow} for a copy flow of it.
     *
     * @param flow  the flow subscribed to
     * @param local the subscriber's flow the events are written to
     */
    record Subscribe(FlowName flow, Optional<FlowName> local) implements Command {
        /** Validates the components. */
        public Subscribe {
            Objects.requireNonNull(flow, "flow");
            Objects.requireNonNull(local, "local");
        }

        @Override
        public String verb() {
            return "SUBSCRIBE";
        }
    }

    /**
     * {@code UNSUBSCRIBE <flow>}: a local flow of a subscription (at the subscriber's gateway) or
     * a copy flow (at the publisher's gateway).
     *
     * @param flow the local or copy flow
     */
    record Unsubscribe(FlowName flow) implements Command {
        /** Validates the component. */
        public Unsubscribe {
            Objects.requireNonNull(flow, "flow");
        }

        @Override
        public String verb() {
            return "UNSUBSCRIBE";
        }
    }

    /** {@code GET SUBSCRIPTIONS}: the user's subscriptions to other flows. */
    record GetSubscriptions() implements Command {
        @Override
        public String verb() {
            return "GET SUBSCRIPTIONS";
        }
    }

    /**
     * {@code GET SUBSCRIBERS [flow]}: the copies of the user's flows made for subscribers.
     *
     * @param flow restrict to the copies of one flow
     */
    record GetSubscribers(Optional<FlowName> flow) implements Command {
        /** Validates the component. */
        public GetSubscribers {
            Objects.requireNonNull(flow, "flow");
        }

        @Override
        public String verb() {
            return "GET SUBSCRIBERS";
        }
    }

    /**
     * {@code REVOKE <copy-flow>}: the owner of a flow ends a subscriber's copy of it.
     *
     * @param flow the copy flow
     */
    record Revoke(FlowName flow) implements Command {
        /** Validates the component. */
        public Revoke {
            Objects.requireNonNull(flow, "flow");
        }

        @Override
        public String verb() {
            return "REVOKE";
        }
    }

    /** {@code CAPABILITIES}. */
    record Capabilities() implements Command {
        @Override
        public String verb() {
            return "CAPABILITIES";
        }
    }

    /** {@code NOOP}. */
    record Noop() implements Command {
        @Override
        public String verb() {
            return "NOOP";
        }
    }

    /**
     * {@code HELP [command]}.
     *
     * @param topic the command asked about, upper case with single spaces and {@code DESC}
     *              spelled {@code DESCRIBE}; see {@link CommandParser#syntax(String)}
     */
    record Help(Optional<String> topic) implements Command {
        /** Canonicalises the topic. */
        public Help {
            Objects.requireNonNull(topic, "topic");
            topic = topic.map(CommandParser::canonicalTopic);
        }

        @Override
        public String verb() {
            return "HELP";
        }
    }

    /** {@code QUIT}. */
    record Quit() implements Command {
        @Override
        public String verb() {
            return "QUIT";
        }
    }
}
