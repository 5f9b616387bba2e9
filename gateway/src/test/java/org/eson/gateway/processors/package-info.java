/** Tests of the flow processors, against the real memory adapter in a real gateway. */
package org.eson.gateway.processors;
