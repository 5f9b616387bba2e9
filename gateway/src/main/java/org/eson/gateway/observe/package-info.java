/**
 * Observability on the gateway's HTTP listener: {@code /observe/health} (liveness, and readiness
 * meaning the registry store is open and every broker answers) and {@code /observe/metrics} in
 * the Prometheus text format.
 */
package org.eson.gateway.observe;
