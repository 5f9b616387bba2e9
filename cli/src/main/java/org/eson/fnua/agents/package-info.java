/**
 * Which agent (FNAA) a command talks to, and where that agent is on the network.
 *
 * <p>The two questions are kept apart on purpose: selection is pure (configuration in, agent out,
 * no I/O, easy to test), while location may need the network: an agent configured without
 * {@code host} and {@code port} is found through DNS SRV records by
 * {@link org.eson.fnua.agents.DnsAgentLocator} ({@code docs/fns.md}), behind
 * {@link org.eson.fnua.agents.AgentLocator}.
 */
package org.eson.fnua.agents;
