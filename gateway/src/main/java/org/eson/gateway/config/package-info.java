/**
 * The gateway's configuration: {@link org.eson.gateway.config.GatewayConfigLoader} layers
 * environment variables, system properties and a YAML file into a Helidon {@code Config}, then
 * maps the {@code fnaa} tree to immutable records and validates it as a whole, so an operator
 * sees every mistake in one start attempt instead of fixing them one restart at a time.
 */
package org.eson.gateway.config;
