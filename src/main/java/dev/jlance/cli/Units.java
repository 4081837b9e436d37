package dev.jlance.cli;

import java.util.Locale;

/** Human-readable sizes, durations and rates (binary units: 1 MiB = 1,048,576 bytes). */
final class Units {

    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Units() {
    }

    /** {@code 512 B}, {@code 1.50 KiB}, {@code 12.3 MiB}, {@code 1.07 GiB}. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        String format = value >= 100 ? "%.0f %s" : value >= 10 ? "%.1f %s" : "%.2f %s";
        return String.format(Locale.ROOT, format, value, BYTE_UNITS[unit]);
    }

    /** {@code 0.042 s}, {@code 1.23 s}, {@code 73.4 s}. */
    static String seconds(long nanos) {
        double seconds = nanos / 1e9;
        String format = seconds < 1 ? "%.3f s" : seconds < 10 ? "%.2f s" : "%.1f s";
        return String.format(Locale.ROOT, format, seconds);
    }

    /** Bytes per second in MiB/s; {@code -} when no time elapsed. */
    static String throughput(long bytes, long nanos) {
        if (nanos <= 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f MiB/s", bytes / (1024.0 * 1024.0) / (nanos / 1e9));
    }

    /** {@code 1,000,000}. */
    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** {@code 1 row}, {@code 2 rows}, {@code 1,000 rows}. */
    static String count(long value, String noun) {
        return count(value) + " " + noun + (value == 1 ? "" : "s");
    }

    /** bytes in over bytes out, e.g. {@code 3.52x}; {@code -} when nothing came out. */
    static String ratio(long bytesIn, long bytesOut) {
        if (bytesOut <= 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2fx", (double) bytesIn / bytesOut);
    }
}
