/**
 * The flow registry's data: which flows exist, in which namespace, created by whom and on which
 * broker. Persistence lives in {@link org.eson.gateway.flows.store}.
 */
package org.eson.gateway.flows;
