/** Tests of the JDBC registry store against real H2 files. */
package org.eson.gateway.flows.store;
