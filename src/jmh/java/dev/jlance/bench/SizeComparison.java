package dev.jlance.bench;

import dev.jlance.UnsupportedTypeException;
import dev.jlance.bench.data.ArrowBytes;
import dev.jlance.bench.data.Dataset;
import dev.jlance.bench.data.DatasetSize;
import dev.jlance.bench.data.Datasets;
import dev.jlance.bench.data.Fingerprint;
import dev.jlance.bench.data.GeneratedData;
import dev.jlance.conformance.RenderedRows;
import dev.jlance.file.LanceFileWriter;
import dev.jlance.file.WriteOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes each benchmark dataset with jlance (default options) and with official Lance 7.0.0 (format
 * 2.1) from the same batches, and tabulates file sizes per dataset and per column, with the page
 * layout and value encodings each writer chose (read back from the files' column metadata).
 *
 * <pre>
 * ./jlance sizes [DATASET_REGEX] [--rows N] [--quick] [--json FILE] [--keep DIR] [--verify]
 * </pre>
 * Markdown goes to stdout, progress to stderr. A dataset jlance refuses at {@code open()} (a type it
 * cannot write yet) is reported as unsupported; any other failure stops the run.
 */
public final class SizeComparison {

    private static final String USAGE = """
            usage: SizeComparison [DATASET_REGEX] [--rows N] [--quick] [--json FILE] [--keep DIR] [--verify]
              DATASET_REGEX  only datasets whose name it finds (default: all)
              --rows N       exactly N rows per dataset (default: ~1M rows or ~100 MB of Arrow buffers)
              --quick        the small test size
              --json FILE    also write the results as JSON
              --keep DIR     write the files into DIR and keep them (default: a temp dir, deleted)
              --verify       read jlance's files back with the official reader and compare every value
            datasets: %s""";

    private SizeComparison() {
    }

    /** One writer's file, as far as the comparison is concerned. */
    public record Written(long fileBytes, double seconds, LanceFileLayout layout) {
    }

    /**
     * One column of one dataset.
     *
     * @param name leaf path
     * @param type short Arrow type
     * @param arrowBytes Arrow buffer bytes of the column, or -1 when columns are not top-level fields
     * @param official the official file's column
     * @param jlance jlance's column, empty when jlance did not write the dataset
     */
    public record ColumnResult(String name, String type, long arrowBytes, LanceFileLayout.Column official,
            Optional<LanceFileLayout.Column> jlance) {
    }

    /**
     * One dataset.
     *
     * @param dataset its name
     * @param rows rows written
     * @param arrowBytes Arrow buffer bytes written
     * @param official the official writer's file
     * @param jlance jlance's file, empty when jlance refused the schema
     * @param unsupported why jlance refused it, or ""
     * @param columns per column
     * @param fingerprint {@link Fingerprint} of the data written (same data, same fingerprint)
     */
    public record DatasetResult(String dataset, long rows, long arrowBytes, String fingerprint, Written official,
            Optional<Written> jlance, String unsupported, List<ColumnResult> columns) {
    }

    public static void main(String[] args) throws Exception {
        String regex = "";
        DatasetSize size = DatasetSize.DEFAULT;
        Path json = null;
        Path keep = null;
        boolean verify = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> size = DatasetSize.rows(positive(value(args, ++i)));
                case "--quick" -> size = DatasetSize.QUICK;
                case "--json" -> json = Path.of(value(args, ++i));
                case "--keep" -> keep = Path.of(value(args, ++i));
                case "--verify" -> verify = true;
                case "-h", "--help" -> {
                    System.out.println(usage());
                    return;
                }
                default -> {
                    if (args[i].startsWith("-") || !regex.isEmpty()) {
                        System.err.println("unexpected argument: " + args[i] + "\n" + usage());
                        System.exit(2);
                    }
                    regex = args[i];
                }
            }
        }
        List<Dataset> datasets = Datasets.matching(regex);
        if (datasets.isEmpty()) {
            System.err.println("no dataset matches '" + regex + "'\n" + usage());
            System.exit(2);
        }
        Path dir = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("jlance-sizes");
        List<DatasetResult> results = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator()) {
            for (Dataset dataset : datasets) {
                results.add(compare(dataset, size, dir, allocator, verify, System.err));
            }
        } finally {
            if (keep == null) {
                deleteTree(dir);
            }
        }
        System.out.print(markdown(results));
        if (json != null) {
            Files.writeString(json, SizeReportJson.of(results, size));
            System.err.println("wrote " + json);
        }
    }

    /**
     * Generates {@code dataset} at {@code size}, writes it with both writers into {@code dir}
     * ({@code <name>.official.lance}, {@code <name>.jlance.lance}) and compares the files. With
     * {@code verify}, jlance's file is read back with the official reader and compared value by value
     * (an {@link AssertionError} if it differs).
     */
    public static DatasetResult compare(Dataset dataset, DatasetSize size, Path dir, BufferAllocator allocator,
            boolean verify, PrintStream log) throws Exception {
        log.printf(Locale.ROOT, "%s: generating ...%n", dataset.name());
        try (GeneratedData data = dataset.generate(size, allocator)) {
            Schema schema = dataset.schema();
            log.printf(Locale.ROOT, "%s: %,d rows, %.1f MB of Arrow buffers in %d batches%n", dataset.name(),
                    data.rows(), data.arrowBytes() / 1e6, data.batches().size());

            Path officialFile = dir.resolve(dataset.name() + ".official.lance");
            long t0 = System.nanoTime();
            writeOfficial(officialFile, data.batches(), allocator);
            Written official = new Written(Files.size(officialFile), (System.nanoTime() - t0) / 1e9,
                    LanceFileLayout.read(officialFile));
            log.printf(Locale.ROOT, "%s: official %,d bytes in %.2f s%n", dataset.name(), official.fileBytes(),
                    official.seconds());

            Path jlanceFile = dir.resolve(dataset.name() + ".jlance.lance");
            Optional<Written> jlance;
            String unsupported = "";
            t0 = System.nanoTime();
            LanceFileWriter writer = null;
            try {
                writer = LanceFileWriter.open(jlanceFile, schema, WriteOptions.defaults());
            } catch (UnsupportedTypeException | UnsupportedOperationException e) {
                unsupported = e.getMessage();
            }
            if (writer != null) {
                try (LanceFileWriter w = writer) {
                    for (VectorSchemaRoot batch : data.batches()) {
                        w.write(batch);
                    }
                }
                jlance = Optional.of(new Written(Files.size(jlanceFile), (System.nanoTime() - t0) / 1e9,
                        LanceFileLayout.read(jlanceFile)));
                log.printf(Locale.ROOT, "%s: jlance   %,d bytes in %.2f s%n", dataset.name(),
                        jlance.get().fileBytes(), jlance.get().seconds());
                if (verify) {
                    RenderedRows.assertFileHolds(jlanceFile, schema, data.batches(), allocator);
                    log.printf(Locale.ROOT, "%s: jlance's file reads back exactly%n", dataset.name());
                }
            } else {
                jlance = Optional.empty();
                log.printf(Locale.ROOT, "%s: jlance   unsupported: %s%n", dataset.name(), unsupported);
            }
            return new DatasetResult(dataset.name(), data.rows(), data.arrowBytes(), Fingerprint.of(data.batches()),
                    official, jlance, unsupported,
                    columns(schema, data.batches(), official, jlance));
        }
    }

    private static void writeOfficial(Path file, List<VectorSchemaRoot> batches, BufferAllocator allocator)
            throws Exception {
        try (org.lance.file.LanceFileWriter writer = org.lance.file.LanceFileWriter.open(file.toString(), allocator,
                null, Optional.of("2.1"), Map.of())) {
            for (VectorSchemaRoot batch : batches) {
                writer.write(batch);
            }
        }
    }

    private static List<ColumnResult> columns(Schema schema, List<VectorSchemaRoot> batches, Written official,
            Optional<Written> jlance) {
        List<Field> leaves = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Field f : schema.getFields()) {
            leaves(f, "", leaves, names);
        }
        List<LanceFileLayout.Column> officialColumns = official.layout().columns();
        boolean named = leaves.size() == officialColumns.size();
        boolean flat = named && leaves.size() == schema.getFields().size();
        List<ColumnResult> out = new ArrayList<>();
        for (int c = 0; c < officialColumns.size(); c++) {
            int index = c;
            out.add(new ColumnResult(named ? names.get(c) : "column " + c, named ? typeName(leaves.get(c)) : "",
                    flat ? ArrowBytes.ofColumn(batches, c) : -1, officialColumns.get(c),
                    jlance.map(w -> w.layout().columns().get(index))));
        }
        return out;
    }

    /** Lance 2.1 makes one column per leaf; a fixed-size list is a leaf (NOTES §1.3). */
    private static void leaves(Field f, String prefix, List<Field> leaves, List<String> names) {
        if (f.getChildren().isEmpty() || f.getType() instanceof ArrowType.FixedSizeList) {
            leaves.add(f);
            names.add(prefix + f.getName());
        } else {
            for (Field child : f.getChildren()) {
                leaves(child, prefix + f.getName() + ".", leaves, names);
            }
        }
    }

    /** Arrow type in the short form Arrow's C++/Python tools print, e.g. {@code timestamp[us, UTC]}. */
    static String typeName(Field f) {
        return switch (f.getType()) {
            case ArrowType.Int i -> (i.getIsSigned() ? "int" : "uint") + i.getBitWidth();
            case ArrowType.FloatingPoint p -> switch (p.getPrecision()) {
                case HALF -> "float16";
                case SINGLE -> "float32";
                case DOUBLE -> "float64";
            };
            case ArrowType.Utf8 u -> "utf8";
            case ArrowType.LargeUtf8 u -> "large_utf8";
            case ArrowType.Binary b -> "binary";
            case ArrowType.LargeBinary b -> "large_binary";
            case ArrowType.Bool b -> "bool";
            case ArrowType.Timestamp t -> "timestamp[" + switch (t.getUnit()) {
                case SECOND -> "s";
                case MILLISECOND -> "ms";
                case MICROSECOND -> "us";
                case NANOSECOND -> "ns";
            } + (t.getTimezone() == null ? "" : ", " + t.getTimezone()) + "]";
            case ArrowType.FixedSizeList l -> "fixed_size_list<" + typeName(f.getChildren().getFirst()) + ", "
                    + l.getListSize() + ">";
            default -> f.getType().toString();
        } + (f.isNullable() ? "" : " not null");
    }

    // ------------------------------------------------------------------------------------------
    // Markdown
    // ------------------------------------------------------------------------------------------

    /** The results as one markdown table: a file row per dataset, then a row per column. */
    public static String markdown(List<DatasetResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("| dataset | column | type | rows | Arrow MB | official bytes | jlance bytes | jlance/official "
                + "| official encoding | jlance encoding |\n");
        sb.append("|---|---|---|--:|--:|--:|--:|--:|---|---|\n");
        long officialTotal = 0;
        long jlanceTotal = 0;
        for (DatasetResult r : results) {
            String jlanceBytes = r.jlance().map(w -> String.format(Locale.ROOT, "%,d", w.fileBytes()))
                    .orElse("unsupported");
            String ratio = r.jlance().map(w -> ratio(w.fileBytes(), r.official().fileBytes())).orElse("—");
            if (r.jlance().isPresent()) {
                officialTotal += r.official().fileBytes();
                jlanceTotal += r.jlance().get().fileBytes();
            }
            row(sb, "**" + r.dataset() + "**", "*(whole file)*", "", String.format(Locale.ROOT, "%,d", r.rows()),
                    mb(r.arrowBytes()), String.format(Locale.ROOT, "%,d", r.official().fileBytes()), jlanceBytes,
                    ratio, "", "");
            for (ColumnResult c : r.columns()) {
                row(sb, "", c.name(), c.type(), String.format(Locale.ROOT, "%,d", c.official().rows()),
                        c.arrowBytes() < 0 ? "" : mb(c.arrowBytes()),
                        String.format(Locale.ROOT, "%,d", c.official().bufferBytes()),
                        c.jlance().map(j -> String.format(Locale.ROOT, "%,d", j.bufferBytes())).orElse("—"),
                        c.jlance().map(j -> ratio(j.bufferBytes(), c.official().bufferBytes())).orElse("—"),
                        pages(c.official()), c.jlance().map(SizeComparison::pages).orElse("—"));
            }
        }
        sb.append('\n').append(String.format(Locale.ROOT,
                "Datasets both wrote: official %,d bytes, jlance %,d bytes, jlance/official %s.%n", officialTotal,
                jlanceTotal, ratio(jlanceTotal, officialTotal)));
        sb.append("Column bytes are page and column buffers without alignment padding; file bytes include "
                + "padding and metadata. Encodings: page layout, value encoding chain, then how definition "
                + "levels (nulls) are stored.\n");
        return sb.toString();
    }

    private static String pages(LanceFileLayout.Column c) {
        String s = c.encodingSummary();
        boolean uniform = c.pages().stream().map(LanceFileLayout.Page::summary).distinct().count() == 1;
        return uniform && c.pages().size() > 1 ? s + " (" + c.pages().size() + " pages)" : s;
    }

    private static void row(StringBuilder sb, String... cells) {
        sb.append('|');
        for (String cell : cells) {
            sb.append(' ').append(cell.replace("|", "\\|")).append(" |");
        }
        sb.append('\n');
    }

    static String ratio(long jlance, long official) {
        return official == 0 ? (jlance == 0 ? "1.00" : "∞") : String.format(Locale.ROOT, "%.2f", (double) jlance / official);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.2f", bytes / 1e6);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            System.err.println(args[i - 1] + " needs a value\n" + usage());
            System.exit(2);
        }
        return args[i];
    }

    private static long positive(String s) {
        try {
            long n = Long.parseLong(s.replace("_", ""));
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        System.err.println("--rows needs a positive number, not '" + s + "'\n" + usage());
        System.exit(2);
        return 0;
    }

    private static String usage() {
        return USAGE.formatted(Datasets.all().stream().map(Dataset::name).toList());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }
}
