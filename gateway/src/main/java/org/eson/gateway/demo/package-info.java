/** {@code fnaad demo}: two participants in one JVM, an event published on one arriving on the other. */
package org.eson.gateway.demo;
