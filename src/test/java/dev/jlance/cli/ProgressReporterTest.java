package dev.jlance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {

    @Test
    void printsAtMostOncePerInterval() {
        AtomicLong clock = new AtomicLong(0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressReporter progress = new ProgressReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                1_000_000, 1_000, clock::get);
        progress.pageWritten("a", 10, 100_000, 4096);
        clock.set(999);
        progress.pageWritten("a", 10, 200_000, 8192);
        assertEquals(0, progress.lines());
        clock.set(1_000);
        progress.pageWritten("b", 10, 250_000, 3L << 20);
        clock.set(1_500);
        progress.pageWritten("b", 10, 300_000, 4L << 20);
        clock.set(2_000);
        progress.pageWritten("c", 10, 1_000_000, 5L << 20);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, progress.lines());
        assertEquals(List.of("  ... 250,000 / 1,000,000 rows (25%), 3.00 MiB written, 0.000 s",
                "  ... 1,000,000 / 1,000,000 rows (100%), 5.00 MiB written, 0.000 s"), lines);
    }

    @Test
    void worksWithoutATotal() {
        AtomicLong clock = new AtomicLong(0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressReporter progress = new ProgressReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                -1, 10, clock::get);
        clock.set(2_000_000_000L);
        progress.pageWritten("a", 1, 42, 100);
        assertEquals("  ... 42 rows, 100 B written, 2.00 s", bytes.toString(StandardCharsets.UTF_8).stripTrailing());
    }
}
