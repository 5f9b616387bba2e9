/**
 * Measurements kept apart from the tests, each reporting figures and the ratios between variants
 * measured side by side in one run: {@code bin/bench} ({@link org.eson.bench.FnapBench}) starts a
 * gateway in this JVM on free ports and drives it with the protocol's own client over loopback;
 * {@code bin/bench subscription} ({@link org.eson.bench.SubscriptionBench}) times a Kafka -> memory
 * subscription between two in-process gateways against a direct Kafka round trip.
 */
package org.eson.bench;
