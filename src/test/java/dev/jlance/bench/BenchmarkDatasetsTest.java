package dev.jlance.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jlance.bench.SizeComparison.ColumnResult;
import dev.jlance.bench.SizeComparison.DatasetResult;
import dev.jlance.bench.data.ArrowBytes;
import dev.jlance.bench.data.ColumnSpec;
import dev.jlance.bench.data.Dataset;
import dev.jlance.bench.data.DatasetSize;
import dev.jlance.bench.data.Datasets;
import dev.jlance.bench.data.Fingerprint;
import dev.jlance.bench.data.GeneratedData;
import dev.jlance.conformance.OfficialReaderHarness;
import dev.jlance.file.ColumnSummary;
import dev.jlance.file.LanceFileWriter;
import dev.jlance.file.WriteOptions;
import dev.jlance.file.WriteSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Param;

/**
 * Keeps the benchmark dataset suite and the size comparison from rotting: every dataset generates
 * the same data every time, jlance's file of it reads back exactly through the official reader,
 * and the size comparison runs end to end on a small dataset.
 */
class BenchmarkDatasetsTest {

    /**
     * SHA-256 of each dataset at {@link DatasetSize#QUICK}. A change means sizes measured before it
     * are not comparable with sizes measured after: update a value only for an intended change to a
     * generator, and say so in the commit.
     */
    private static final Map<String, String> QUICK_FINGERPRINTS = Map.of(
            "event_log", "1cb95e2b84f818ce3300f9d4af7202b659ee10bc7e996595985836748fcd5b99",
            "integers", "b069fa622bf341d98f61ecfc30f8cebf77f2d9681674f25507152f8929c43c51",
            "floats", "a36e0f4ecdb0391304e74d3af01165076e4407679d3cdd2ebeb55f6c5bbc86b4",
            "people", "2d60b26ab4f4f8a5d03e7e5b552c53f2e05b8f819f28a892f77431ce89bfafc1",
            "long_text", "3011652460b5973a34c549e1afe357d2af4cc1232ec67e2b034987449057fbcd",
            "embeddings", "b3e7967d216ad98c97861ce19fbfa727817f3ca1d5a40d33241528cba9f573ee",
            "nested", "279db2aff45f933e6c873da4f253dbc62394cfe341caa46e5494dc88d23670a3");

    @TempDir
    Path tmp;

    private BufferAllocator allocator;

    @BeforeEach
    void openAllocator() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void closeAllocator() {
        allocator.close(); // throws if a test leaked Arrow memory
    }

    static Stream<Dataset> datasets() {
        return Datasets.all().stream();
    }

    @Test
    void suiteHasUniquelyNamedDatasets() {
        List<String> names = Datasets.all().stream().map(Dataset::name).toList();
        assertEquals(List.of("event_log", "integers", "floats", "people", "long_text", "embeddings", "nested"), names);
        assertEquals(QUICK_FINGERPRINTS.keySet(), Set.copyOf(names), "every dataset needs a pinned fingerprint");
        for (String name : names) {
            assertEquals(name, Datasets.named(name).name());
        }
        assertEquals(List.of("integers"), Datasets.matching("^int").stream().map(Dataset::name).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datasets")
    void generationIsDeterministic(Dataset dataset) {
        try (GeneratedData first = dataset.generate(DatasetSize.QUICK, allocator);
                GeneratedData second = dataset.generate(DatasetSize.QUICK, allocator)) {
            assertEquals(first.batches().size(), second.batches().size());
            for (int b = 0; b < first.batches().size(); b++) {
                assertTrue(first.batches().get(b).equals(second.batches().get(b)),
                        dataset.name() + ": batch " + b + " differs between two generations");
            }
            String fingerprint = Fingerprint.of(first.batches());
            assertEquals(fingerprint, Fingerprint.of(second.batches()));
            assertEquals(QUICK_FINGERPRINTS.get(dataset.name()), fingerprint, dataset.name()
                    + " generates different data than when its fingerprint was pinned: sizes measured before "
                    + "and after are not comparable (update the pin only for an intended change)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datasets")
    void rowsDoNotDependOnTheBatchSize(Dataset dataset) {
        try (GeneratedData big = dataset.generate(new DatasetSize(3_000, Long.MAX_VALUE, 2_000), allocator);
                GeneratedData small = dataset.generate(new DatasetSize(3_000, Long.MAX_VALUE, 777), allocator)) {
            assertEquals(List.of(2_000, 1_000), rowCounts(big));
            assertEquals(List.of(777, 777, 777, 669), rowCounts(small));
            assertEquals(Fingerprint.of(big.batches()), Fingerprint.of(small.batches()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datasets")
    void sizesAndNullsAreAsDeclared(Dataset dataset) {
        DatasetSize size = DatasetSize.QUICK;
        try (GeneratedData data = dataset.generate(size, allocator)) {
            long rows = data.batches().stream().mapToLong(VectorSchemaRoot::getRowCount).sum();
            assertEquals(rows, data.rows());
            assertEquals(ArrowBytes.of(data.batches()), data.arrowBytes());
            assertTrue(rows <= size.maxRows(), "rows " + rows);
            // stops at the row limit, or near the byte budget (the last batch is sized by bytes per row)
            assertTrue(rows == size.maxRows() || Math.abs(data.arrowBytes() - size.maxArrowBytes())
                    < size.maxArrowBytes() / 100, dataset.name() + ": " + rows + " rows, " + data.arrowBytes() + " B");
            for (int c = 0; c < dataset.columns().size(); c++) {
                ColumnSpec spec = dataset.columns().get(c);
                int column = c;
                long nulls = data.batches().stream().mapToLong(b -> b.getVector(column).getNullCount()).sum();
                double expected = spec.nullFraction() * rows;
                double tolerance = 5 * Math.sqrt(rows * spec.nullFraction() * (1 - spec.nullFraction()));
                assertTrue(Math.abs(nulls - expected) <= tolerance, dataset.name() + "." + spec.field().getName()
                        + ": " + nulls + " nulls in " + rows + " rows, expected about " + expected);
                assertTrue(nulls < rows, spec.field().getName() + " has no value");
            }
        }
    }

    /** jlance writes the dataset and the official reader reads back every value, bit for bit. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("datasets")
    void jlanceFileReadsBackExactly(Dataset dataset) throws Exception {
        try (GeneratedData data = dataset.generate(DatasetSize.QUICK, allocator)) {
            Path file = tmp.resolve(dataset.name() + ".lance");
            LanceFileWriter writer = LanceFileWriter.open(file, dataset.schema(), WriteOptions.defaults());
            try (LanceFileWriter w = writer) {
                for (VectorSchemaRoot batch : data.batches()) {
                    w.write(batch);
                }
            }
            dev.jlance.conformance.RenderedRows.assertFileHolds(file, dataset.schema(), data.batches(), allocator);
            assertLayoutMatchesSummary(LanceFileLayout.read(file), writer.summary());
        }
    }

    @Test
    void sizeComparisonOnASmallDataset() throws Exception {
        Dataset dataset = Datasets.named("integers");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DatasetResult result = SizeComparison.compare(dataset, DatasetSize.QUICK, tmp, allocator, true,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("integers: jlance's file reads back exactly"));
        assertEquals(DatasetSize.QUICK.maxRows(), result.rows());
        assertEquals(QUICK_FINGERPRINTS.get("integers"), result.fingerprint());
        assertEquals(Files.size(tmp.resolve("integers.official.lance")), result.official().fileBytes());
        assertEquals(Files.size(tmp.resolve("integers.jlance.lance")), result.jlance().orElseThrow().fileBytes());
        assertEquals("2.1", result.official().layout().major() + "." + result.official().layout().minor());
        assertEquals("", result.unsupported());

        List<String> names = dataset.columns().stream().map(c -> c.field().getName()).toList();
        assertEquals(names, result.columns().stream().map(ColumnResult::name).toList());
        long officialColumns = 0;
        long jlanceColumns = 0;
        for (int c = 0; c < result.columns().size(); c++) {
            ColumnResult column = result.columns().get(c);
            LanceFileLayout.Column jlance = column.jlance().orElseThrow();
            assertEquals(result.rows(), column.official().rows(), column.name());
            assertEquals(result.rows(), jlance.rows(), column.name());
            assertFalse(column.official().encodingSummary().isBlank(), column.name());
            assertTrue(column.arrowBytes() > 0, column.name());
            officialColumns += column.official().bufferBytes();
            jlanceColumns += jlance.bufferBytes();
        }
        assertTrue(officialColumns < result.official().fileBytes());
        assertTrue(jlanceColumns < result.jlance().orElseThrow().fileBytes());

        String markdown = SizeComparison.markdown(List.of(result));
        String ratio = SizeComparison.ratio(result.jlance().orElseThrow().fileBytes(), result.official().fileBytes());
        assertTrue(markdown.contains("| **integers** | *(whole file)* |  | 5,000 |"), markdown);
        assertTrue(markdown.contains(" | " + ratio + " |"), markdown);
        for (String name : names) {
            assertTrue(markdown.contains("|  | " + name + " | "), name + " missing in\n" + markdown);
        }

        JsonNode json = new ObjectMapper().readTree(SizeReportJson.of(List.of(result), DatasetSize.QUICK));
        JsonNode entry = json.get("datasets").get(0);
        assertEquals("integers", entry.get("dataset").asText());
        assertEquals(result.fingerprint(), entry.get("fingerprint").asText());
        assertEquals(result.jlance().orElseThrow().fileBytes(), entry.get("jlance").get("file_bytes").asLong());
        assertEquals(names.size(), entry.get("columns").size());
        assertEquals(result.columns().getFirst().official().bufferBytes(),
                entry.get("columns").get(0).get("official").get("bytes").asLong());
    }

    /** The embeddings (a fixed-size list column) are written by jlance and read back exactly. */
    @Test
    void sizeComparisonOfEmbeddings() throws Exception {
        Dataset dataset = Datasets.named("embeddings");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DatasetResult result = SizeComparison.compare(dataset, DatasetSize.rows(300), tmp, allocator, true,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("embeddings: jlance's file reads back exactly"));
        assertEquals(300, result.rows());
        assertEquals(3, result.columns().size());
        ColumnResult embedding = result.columns().get(1);
        assertEquals("fixed_size_list<float32, 384> not null", embedding.type());
        assertEquals("", result.unsupported());
        // the same encoding as official: full-zip rows of 384 raw floats
        assertEquals(embedding.official().encodingSummary(), embedding.jlance().orElseThrow().encodingSummary());
        assertEquals(embedding.official().bufferBytes(), embedding.jlance().orElseThrow().bufferBytes());
    }

    /** A dataset jlance refuses is reported as unsupported, not a failure. */
    @Test
    void markdownReportsWhatJlanceCannotWrite() throws Exception {
        DatasetResult written = SizeComparison.compare(Datasets.named("integers"), DatasetSize.rows(100), tmp,
                allocator, false, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        DatasetResult refused = new DatasetResult(written.dataset(), written.rows(), written.arrowBytes(),
                written.fingerprint(), written.official(), java.util.Optional.empty(),
                "field 'x' of type Map cannot be written: ...", written.columns().stream()
                        .map(c -> new ColumnResult(c.name(), c.type(), c.arrowBytes(), c.official(),
                                java.util.Optional.empty()))
                        .toList());
        String markdown = SizeComparison.markdown(List.of(refused));
        assertTrue(markdown.contains("| unsupported | — |"), markdown);
    }

    /** The dataset benchmark runs (once, at the quick size) for every dataset it lists. */
    @Test
    void datasetWriteBenchmarkRuns() throws Exception {
        String[] listed = DatasetWriteBenchmark.class.getField("dataset").getAnnotation(Param.class).value();
        assertEquals(Datasets.all().stream().map(Dataset::name).toList(), List.of(listed),
                "the benchmark should cover every dataset jlance can write");
        for (String name : listed) {
            DatasetWriteBenchmark benchmark = new DatasetWriteBenchmark();
            benchmark.dataset = name;
            benchmark.size = "quick";
            benchmark.setUp();
            try {
                assertTrue(benchmark.arrowBytes() > 0);
                for (String target : List.of("new", "overwrite")) {
                    benchmark.target = target;
                    assertTrue(benchmark.jlance() > 0, name);
                    assertTrue(benchmark.official() > 0, name);
                    assertTrue(benchmark.jlance() > 0, name);
                    benchmark.deleteWrittenFiles();
                }
            } finally {
                benchmark.tearDown();
            }
        }
    }

    /** The copy yardstick copies the whole buffer, the partial last step included. */
    @Test
    void copyBandwidthBenchmarkCopiesEveryByte() {
        CopyBandwidthBenchmark benchmark = new CopyBandwidthBenchmark();
        benchmark.bytes = 3 * 512 * 1024 + 40; // a partial last step
        benchmark.setUp();
        try {
            var target = benchmark.copy();
            assertEquals(benchmark.bytes, target.byteSize());
            for (long i = 0; i + 8 <= benchmark.bytes; i += 8) {
                assertEquals(i * 0x9E3779B97F4A7C15L,
                        target.get(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, i), "byte " + i);
            }
        } finally {
            benchmark.tearDown();
        }
    }

    /** The small-batch latency benchmark runs: both writers take more batches than it cycles through. */
    @Test
    void smallBatchLatencyBenchmarkRuns() throws Exception {
        SmallBatchLatencyBenchmark benchmark = new SmallBatchLatencyBenchmark();
        benchmark.dataset = "event_log";
        benchmark.batchRows = 100;
        benchmark.setUp();
        try {
            var jlance = new SmallBatchLatencyBenchmark.JlanceWriter();
            var official = new SmallBatchLatencyBenchmark.OfficialWriter();
            jlance.open(benchmark);
            official.open(benchmark);
            int calls = 2 * SmallBatchLatencyBenchmark.DISTINCT_BATCHES + 3;
            try {
                for (int i = 0; i < calls; i++) {
                    benchmark.jlance(jlance);
                    benchmark.official(official);
                }
            } finally {
                jlance.close();
                official.close();
            }
            assertEquals(calls, jlance.calls);
            assertEquals(calls, official.calls);
        } finally {
            benchmark.tearDown(); // fails if a writer left its file behind
        }
    }

    /** The file parser agrees with what jlance says it wrote: bytes, pages and layouts per column. */
    private static void assertLayoutMatchesSummary(LanceFileLayout layout, WriteSummary summary) {
        assertEquals(summary.fileBytes(), layout.fileBytes());
        assertEquals(summary.columns().size(), layout.columns().size());
        for (ColumnSummary expected : summary.columns()) {
            LanceFileLayout.Column actual = layout.columns().get(expected.index());
            assertEquals(expected.bytesOut(), actual.bufferBytes(), expected.path());
            assertEquals(expected.pages(), actual.pages().size(), expected.path());
            assertEquals(expected.rows(), actual.rows(), expected.path());
            assertEquals(expected.layouts(), actual.pages().stream().map(LanceFileLayout.Page::layout).distinct()
                    .toList(), expected.path());
        }
    }

    private static List<Integer> rowCounts(GeneratedData data) {
        return data.batches().stream().map(VectorSchemaRoot::getRowCount).toList();
    }
}
