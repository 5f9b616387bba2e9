package org.eson.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.eson.spi.Capability;

/**
 * What one run of the TCK against one adapter found: the capabilities the adapter declared,
 * each test's outcome and the bridging duplicate counts. Written by {@link TckReportExtension}
 * to {@code target/tck-report/<type>.md}.
 */
public final class TckReport {

    /** A test's outcome. */
    public enum Outcome {
        PASSED, FAILED, SKIPPED
    }

    /** One test. */
    public record Entry(String area, String test, Outcome outcome, String reason, List<String> notes) {
    }

    /** One bridging run: events sent, distinct ones received, duplicates. */
    public record BridgeRun(String name, int events, int distinctReceived, int duplicates, String detail) {
    }

    private final String testClass;
    private final Instant started = Instant.now();
    private volatile String type;
    private volatile String adapterClass;
    private volatile Set<Capability> declared;
    private volatile double timeoutMultiplier = 1.0;
    private volatile String restart = "unknown";
    private final List<Entry> entries = Collections.synchronizedList(new ArrayList<>());
    private final List<BridgeRun> bridgeRuns = Collections.synchronizedList(new ArrayList<>());
    private final List<String> pendingNotes = Collections.synchronizedList(new ArrayList<>());

    TckReport(String testClass) {
        this.testClass = testClass;
    }

    /** The adapter type, once a test created an adapter. */
    public String type() {
        return type;
    }

    public List<Entry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    public List<BridgeRun> bridgeRuns() {
        synchronized (bridgeRuns) {
            return List.copyOf(bridgeRuns);
        }
    }

    void adapter(String type, String adapterClass, Set<Capability> capabilities, double multiplier, boolean canRestart) {
        if (this.type == null) {
            this.type = type;
            this.adapterClass = adapterClass;
            this.declared = capabilities.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(capabilities);
            this.timeoutMultiplier = multiplier;
            this.restart = canRestart ? "yes" : "no (the fixture cannot restart the broker)";
        }
    }

    void note(String note) {
        pendingNotes.add(note);
    }

    void bridgeRun(BridgeRun run) {
        bridgeRuns.add(run);
    }

    void record(String area, String test, Outcome outcome, String reason) {
        List<String> notes;
        synchronized (pendingNotes) {
            notes = List.copyOf(pendingNotes);
            pendingNotes.clear();
        }
        entries.add(new Entry(area, test, outcome, reason, notes));
    }

    long count(Outcome outcome) {
        return entries().stream().filter(e -> e.outcome() == outcome).count();
    }

    /** The report as Markdown. */
    public String markdown() {
        var md = new StringBuilder();
        String shownType = type == null ? "(no adapter was created)" : type;
        md.append("# ESON TCK report: ").append(shownType).append("\n\n");
        md.append("- test class: `").append(testClass).append("`\n");
        if (adapterClass != null) {
            md.append("- adapter class: `").append(adapterClass).append("`\n");
        }
        md.append("- run started: ").append(started).append("\n");
        md.append("- timeout multiplier: ").append(timeoutMultiplier).append("\n");
        md.append("- broker restart: ").append(restart).append("\n");
        md.append("- result: ").append(count(Outcome.PASSED)).append(" passed, ").append(count(Outcome.FAILED))
                .append(" failed, ").append(count(Outcome.SKIPPED)).append(" skipped\n\n");
        md.append("## Capabilities\n\n| capability | declared |\n|---|---|\n");
        for (Capability c : Capability.values()) {
            md.append("| ").append(c).append(" | ")
                    .append(declared == null ? "?" : declared.contains(c) ? "yes" : "no").append(" |\n");
        }
        md.append("\n## Tests\n\n| area | test | result |\n|---|---|---|\n");
        for (Entry e : entries()) {
            md.append("| ").append(cell(e.area())).append(" | ").append(cell(e.test())).append(" | ")
                    .append(e.outcome().name().toLowerCase(Locale.ROOT));
            if (e.reason() != null && !e.reason().isBlank()) {
                md.append(": ").append(cell(e.reason()));
            }
            md.append(" |\n");
        }
        md.append("\n## Bridging (at-least-once, the bridge stopped and restarted mid-stream)\n\n");
        if (bridgeRuns().isEmpty()) {
            md.append("No bridging test ran.\n");
        } else {
            md.append("| bridge | events sent | distinct received | duplicates | detail |\n|---|---|---|---|---|\n");
            for (BridgeRun run : bridgeRuns()) {
                md.append("| ").append(cell(run.name())).append(" | ").append(run.events()).append(" | ")
                        .append(run.distinctReceived()).append(" | ").append(run.duplicates()).append(" | ")
                        .append(cell(run.detail())).append(" |\n");
            }
        }
        var notes = entries().stream().filter(e -> !e.notes().isEmpty()).toList();
        if (!notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            for (Entry e : notes) {
                for (String n : e.notes()) {
                    md.append("- ").append(e.area()).append(" \u203a ").append(e.test()).append(": ").append(n).append("\n");
                }
            }
        }
        return md.toString();
    }

    /** A few lines for stdout. */
    public String summary(Path file) {
        var s = new StringBuilder();
        s.append("ESON TCK [").append(type).append("]: ").append(count(Outcome.PASSED)).append(" passed, ")
                .append(count(Outcome.FAILED)).append(" failed, ").append(count(Outcome.SKIPPED)).append(" skipped; declared ")
                .append(declared == null ? "?" : declared).append("\n");
        for (Entry e : entries()) {
            if (e.outcome() != Outcome.PASSED) {
                s.append("  ").append(e.outcome()).append(' ').append(e.area()).append(" \u203a ").append(e.test())
                        .append(e.reason() == null ? "" : ": " + firstLine(e.reason())).append("\n");
            }
        }
        for (BridgeRun run : bridgeRuns()) {
            s.append("  bridge ").append(run.name()).append(": ").append(run.events()).append(" sent, ")
                    .append(run.distinctReceived()).append(" distinct received, ").append(run.duplicates())
                    .append(" duplicates\n");
        }
        s.append("  report: ").append(file.toAbsolutePath());
        return s.toString();
    }

    Path write(Path directory) {
        String name = (type == null ? "unknown" : type).replaceAll("[^A-Za-z0-9._-]", "_") + ".md";
        Path file = directory.resolve(name);
        try {
            Files.createDirectories(directory);
            Files.writeString(file, markdown());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the TCK report " + file, e);
        }
        return file;
    }

    static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    private static String cell(String text) {
        return firstLine(text).replace("|", "\\|");
    }
}
