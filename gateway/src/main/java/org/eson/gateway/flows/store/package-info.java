/**
 * Persistence of the flow registry behind {@link org.eson.gateway.flows.store.RegistryStore}:
 * an embedded H2 file by default so a single gateway keeps its flows across restarts, any JDBC
 * database (PostgreSQL for several replicas) through the same portable SQL and Flyway migrations.
 */
package org.eson.gateway.flows.store;
