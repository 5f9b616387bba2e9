package org.eson.adapters.kafka;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Prints the test JVM's peak heap (sum of the heap pools' peak usage), and its run time, when the
 * JVM's tests are done; also written to {@code target/heap-report.txt}.
 */
public final class HeapReport implements BeforeAllCallback {

    private static final long STARTED = System.nanoTime();

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.create(HeapReport.class))
                .getOrComputeIfAbsent("report", k -> new Report(), Report.class);
    }

    /** VmHWM of /proc/self/status (Linux), the process's peak resident memory. */
    private static String peakRss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> (Long.parseLong(l.replaceAll("[^0-9]", "")) >> 10) + " MiB").findFirst().orElse("n/a");
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    @SuppressWarnings("deprecation")
    private static final class Report implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private boolean done;

        @Override
        public synchronized void close() {
            if (done) {
                return;
            }
            done = true;
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            Runtime rt = Runtime.getRuntime();
            String line = String.format("HEAP REPORT: peak heap used %d MiB (sum of pool peaks), committed now %d MiB,"
                            + " max %d MiB, peak RSS %s, threads peak %d; tests ran %d s",
                    peak >> 20, rt.totalMemory() >> 20, rt.maxMemory() >> 20, peakRss(),
                    ManagementFactory.getThreadMXBean().getPeakThreadCount(),
                    Duration.ofNanos(System.nanoTime() - STARTED).toSeconds());
            System.out.println(line);
            try {
                Files.writeString(Path.of("target", "heap-report.txt"), line + System.lineSeparator());
            } catch (IOException e) {
                System.err.println("Could not write target/heap-report.txt: " + e);
            }
        }
    }
}
