/**
 * FNAP requests: one immutable {@link org.eson.fnap.command.Command} per verb and a parser that
 * turns a line into a command or into the exact error reply. Parsing is total (every input gives
 * a result, none throws) so a server can never be brought down by what a client types.
 */
package org.eson.fnap.command;
