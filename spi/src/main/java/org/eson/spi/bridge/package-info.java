/**
 * The binding half of the SPI: an {@link org.eson.spi.bridge.EventSource} delivers a flow's
 * events and takes acknowledgements, an {@link org.eson.spi.bridge.EventSink} publishes events
 * and confirms once they are durable. A bridge acknowledges a delivery only after the sink
 * confirmed it, which gives at-least-once delivery across brokers.
 */
package org.eson.spi.bridge;
