/**
 * FNAP on the wire: CRLF-terminated UTF-8 lines of bounded length, and replies made of a status
 * line or a DATA block. Kept free of command knowledge so that the server's framing and the
 * client's reading share one definition of a line and cannot drift apart.
 */
package org.eson.fnap.wire;
