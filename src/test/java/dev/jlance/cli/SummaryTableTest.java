package dev.jlance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.FormatVersion;
import dev.jlance.file.ColumnSummary;
import dev.jlance.file.WriteSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTableTest {

    private static WriteSummary summary() {
        return new WriteSummary(Path.of("out.lance"), FormatVersion.V2_1, 1_000_000, 5_000_000, List.of(
                new ColumnSummary(0, "event_id", "int64", 1_000_000, 2, List.of("mini-block"),
                        List.of("inline_bitpacking(20)"), 8_000_000, 2_500_000),
                new ColumnSummary(1, "a_rather_long_column_name", "string", 1_000_000, 12,
                        List.of("mini-block", "full-zip"), List.of("variable(32)", "x".repeat(80)),
                        20_000_000, 2_400_000),
                new ColumnSummary(2, "nothing", "null", 1_000_000, 1, List.of("all-null"), List.of(), 0, 0)));
    }

    @Test
    void everyLineHasTheSameWidthAndTheColumnsLineUp() {
        List<String> lines = SummaryTable.tableLines(summary());
        // header, rule, 3 columns, rule, total
        assertEquals(7, lines.size(), String.join("\n", lines));
        int width = lines.getFirst().length();
        for (String line : lines) {
            assertEquals(width, line.length(), "the last column is right-aligned, so all lines end together:\n"
                    + String.join("\n", lines));
        }
        // Left-aligned text columns start at the same offset on every row.
        int typeColumn = lines.get(0).indexOf("type");
        assertEquals(typeColumn, lines.get(2).indexOf("int64"));
        assertEquals(typeColumn, lines.get(3).indexOf("string"));
        assertTrue(lines.get(1).matches("[- ]+"), lines.get(1));
    }

    @Test
    void showsCountsSizesAndRatios() {
        List<String> lines = SummaryTable.tableLines(summary());
        String eventId = lines.get(2);
        assertTrue(eventId.startsWith("event_id "), eventId);
        assertTrue(eventId.contains("1,000,000"), eventId);
        assertTrue(eventId.contains("mini-block"), eventId);
        assertTrue(eventId.contains("inline_bitpacking(20)"), eventId);
        assertTrue(eventId.contains("7.63 MiB"), eventId);
        assertTrue(eventId.contains("2.38 MiB"), eventId);
        assertTrue(eventId.endsWith("3.20x"), eventId);
        assertTrue(lines.get(3).contains("mini-block,full-zip"), lines.get(3));
        assertTrue(lines.get(4).endsWith(" -"), "no ratio for an empty output: " + lines.get(4));
        String total = lines.getLast();
        assertTrue(total.startsWith("total "), total);
        assertTrue(total.contains("3 columns"), total);
        assertTrue(total.contains(" 15 "), "pages summed: " + total);
        assertTrue(total.endsWith("5.71x"), total);
    }

    @Test
    void cutsOverlongCells() {
        List<String> lines = SummaryTable.tableLines(summary());
        String cell = "variable(32)," + "x".repeat(80);
        assertTrue(lines.get(3).contains(cell.substring(0, SummaryTable.MAX_CELL - 3) + "..."), lines.get(3));
    }

    @Test
    void printsPathVersionAndOverallLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        SummaryTable.print(out, new LanceWriteRun.Result(summary(), 2_000_000_000L, 1_000_000_000L));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("wrote out.lance (Lance file format 2.1)", lines.getFirst());
        String overall = lines.getLast();
        assertEquals("1,000,000 rows in 4.77 MiB (5,000,000 bytes); 2.00 s elapsed, 1.00 s in the writer: "
                + "26.7 MiB/s of Arrow input (13.4 MiB/s end to end)", overall);
    }

    @Test
    void formatsUnits() {
        assertEquals("0 B", Units.bytes(0));
        assertEquals("1023 B", Units.bytes(1023));
        assertEquals("1.00 KiB", Units.bytes(1024));
        assertEquals("12.0 MiB", Units.bytes(12L << 20));
        assertEquals("512 GiB", Units.bytes(512L << 30));
        assertEquals("0.042 s", Units.seconds(42_000_000L));
        assertEquals("73.4 s", Units.seconds(73_400_000_000L));
        assertEquals("-", Units.throughput(100, 0));
        assertEquals("-", Units.ratio(100, 0));
        assertEquals("1 row", Units.count(1, "row"));
        assertEquals("0 rows", Units.count(0, "row"));
        assertEquals("1,000 rows", Units.count(1000, "row"));
    }
}
