/**
 * The at-least-once copy loop between two flows: {@link org.eson.bridge.Bridge} polls an
 * {@link org.eson.spi.bridge.EventSource}, publishes each event to an
 * {@link org.eson.spi.bridge.EventSink} and acknowledges a delivery only after the sink confirmed
 * its publish. The gateway wraps it as its bridge processor; the TCK uses it directly, so this
 * module depends on the SPI only.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li><b>At least once.</b> A delivery is acknowledged only after its publish future completed
 *       normally. A failed publish is nacked, so the source delivers it again; a delivery whose
 *       publish was not confirmed when the bridge stopped is left unacknowledged and delivered
 *       again to the consumer group's next reader. Events can therefore arrive twice, never
 *       not at all.</li>
 *   <li><b>Order per key.</b> Events with the same {@code partitionkey} extension (compared in
 *       CloudEvents canonical string form) are published one at a time: a key's next event is
 *       published only after the previous one was confirmed. When a publish fails, the bridge
 *       nacks the event and the events of its key it holds unpublished, so they come back in
 *       order. Events of different keys, and events without a key, are in flight together, up
 *       to {@link org.eson.bridge.BridgeSettings#maxInFlight()}.</li>
 *   <li><b>Failures.</b> {@code BrokerException.Retriable} from {@code poll}, and any failed
 *       publish other than {@code BrokerException.Fatal} (a sink whose flow is gone included,
 *       since an operator may provision it again), make the bridge back off, from
 *       {@code backoffMin} doubling up to {@code backoffMax}, reset by the next confirmed publish;
 *       it never gives up on them. {@code BrokerException.Fatal} from either side,
 *       {@code NoSuchResource} from {@code poll} (the source's flow was deleted) and unexpected
 *       runtime exceptions from {@code poll} stop it with
 *       {@link org.eson.bridge.BridgeStats.Status.Failed}. With a
 *       {@link org.eson.bridge.DeadLetter} in the settings, a {@code Fatal} publish failure instead
 *       nacks the event and backs off until the event was refused {@code maxAttempts} times; then
 *       the dead letter's handler takes it and the delivery is acknowledged.</li>
 *   <li><b>Ownership.</b> The caller opens and closes the source and the sink; the bridge closes
 *       neither. {@link org.eson.bridge.Bridge#close()} stops polling, waits a bounded time for
 *       publishes in flight, acknowledges the confirmed ones and returns after its only thread,
 *       a virtual thread, has ended.</li>
 * </ul>
 */
package org.eson.bridge;
