/** Tests of the Flow Name Service pieces that need no name server: key files and record layout. */
package org.eson.gateway.fns;
