package org.eson.tck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Collects every TCK test's outcome into a {@link TckReport} and, after the adapter's test
 * class, writes it to {@code target/tck-report/<type>.md} (under the Maven module's
 * {@code basedir} when surefire sets it, else the working directory) and prints a summary.
 * Registered by {@link AdapterTck}; adapter authors do not register it.
 */
public final class TckReportExtension implements BeforeEachCallback, AfterEachCallback, TestWatcher, AfterAllCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TckReportExtension.class);
    private static final ThreadLocal<TckReport> CURRENT = new ThreadLocal<>();

    /** The report of the test running on this thread, if any. */
    static Optional<TckReport> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        CURRENT.set(report(context));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        CURRENT.remove();
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        record(context, TckReport.Outcome.PASSED, null);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        record(context, TckReport.Outcome.FAILED, String.valueOf(cause));
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        record(context, TckReport.Outcome.SKIPPED, cause == null ? null : cause.getMessage());
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        record(context, TckReport.Outcome.SKIPPED, reason.orElse("disabled"));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (top(context) != context) {
            return;
        }
        TckReport report = report(context);
        String basedir = System.getProperty("basedir", System.getProperty("user.dir"));
        Path file = report.write(Path.of(basedir, "target", "tck-report"));
        System.out.println(report.summary(file));
    }

    private void record(ExtensionContext context, TckReport.Outcome outcome, String reason) {
        ExtensionContext top = top(context);
        var path = new ArrayList<String>();
        for (ExtensionContext c = context; c != top && c != null; c = c.getParent().orElse(null)) {
            path.add(c.getDisplayName());
        }
        Collections.reverse(path);
        String area = path.size() > 1 ? path.getFirst() : "";
        List<String> rest = path.size() > 1 ? path.subList(1, path.size()) : path;
        report(context).record(area, String.join(" \u203a ", rest), outcome, reason);
    }

    /** The outermost class context: the adapter's TCK subclass. */
    private static ExtensionContext top(ExtensionContext context) {
        ExtensionContext top = context;
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            if (c.getTestClass().isPresent()) {
                top = c;
            }
        }
        return top;
    }

    private static TckReport report(ExtensionContext context) {
        ExtensionContext top = top(context);
        String key = top.getUniqueId();
        return top.getStore(NS).getOrComputeIfAbsent(key,
                k -> new TckReport(top.getRequiredTestClass().getName()), TckReport.class);
    }
}
