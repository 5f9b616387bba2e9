/**
 * The configured brokers: discovers adapter providers with {@link java.util.ServiceLoader},
 * matches each configured broker's {@code type} to a provider's {@code name()}, and fails fast,
 * naming the installed types, when a type is missing or provided twice.
 */
package org.eson.gateway.brokers;
