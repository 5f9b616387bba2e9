/**
 * The ESON technology compatibility kit: the abstract JUnit 5 suite {@link org.eson.tck.AdapterTck}
 * that every broker adapter module runs by subclassing it once and supplying a
 * {@link org.eson.tck.TckSubject} (its adapter, a {@link org.eson.tck.NativeProbe} and, when the
 * broker fixture can, a {@link org.eson.tck.BrokerRestart}). Checks are switched on by the
 * capabilities the adapter declares; the run is summarised in {@code target/tck-report/<type>.md}.
 * See {@code tck/README.md}.
 */
package org.eson.tck;
