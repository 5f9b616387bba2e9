/**
 * The flow registry: configured namespaces and their owners, the flows in them, and the
 * {@link org.eson.gateway.flows.FlowService} that keeps registry and broker in step.
 */
package org.eson.gateway.flows;
