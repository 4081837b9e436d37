package dev.jlance.cli;

import dev.jlance.file.ColumnSummary;
import dev.jlance.file.WriteSummary;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints what a write did: one fixed-width row per column, a total row and an overall line. */
final class SummaryTable {

    private static final String[] HEADER =
            {"column", "type", "rows", "pages", "layout", "encoding", "bytes in", "bytes out", "ratio"};
    /** Which columns are numbers, and so right-aligned. */
    private static final boolean[] RIGHT = {false, false, true, true, false, false, true, true, true};
    /** Cells wider than this are cut, so one odd encoding name cannot stretch the whole table. */
    static final int MAX_CELL = 48;
    private static final String GAP = "  ";

    private SummaryTable() {
    }

    static void print(PrintStream out, LanceWriteRun.Result result) {
        WriteSummary summary = result.summary();
        out.println("wrote " + summary.path() + " (Lance file format " + summary.version().label() + ")");
        for (String line : tableLines(summary)) {
            out.println(line);
        }
        out.println(overallLine(result));
    }

    static List<String> tableLines(WriteSummary summary) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        long pages = 0;
        long bytesOut = 0;
        for (ColumnSummary column : summary.columns()) {
            rows.add(new String[] {column.path(), column.logicalType(), Units.count(column.rows()),
                Units.count(column.pages()), String.join(",", column.layouts()),
                String.join(",", column.encodings()), Units.bytes(column.bytesIn()),
                Units.bytes(column.bytesOut()), Units.ratio(column.bytesIn(), column.bytesOut())});
            pages += column.pages();
            bytesOut += column.bytesOut();
        }
        String[] total = {"total", Units.count(summary.columns().size(), "column"), Units.count(summary.rows()),
            Units.count(pages), "", "", Units.bytes(summary.bytesIn()), Units.bytes(bytesOut),
            Units.ratio(summary.bytesIn(), bytesOut)};
        rows.add(total);

        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], Math.min(MAX_CELL, row[c].length()));
            }
        }
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            if (r == 1 || r == rows.size() - 1) {
                lines.add(rule(widths));
            }
            lines.add(render(rows.get(r), widths));
        }
        return lines;
    }

    static String overallLine(LanceWriteRun.Result result) {
        WriteSummary summary = result.summary();
        return Units.count(summary.rows(), "row") + " in " + Units.bytes(summary.fileBytes()) + " ("
                + Units.count(summary.fileBytes(), "byte") + "); " + Units.seconds(result.elapsedNanos())
                + " elapsed, " + Units.seconds(result.writerNanos()) + " in the writer: "
                + Units.throughput(summary.bytesIn(), result.writerNanos()) + " of Arrow input ("
                + Units.throughput(summary.bytesIn(), result.elapsedNanos()) + " end to end)";
    }

    private static String render(String[] row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < row.length; c++) {
            if (c > 0) {
                line.append(GAP);
            }
            String cell = fit(row[c], widths[c]);
            String pad = " ".repeat(widths[c] - cell.length());
            line.append(RIGHT[c] ? pad + cell : cell + pad);
        }
        return line.toString().stripTrailing();
    }

    private static String rule(int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            if (c > 0) {
                line.append(GAP);
            }
            line.append("-".repeat(widths[c]));
        }
        return line.toString();
    }

    private static String fit(String cell, int width) {
        return cell.length() <= width ? cell : cell.substring(0, width - 3) + "...";
    }
}
