/**
 * FNAP load measurements, kept apart from the tests: {@code bin/bench} starts a gateway in this
 * JVM on free ports and drives it with the protocol's own client over loopback, reporting rates
 * and the ratios between variants measured side by side in one run.
 */
package org.eson.bench;
