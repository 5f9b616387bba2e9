/**
 * Flow processors (thesis 4.1.4): long-running copies between flows that the FNAA creates and
 * manages, the machinery behind subscriptions.
 *
 * <p>The thesis puts processors behind an IPC interface (Figure 12: create, update, pause,
 * resume, destroy) so they could run elsewhere; {@link org.eson.gateway.processors.Processor}
 * is that interface, implemented in-process on virtual threads for now, so a later
 * out-of-process implementation changes no caller. Of the kinds of Figure 13 only the bridge
 * exists; {@link org.eson.gateway.processors.ProcessorKind#implemented()} is what
 * {@code CAPABILITIES} will advertise.
 *
 * <p>Processors are persisted in the registry store and brought back at start: a bridge
 * resumes from its consumer group's acknowledged position, so a restart loses no event (it may
 * repeat some: delivery is at least once).
 */
package org.eson.gateway.processors;
