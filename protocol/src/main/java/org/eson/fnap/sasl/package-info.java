/**
 * The SASL PLAIN message (RFC 4616) used by {@code AUTHENTICATE PLAIN}. Shared so that the client
 * that encodes it and the gateway that decodes it apply the same rules, in particular on NUL
 * separators and lengths, where lenient decoders historically disagreed.
 */
package org.eson.fnap.sasl;
