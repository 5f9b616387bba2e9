/**
 * The FNAA gateway: {@link org.eson.gateway.Gateway} wires configuration, registry store, broker
 * adapters, FNAP listeners and the HTTP observe listener into one Helidon SE server;
 * {@link org.eson.gateway.Main} is the {@code fnaad} command line.
 */
package org.eson.gateway;
