/**
 * The Kafka broker adapter: each flow is a Kafka topic of the same name, events are CloudEvents
 * in the CloudEvents Kafka protocol binding, consumer groups are Kafka consumer groups.
 *
 * <h2>Settings</h2>
 * <ul>
 *   <li>{@code bootstrap.servers} (required): what the adapter's clients connect to.</li>
 *   <li>{@code describe.server}: the {@code server} DESCRIBE shows, when participants reach the
 *       cluster at another address than the gateway does (default {@code bootstrap.servers}).</li>
 *   <li>{@code partitions}, {@code replication.factor}, {@code retention}: defaults for new
 *       topics (default: the broker's {@code num.partitions}, {@code default.replication.factor},
 *       {@code log.retention.*}); {@code retention} is a duration ({@code PT168H}, {@code 7d}) or
 *       {@code infinite}.</li>
 *   <li>{@code security.protocol} ({@code PLAINTEXT}, {@code SSL}, {@code SASL_PLAINTEXT},
 *       {@code SASL_SSL}; default {@code PLAINTEXT}) and every {@code sasl.*} and {@code ssl.*}
 *       key ({@code sasl.mechanism}, {@code sasl.jaas.config},
 *       {@code ssl.truststore.location}/{@code .password}/{@code .type},
 *       {@code ssl.keystore.*}...), given to every client as Kafka properties.</li>
 *   <li>{@code client.*}: other Kafka client properties for every client, prefix removed
 *       ({@code client.linger.ms=20}). Properties the guarantees depend on ({@code acks},
 *       {@code enable.idempotence}, {@code group.id}, {@code enable.auto.commit}, the
 *       (de)serializers, {@code transactional.id}) are refused, as are security properties that
 *       belong at the top level.</li>
 *   <li>{@code request.timeout} (default {@code 30s}): every admin call and client request; a
 *       producer retries a record for twice as long ({@code delivery.timeout.ms}) and blocks at
 *       most this long for metadata. {@code checkReachable} waits at most 5 seconds.</li>
 * </ul>
 * Secrets ({@code *password*}, {@code *jaas*}, {@code *secret*}, {@code *token*}, {@code *.key})
 * are masked wherever settings are printed.
 *
 * <h2>Provisioning</h2>
 * Flow options {@code partitions}, {@code replication-factor} and {@code retention} override the
 * settings above for one topic; other options are ignored (they belong to other adapters). Like
 * the memory adapter, {@code create} of an existing topic keeps it as it is. DESCRIBE gives, in
 * order: {@code topic}, {@code server}, {@code tls} ({@code true} for {@code SSL} and
 * {@code SASL_SSL}), {@code security} (the protocol), {@code sasl.mechanism} (when set),
 * {@code partitions}, {@code binding=cloudevents-kafka-binary}, {@code key=partitionkey}: a
 * participant with a plain Kafka client and the CloudEvents Kafka binding needs nothing else.
 *
 * <h2>Attaching to a remote flow</h2>
 * {@link org.eson.adapters.kafka.KafkaBrokerProvider#attach} builds an adapter on the cluster of
 * a flow another gateway described: {@code bootstrap.servers} is DESCRIBE's {@code server},
 * {@code security.protocol} its {@code security} (absent: {@code SSL} when {@code tls=true},
 * else {@code PLAINTEXT}), {@code sasl.mechanism} its {@code sasl.mechanism} when present, plus
 * the {@code credentials} the operator configured for that peer (any setting above except
 * {@code bootstrap.servers} and {@code describe.server}; they may fill in, not contradict,
 * {@code security.protocol} and {@code sasl.mechanism}). {@code type}, {@code binding} and
 * {@code key}, when present, must be {@code kafka}, {@code cloudevents-kafka-binary} and
 * {@code partitionkey}. The attached adapter serves only DESCRIBE's {@code flow} name (default:
 * the topic), mapped to the described {@code topic}; any other flow is {@code NoSuchResource};
 * {@code create} and {@code delete} are {@code Fatal}; sources, sinks, {@code describe} and
 * {@code checkReachable} work as above.
 *
 * <h2>Binding</h2>
 * Sinks write binary mode ({@code ce_*} headers, the data as the value); sources read binary and
 * structured mode ({@code content-type: application/cloudevents+json}, through
 * {@code cloudevents-json-jackson}). The {@code partitionkey} extension, in CloudEvents canonical
 * text ({@link org.eson.spi.Events#partitionKey}: Base64 for binary, RFC 3339 for timestamps), is
 * the record key and stays on the event. An event without data is written with an empty value, not a null one: a
 * null value is a tombstone (compaction would delete the key) and Kafka consumers do not pass a
 * null value to their deserializer. A record that is not a CloudEvent is skipped (logged) and
 * counts as acknowledged, so it cannot block its partition.
 *
 * <h2>Delivery</h2>
 * At least once, in order per partition. Offsets are committed only up to the lowest offset of
 * each partition that was handed out and not acknowledged. A nack rewinds the partition to the
 * nacked offset: it and the partition's later unacknowledged records are delivered again, which
 * preserves per-key order; delivery counts are kept in the source's memory, per offset, and
 * start again at 1 when a partition moves to another member. Acks and nacks are applied at the
 * source's next {@code poll} (or {@code close}), on the polling thread. On revocation the source
 * commits what is committable and forgets the partition's pending deliveries (settling them later
 * does nothing; the new owner delivers them again). Consumer groups use Kafka's default
 * ({@code classic}) group protocol, which every broker version speaks;
 * {@code client.group.protocol=consumer} selects KIP-848 on Kafka 4 brokers.
 *
 * <h2>Ending</h2>
 * After the adapter closed every operation fails with {@code Retriable}; a source or sink used
 * after its own {@code close} fails with {@code Fatal}; {@code close} of a source wakes a
 * blocked poll. Kafka does not tell a consumer that its topic was deleted, so a source of a
 * deleted flow just polls nothing; a sink's publish to it fails with {@code NoSuchResource} once
 * the producer gives up waiting for the topic (up to {@code request.timeout}). A bootstrap host
 * that does not resolve is {@code Retriable} (DNS may come back), a malformed one {@code Fatal}.
 *
 * <h2>Capabilities</h2>
 * {@code ORDERING_PER_KEY} (one key, one partition, rewinds keep order), {@code PERSISTENCE}
 * (acknowledged by all in-sync replicas, {@code acks=all}, idempotent producer) and
 * {@code COMPETING_CONSUMERS} (a group shares the topic's partitions; with one partition one
 * member gets everything). Not {@code TTL}: Kafka expires data per topic by retention, not per
 * event, and cannot stop delivering an old event to a group. Not {@code DEAD_LETTER}: Kafka has no
 * redelivery limit or dead-letter topic of its own; a source could republish to a
 * {@code dlq.<flow>} topic after {@code max-deliveries}, but that needs the counts to survive
 * rebalances (kept in a header or a compacted topic), which is later work.
 *
 * <h2>Threads</h2>
 * One admin client thread per adapter, one producer I/O thread per open sink, the consumer's
 * heartbeat thread per open source. {@code close()} of the adapter closes all of them.
 */
package org.eson.adapters.kafka;
