/**
 * The {@code fnua} command tree (thesis Figure 21, section 7.4): {@code create flow},
 * {@code describe flow}, {@code delete flow}, {@code get flows}, {@code get namespaces},
 * {@code get agents} and {@code resolve} (a Flow Name Service lookup, no agent involved).
 *
 * <p>Every command that talks to an agent follows the thesis's session exactly: connect,
 * {@code AUTHENTICATE PLAIN}, one command, {@code QUIT}; nothing is kept between runs. Commands
 * never call {@code System.exit} or touch process-wide state: their streams, environment and home
 * directory come from an {@link org.eson.fnua.commands.Invocation}, so that tests and the
 * gateway's end-to-end tests can run many invocations in one JVM.
 *
 * <p>Failures travel as {@link org.eson.fnua.commands.CommandFailure}, which carries the exit code
 * chosen where the cause is best understood, and become one {@code fnua: ...} line on stderr.
 */
package org.eson.fnua.commands;
