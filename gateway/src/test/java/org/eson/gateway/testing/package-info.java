/** Test support shared by the gateway's test packages. */
package org.eson.gateway.testing;
