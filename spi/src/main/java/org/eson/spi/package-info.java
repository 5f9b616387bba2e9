/**
 * The broker adapter SPI: what an ESON gateway needs from a Flow Events Broker (FEB).
 *
 * <p>An adapter module ships a {@link org.eson.spi.BrokerAdapterProvider} registered in
 * {@code META-INF/services}; the gateway picks the provider whose {@link
 * org.eson.spi.BrokerAdapterProvider#name()} equals a configured broker's {@code type}. The
 * adapter splits <em>provisioning</em> (create, describe, delete a flow's broker resource) from
 * <em>binding</em> (the {@link org.eson.spi.bridge.EventSource} and {@link
 * org.eson.spi.bridge.EventSink} halves a bridge processor joins). Events are CloudEvents on
 * every broker. {@link org.eson.spi.BrokerAdapterProvider#attach} builds an adapter for a flow
 * another gateway described, from its DESCRIBE parameters only, so a participant can subscribe
 * to a flow on a peer's broker. The names every adapter shares are here: flow options in
 * {@link org.eson.spi.FlowOptions}, DESCRIBE keys in {@link org.eson.spi.FlowDescription}, the
 * {@code partitionkey} extension and its canonical text in {@link org.eson.spi.Events}. This package depends on the CloudEvents API only: no Helidon, no gateway types.
 */
package org.eson.spi;
