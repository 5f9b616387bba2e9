/**
 * FNAP, the Flow Namespace Accessing Protocol, as spoken between a user agent (FNUA) or a peer
 * gateway and an FNAA gateway. The normative description is {@code docs/fnap.md}; this module
 * is its executable form and is shared by the gateway and the CLI so both ends agree on every
 * byte.
 *
 * <p>Sub-packages are split by concern so that a server can use the framing and parsing without
 * the client, and the client without the parser: {@link org.eson.fnap.name} (flow names),
 * {@link org.eson.fnap.wire} (lines and replies), {@link org.eson.fnap.command} (requests),
 * {@link org.eson.fnap.sasl} (the PLAIN message) and {@link org.eson.fnap.client}.
 */
package org.eson.fnap;
