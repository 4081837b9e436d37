package dev.jlance.bench;

import dev.jlance.bench.SizeComparison.ColumnResult;
import dev.jlance.bench.SizeComparison.DatasetResult;
import dev.jlance.bench.SizeComparison.Written;
import dev.jlance.bench.data.DatasetSize;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The size comparison as JSON (for scripts and for tracking sizes across commits). */
final class SizeReportJson {

    private SizeReportJson() {
    }

    static String of(List<DatasetResult> results, DatasetSize size) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\n  \"size\": {\"max_rows\": ").append(size.maxRows()).append(", \"max_arrow_bytes\": ")
                .append(size.maxArrowBytes() == Long.MAX_VALUE ? "null" : Long.toString(size.maxArrowBytes()))
                .append(", \"batch_rows\": ").append(size.batchRows()).append("},\n");
        sb.append("  \"note\": \"seconds are one cold run of each writer, not a benchmark\",\n");
        sb.append("  \"datasets\": [");
        for (int d = 0; d < results.size(); d++) {
            DatasetResult r = results.get(d);
            sb.append(d == 0 ? "\n" : ",\n");
            sb.append("    {\"dataset\": ").append(str(r.dataset())).append(", \"rows\": ").append(r.rows())
                    .append(", \"arrow_bytes\": ").append(r.arrowBytes())
                    .append(", \"fingerprint\": ").append(str(r.fingerprint()))
                    .append(",\n     \"official\": ").append(file(r.official()))
                    .append(",\n     \"jlance\": ").append(r.jlance().map(SizeReportJson::file).orElse("null"));
            if (!r.unsupported().isEmpty()) {
                sb.append(",\n     \"jlance_unsupported\": ").append(str(r.unsupported()));
            }
            sb.append(",\n     \"columns\": [");
            for (int c = 0; c < r.columns().size(); c++) {
                ColumnResult col = r.columns().get(c);
                sb.append(c == 0 ? "\n" : ",\n");
                sb.append("       {\"column\": ").append(str(col.name())).append(", \"type\": ").append(str(col.type()))
                        .append(", \"arrow_bytes\": ").append(col.arrowBytes() < 0 ? "null" : col.arrowBytes())
                        .append(",\n        \"official\": ").append(column(col.official()))
                        .append(",\n        \"jlance\": ").append(col.jlance().map(SizeReportJson::column).orElse("null"))
                        .append('}');
            }
            sb.append("]}");
        }
        sb.append("\n  ]\n}\n");
        return sb.toString();
    }

    private static String file(Written w) {
        return String.format(Locale.ROOT, "{\"file_bytes\": %d, \"seconds\": %.3f, \"version\": \"%d.%d\"}",
                w.fileBytes(), w.seconds(), w.layout().major(), w.layout().minor());
    }

    /** Bytes, pages, and each distinct (layout, values, levels) with how many pages use it. */
    private static String column(LanceFileLayout.Column c) {
        Map<List<String>, Long> kinds = c.pages().stream().collect(Collectors.groupingBy(
                p -> List.of(p.layout(), p.values(), p.levels()), LinkedHashMap::new, Collectors.counting()));
        String encodings = kinds.entrySet().stream()
                .map(e -> "{\"layout\": " + str(e.getKey().get(0)) + ", \"values\": " + str(e.getKey().get(1))
                        + ", \"levels\": " + str(e.getKey().get(2)) + ", \"pages\": " + e.getValue() + "}")
                .collect(Collectors.joining(", "));
        return "{\"bytes\": " + c.bufferBytes() + ", \"pages\": " + c.pages().size() + ", \"encodings\": ["
                + encodings + "]}";
    }

    static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
