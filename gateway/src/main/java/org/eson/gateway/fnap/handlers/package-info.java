/**
 * One small handler per FNAP verb. Each turns a parsed command into a reply through the flow
 * service; {@link org.eson.gateway.fnap.handlers.FlowReplies} is the one place failures become
 * reply codes, so every verb answers the same failure the same way.
 */
package org.eson.gateway.fnap.handlers;
