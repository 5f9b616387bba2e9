/**
 * FNAP on a Helidon listener: the connection selector and connection that own the socket, the
 * per-connection {@link org.eson.gateway.fnap.FnapSession} state machine (thesis Figure 19), and
 * the {@link org.eson.gateway.fnap.CommandDispatcher} that routes parsed commands to one small
 * handler per verb. Handlers never touch sockets; the framer never knows commands.
 */
package org.eson.gateway.fnap;
