/**
 * The {@code --json} output. Hand-written rather than a library because the output is a few flat
 * objects of strings, and one more jar on the user agent's class path is not worth it; what
 * matters is that the escaping is exactly right, since names and descriptions come from remote
 * servers.
 */
package org.eson.fnua.json;
