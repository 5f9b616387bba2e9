/** Test support: gateway configurations and a byte-level FNAP session. */
package org.eson.gateway.support;
