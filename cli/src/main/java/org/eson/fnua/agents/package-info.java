/**
 * Which agent (FNAA) a command talks to, and where that agent is on the network.
 *
 * <p>The two questions are kept apart on purpose: selection is pure (configuration in, agent out,
 * no I/O, easy to test), while location may need the network once DNS discovery of agents
 * (thesis Annex D, SRV records) arrives behind {@link org.eson.fnua.agents.AgentLocator}.
 */
package org.eson.fnua.agents;
