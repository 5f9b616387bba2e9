/**
 * A blocking FNAP client, used by the {@code fnua} CLI and by gateways that talk to peer
 * gateways. Blocking on purpose: callers run it on virtual threads, and a plain request-reply
 * loop is far easier to reason about (and to trace like the thesis CLI does) than callbacks.
 */
package org.eson.fnap.client;
