package dev.jlance.cli;

import dev.jlance.file.WriteProgress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Prints a progress line now and then (at most once per interval) while a file is being written.
 * Pages may be reported from the writer's encode threads, so this is thread-safe.
 */
final class ProgressReporter implements WriteProgress {

    static final long DEFAULT_INTERVAL_NANOS = 1_000_000_000L;

    private final PrintStream err;
    private final long totalRows;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final long startNanos;
    private long lastPrintNanos;
    private int lines;

    /**
     * @param totalRows rows the run will write, or a negative number when not known
     */
    ProgressReporter(PrintStream err, long totalRows, long intervalNanos, LongSupplier clock) {
        this.err = err;
        this.totalRows = totalRows;
        this.intervalNanos = intervalNanos;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.lastPrintNanos = startNanos;
    }

    static ProgressReporter toStderr(PrintStream err, long totalRows) {
        return new ProgressReporter(err, totalRows, DEFAULT_INTERVAL_NANOS, System::nanoTime);
    }

    @Override
    public synchronized void pageWritten(String column, long pageRows, long rowsWritten, long fileBytes) {
        long now = clock.getAsLong();
        if (now - lastPrintNanos < intervalNanos) {
            return;
        }
        lastPrintNanos = now;
        lines++;
        err.println(line(rowsWritten, fileBytes, now - startNanos));
    }

    /** How many progress lines were printed. */
    synchronized int lines() {
        return lines;
    }

    private String line(long rowsWritten, long fileBytes, long elapsedNanos) {
        String rows = totalRows >= 0
                ? String.format(Locale.ROOT, "%,d / %,d rows (%d%%)", rowsWritten, totalRows,
                        totalRows == 0 ? 100 : rowsWritten * 100 / totalRows)
                : String.format(Locale.ROOT, "%,d rows", rowsWritten);
        return String.format(Locale.ROOT, "  ... %s, %s written, %s", rows, Units.bytes(fileBytes),
                Units.seconds(elapsedNanos));
    }
}
