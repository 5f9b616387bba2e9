/**
 * The Flow Name Service resolver (thesis 4.1.2 and Annex B): turns a flow name into the location
 * of the FNAA that owns it and of the broker queue behind it, using nothing but ordinary DNS.
 *
 * <p>The published layout ({@code docs/fns.md} is normative) for a flow {@code F} is a
 * {@code PTR} at {@code F} naming the service instance {@code _flow._tcp.F}, an {@code SRV} (and a
 * DNS-SD {@code TXT} with {@code tls}) there for the FNAA, and an {@code SRV} plus a
 * {@code TXT} with {@code broker-type=...} at {@code _queue._flow._tcp.F} for the queue. A
 * namespace {@code N} publishes {@code _flow._tcp.N} so that user agents can find its FNAA.
 *
 * <p>The resolver talks to the configured nameservers itself, building every query, instead of
 * going through dnsjava's {@code Lookup}: {@code Lookup} keeps a process-wide cache, and a
 * gateway that has just changed a record (or a test that has) must see the change on the next
 * call. The same reason keeps caching out of this package altogether; callers that want it can
 * add it where they know how stale an answer may be.
 *
 * <p>Failures are split into {@link org.eson.fnap.fns.FnsException}'s four cases because callers
 * react differently to each: an unregistered flow is the user's mistake, a broken chain is the
 * publishing gateway's, and a timeout or server failure is worth a retry.
 */
package org.eson.fnap.fns;
