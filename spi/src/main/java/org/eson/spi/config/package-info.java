/**
 * The typed, read-only view of a broker's configuration that an adapter receives, so that
 * adapters never see the gateway's configuration system.
 */
package org.eson.spi.config;
