/**
 * The Flow Name Service: publishing flows in DNS so anyone can resolve a flow name to its FNAA
 * and broker (thesis 4.1.2, Annex B). {@link org.eson.gateway.fns.FlowRegistrar} is all the flow
 * service sees; {@link org.eson.gateway.fns.DnsFlowRegistrar} implements it with RFC 2136
 * updates signed with TSIG, against BIND 9 or the embedded development server, and writes only
 * records it can later prove are its own, so it never damages a zone it shares with an operator.
 */
package org.eson.gateway.fns;
