/** Tests of the flow registry records. */
package org.eson.gateway.flows;
