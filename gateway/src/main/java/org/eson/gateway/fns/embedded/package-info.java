/**
 * A small in-process authoritative name server for development and tests, so {@code fnaad}
 * without any configuration still publishes its flows in DNS and the gateway's real RFC 2136
 * code runs against it. It serves only what the registrar needs (queries, and updates with
 * name/record prerequisites from loopback) and keeps its zones in memory: they are rebuilt at
 * every start, and start-up reconciliation re-registers the flows.
 */
package org.eson.gateway.fns.embedded;
