/**
 * The embedded, in-process broker: the gateway's default when no real broker is configured, and
 * the reference every other adapter is measured against by the TCK. Because it is the reference,
 * it implements the SPI's delivery rules literally (per-key order, competing consumers, ttl,
 * dead-lettering, redelivery counts) instead of approximating them, and it keeps memory bounded
 * so an embedded gateway cannot be exhausted by a flow nobody reads.
 *
 * <p>Everything lives for the life of one {@link org.eson.adapters.memory.MemoryBrokerAdapter}
 * and nothing survives {@code close()}, which is why {@code PERSISTENCE} is not declared. There
 * are no background threads: every state change happens on the caller's thread under the
 * flow's lock, so closing the adapter can never leak a thread.
 *
 * <h2>Semantics chosen where the SPI leaves room</h2>
 * <ul>
 *   <li><b>Flow options</b> ({@link org.eson.spi.FlowSpec#options()}, names in
 *       {@link org.eson.spi.FlowOptions}): {@code ttl} (ISO-8601 duration, positive),
 *       {@code max-deliveries} (integer &ge; 1) and {@code dead-letter-flow} (flow name, default
 *       {@code dlq.<flow>}). Other keys are ignored because they belong to
 *       other adapters. A bad value fails {@code create} with {@code BrokerException.Fatal}.
 *       {@code create} of an existing flow keeps the options the flow was created with.</li>
 *   <li><b>Ttl</b> is measured from the moment the adapter appended the event (its injected
 *       clock), not from the event's {@code time} attribute, which producers may omit or set
 *       arbitrarily. It is checked at every hand-out, redeliveries included: an event older than
 *       ttl is dropped for the group and is not dead-lettered.</li>
 *   <li><b>Dead-lettering</b>: a group never delivers an event more than {@code max-deliveries}
 *       times. When an event that already had that many deliveries would be delivered again
 *       (it was nacked, or its source closed before settling it) it is appended, unchanged, to
 *       the dead-letter flow instead, which is created with no options if it does not exist. Each
 *       group that gives up on an event adds its own copy. Deleting a flow does not delete its
 *       dead-letter flow. If the dead-letter flow cannot take the event (it is full), the event
 *       stays in the group and will be delivered again rather than being lost.</li>
 *   <li><b>Retention</b>: once a consumer group exists on a flow, events that every group of the
 *       flow has settled (acknowledged, dead-lettered or expired) are trimmed; a group created
 *       later therefore starts at the earliest event still retained. Groups are remembered for
 *       the adapter's life, so a group with no open source pins what it has not settled. Events
 *       older than ttl are trimmed whatever the groups. A flow with no group keeps everything.</li>
 *   <li><b>Limit</b>: adapter setting {@code max-events-per-flow} (default 100000) bounds the
 *       retained events of each flow; beyond it {@code publish} fails with
 *       {@code BrokerException.Retriable("flow full")}, which clears once consumers settle.</li>
 *   <li><b>Settling</b> a delivery twice, after its source closed, after its flow was deleted or
 *       after the adapter closed does nothing: the event's fate was already decided and a bridge
 *       racing a shutdown must not get an exception for it.</li>
 *   <li><b>Server</b>: DESCRIBE's {@code server} is a URI unique among the open memory brokers of
 *       the JVM ({@link org.eson.adapters.memory.MemoryBrokerAdapter#server()}):
 *       {@code memory://<broker name>} when no other open memory broker has it, which is always
 *       the case for a gateway alone in its JVM (the embedded default is {@code memory://local}),
 *       else {@code memory://<broker name>-<6 hex digits>} (random, for example
 *       {@code memory://local-3fa9c2}). A broker's URI stays the same for its life; the plain
 *       name is free again once its holder closed (or was dropped without {@code close()} and
 *       collected). So with two gateways in one JVM both naming their broker {@code local},
 *       the first one started keeps {@code memory://local}.</li>
 *   <li><b>Attach</b> ({@link org.eson.adapters.memory.MemoryBrokerProvider#attach}): another
 *       gateway of the same JVM opens sources and sinks of a described flow through a view over
 *       the broker named by {@code server}, found in a JVM-wide registry of open memory brokers
 *       (weakly held, removed on close). The view maps the DESCRIBE's {@code flow} name to its
 *       {@code topic}, refuses {@code create} and {@code delete}, and its {@code close()} closes
 *       what it opened, never the broker. A {@code server} that no open broker of this JVM has is
 *       {@code Fatal}: memory flows cannot be shared across processes.</li>
 *   <li><b>Ending</b>: after {@code delete} of its flow a source's {@code poll} and a sink's
 *       {@code publish} fail with {@code NoSuchResource}, also when the flow is created again
 *       (they belong to the deleted log); after the adapter closed, every operation fails with
 *       {@code Retriable}; using a source or sink after its own {@code close} fails with
 *       {@code Fatal}. Blocked polls wake up in all three cases.</li>
 * </ul>
 */
package org.eson.adapters.memory;
