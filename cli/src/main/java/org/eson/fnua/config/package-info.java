/**
 * The user agent's configuration file, {@code ~/.flow.yml} (thesis section 7.3).
 *
 * <p>Parsing works on the YAML node tree rather than on constructed Java objects, for two reasons:
 * every value stays the exact text the user wrote (YAML 1.1 would otherwise turn a password such as
 * {@code 0123} into the number 83, or {@code no} into {@code false}), and every node carries its
 * line number, so that a validation error can name the file, the entry, the key and the line.
 * Passwords are resolved only when an agent is actually used, so that one unset environment
 * variable does not break commands that never talk to that agent.
 */
package org.eson.fnua.config;
