package dev.jlance.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.codec.FlatCodec;
import dev.jlance.codec.VariableCodec;
import dev.jlance.codec.fsst.FsstCodec;
import dev.jlance.codec.fsst.FsstCorpus;
import dev.jlance.compression.BlockCompressor;
import dev.jlance.compression.CompressionStrategy;
import dev.jlance.compression.MiniBlockCompressor;
import dev.jlance.compression.PerValueCompressor;
import dev.jlance.data.BlockStatistics;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.data.VariableWidthBlock;
import dev.jlance.file.ColumnSummary;
import dev.jlance.file.WriteOptions;
import dev.jlance.file.WriteSummary;
import dev.jlance.schema.LanceField;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * FSST pages written by jlance and read back by the official 7.0.0 reader: every variable-width
 * page is FSST-compressed ({@link FsstCodec}), everything else, levels included, is flat.
 */
class FsstConformanceTest extends ConformanceTestBase {

    /** FSST for variable-width values, flat for everything else. */
    static final CompressionStrategy FSST_EVERYWHERE = new CompressionStrategy() {
        @Override
        public MiniBlockCompressor miniBlockCompressor(LanceField field, BlockStatistics stats) {
            return stats.block() instanceof VariableWidthBlock ? FsstCodec.INSTANCE : flat(stats);
        }

        @Override
        public PerValueCompressor perValueCompressor(LanceField field, BlockStatistics stats) {
            return stats.block() instanceof VariableWidthBlock ? FsstCodec.INSTANCE : flat(stats);
        }

        @Override
        public BlockCompressor blockCompressor(LanceField field, BlockStatistics stats) {
            return flat(stats);
        }

        private FlatCodec flat(BlockStatistics stats) {
            if (!(stats.block() instanceof FixedWidthBlock)) {
                throw new IllegalArgumentException("unexpected " + stats.block().kind());
            }
            return FlatCodec.INSTANCE;
        }
    };

    enum StringType {
        UTF8(ArrowType.Utf8.INSTANCE, 32), LARGE_UTF8(ArrowType.LargeUtf8.INSTANCE, 64),
        BINARY(ArrowType.Binary.INSTANCE, 32), LARGE_BINARY(ArrowType.LargeBinary.INSTANCE, 64);

        final ArrowType type;
        final int bits;

        StringType(ArrowType type, int bits) {
            this.type = type;
            this.bits = bits;
        }

        boolean text() {
            return this == UTF8 || this == LARGE_UTF8;
        }
    }

    private static WriteOptions options() {
        return WriteOptions.builder().compression(FSST_EVERYWHERE).build();
    }

    /** One column of {@code type}; a null entry in {@code values} is a null. */
    private VectorSchemaRoot root(Schema schema, List<byte[]> values) {
        VectorSchemaRoot root = track(VectorSchemaRoot.create(schema, allocator));
        FieldVector v = root.getVector(0);
        v.allocateNew();
        for (int i = 0; i < values.size(); i++) {
            byte[] b = values.get(i);
            switch (v) {
                case BaseVariableWidthVector s -> {
                    if (b == null) {
                        s.setNull(i);
                    } else {
                        s.setSafe(i, b);
                    }
                }
                case BaseLargeVariableWidthVector s -> {
                    if (b == null) {
                        s.setNull(i);
                    } else {
                        s.setSafe(i, b);
                    }
                }
                default -> throw new IllegalStateException(v.getClass().toString());
            }
        }
        root.setRowCount(values.size());
        return root;
    }

    private static Schema schema(StringType type, Map<String, String> metadata) {
        return new Schema(List.of(new Field("s", new FieldType(true, type.type, null, metadata), List.of())));
    }

    private static List<byte[]> withNulls(List<byte[]> values, int every) {
        List<byte[]> out = new ArrayList<>(values);
        for (int i = 0; i < out.size(); i += every) {
            out.set(i, null);
        }
        return out;
    }

    private ColumnSummary writeAndVerify(String name, StringType type, Map<String, String> metadata,
            List<List<byte[]>> batches, WriteOptions options) throws Exception {
        Schema schema = schema(type, metadata);
        List<VectorSchemaRoot> roots = new ArrayList<>();
        for (List<byte[]> b : batches) {
            roots.add(root(schema, b));
        }
        Path file = newFile(name);
        WriteSummary summary = OfficialReaderHarness.writeAndVerify(file, schema, roots, options, allocator);
        ColumnSummary col = summary.columns().getFirst();
        // all-null pages carry no values ("none"); every other page is FSST
        assertEquals(List.of("fsst(variable(" + type.bits + "))"),
                col.encodings().stream().filter(e -> !e.equals("none")).toList(), col::toString);
        return col;
    }

    @ParameterizedTest
    @EnumSource(StringType.class)
    void miniBlockPagesWithNulls(StringType type) throws Exception {
        FsstCorpus corpus = new FsstCorpus(1);
        List<byte[]> text = new ArrayList<>();
        for (long bytes = 0; bytes < 150_000; ) {
            byte[] sentence = corpus.sentences(1).getBytes(StandardCharsets.UTF_8);
            text.add(Arrays.copyOf(sentence, Math.min(sentence.length, 200))); // under 256: mini-block
            bytes += text.getLast().length;
        }
        text = withNulls(text, 7);
        ColumnSummary col = writeAndVerify("mini", type, Map.of(), List.of(text), options());
        assertEquals(List.of("mini-block"), col.layouts());
        assertTrue(col.bytesOut() < 150_000 * 0.6, col::toString);
    }

    @ParameterizedTest
    @EnumSource(StringType.class)
    void fullZipPagesOfLongValues(StringType type) throws Exception {
        FsstCorpus corpus = new FsstCorpus(2);
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            values.add(i % 9 == 4 ? null : corpus.sentences(4 + i % 6).getBytes(StandardCharsets.UTF_8));
        }
        values.set(3, "x".repeat(300).getBytes(StandardCharsets.UTF_8));
        ColumnSummary col = writeAndVerify("fullzip", type, Map.of(), List.of(values), options());
        assertEquals(List.of("full-zip"), col.layouts());
    }

    /**
     * Pages of several MB, whose compression is cut into pieces that the shared pool's threads take
     * ({@link FsstCodec#compress}): one mini-block page of log lines and e-mails, one full-zip page of
     * paragraphs.
     */
    @ParameterizedTest
    @EnumSource(StringType.class)
    void pagesCompressedInPiecesOnThePool(StringType type) throws Exception {
        List<byte[]> lines = new ArrayList<>();
        FsstCorpus corpus = new FsstCorpus(12);
        for (long bytes = 0; bytes < 5_000_000; bytes += lines.getLast().length) {
            lines.add((lines.size() % 3 == 0 ? corpus.email() : corpus.logLine()).getBytes(StandardCharsets.UTF_8));
        }
        ColumnSummary mini = writeAndVerify("piecesmini", type, Map.of(), List.of(withNulls(lines, 13)), options());
        assertEquals(List.of("mini-block"), mini.layouts());
        assertEquals(1, mini.pages(), mini::toString);
        List<byte[]> paragraphs = new ArrayList<>();
        for (long bytes = 0; bytes < 4_000_000; bytes += paragraphs.getLast().length) {
            paragraphs.add(corpus.sentences(5 + paragraphs.size() % 7).getBytes(StandardCharsets.UTF_8));
        }
        ColumnSummary zipped = writeAndVerify("pieceszip", type, Map.of(), List.of(withNulls(paragraphs, 17)),
                options());
        assertEquals(List.of("full-zip"), zipped.layouts());
        assertEquals(1, zipped.pages(), zipped::toString);
    }

    @ParameterizedTest
    @EnumSource(value = StringType.class, names = {"UTF8", "LARGE_BINARY"})
    void forcedLayouts(StringType type) throws Exception {
        List<byte[]> urls = withNulls(new FsstCorpus(3).stringsOfSize(FsstCorpus.Kind.URLS, 60_000), 11);
        ColumnSummary zipped = writeAndVerify("forcedzip", type,
                Map.of("lance-encoding:structural-encoding", "fullzip"), List.of(urls), options());
        assertEquals(List.of("full-zip"), zipped.layouts());
        List<byte[]> longText = new ArrayList<>();
        FsstCorpus corpus = new FsstCorpus(4);
        for (int i = 0; i < 200; i++) {
            longText.add(corpus.sentences(6).getBytes(StandardCharsets.UTF_8));
        }
        ColumnSummary mini = writeAndVerify("forcedmini", type,
                Map.of("lance-encoding:structural-encoding", "miniblock"), List.of(longText), options());
        assertEquals(List.of("mini-block"), mini.layouts());
    }

    @ParameterizedTest
    @EnumSource(StringType.class)
    void manyPagesEachWithItsOwnTable(StringType type) throws Exception {
        List<List<byte[]>> batches = new ArrayList<>();
        for (FsstCorpus.Kind kind : FsstCorpus.Kind.values()) {
            List<byte[]> values = withNulls(new FsstCorpus(kind.ordinal()).stringsOfSize(kind, 60_000), 5);
            for (int from = 0; from < values.size(); from += 400) { // pages are cut between batches
                batches.add(values.subList(from, Math.min(values.size(), from + 400)));
            }
            batches.add(List.of());
            // all null, big enough that the second one is a page of its own
            batches.add(Arrays.asList(new byte[5000][]));
            batches.add(Arrays.asList(new byte[5000][]));
        }
        ColumnSummary col = writeAndVerify("pages", type, Map.of(), batches,
                WriteOptions.builder().compression(FSST_EVERYWHERE).cacheBytesPerColumn(16 * 1024).build());
        assertTrue(col.pages() > 10, col::toString);
        assertTrue(col.layouts().contains("all-null"), col::toString);
    }

    @ParameterizedTest
    @EnumSource(StringType.class)
    void adversarialValues(StringType type) throws Exception {
        SplittableRandom r = new SplittableRandom(type.ordinal());
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            byte[] v = switch (r.nextInt(8)) {
                case 0 -> new byte[0];
                case 1 -> null;
                case 2 -> "naïve café 東京 🙂 Zürich".getBytes(StandardCharsets.UTF_8);
                case 3 -> new byte[] {(byte) ('a' + r.nextInt(3))};
                case 4 -> "the same value again".getBytes(StandardCharsets.UTF_8);
                case 5 -> {
                    if (type.text()) {
                        yield ("ÿ".repeat(r.nextInt(1, 20))).getBytes(StandardCharsets.UTF_8);
                    }
                    byte[] b = new byte[r.nextInt(1, 40)];
                    Arrays.fill(b, (byte) 0xFF);
                    yield b;
                }
                case 6 -> {
                    if (type.text()) {
                        yield new FsstCorpus(i).email().getBytes(StandardCharsets.UTF_8);
                    }
                    byte[] b = new byte[r.nextInt(0, 50)];
                    r.nextBytes(b);
                    yield b;
                }
                default -> new FsstCorpus(i).sentences(1).getBytes(StandardCharsets.UTF_8);
            };
            values.add(v);
        }
        writeAndVerify("adversarial", type, Map.of(), List.of(values), options());
    }

    @Test
    void incompressiblePagesAreStoredAsTheyAre() throws Exception {
        SplittableRandom r = new SplittableRandom(17);
        List<byte[]> random = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            byte[] b = new byte[r.nextInt(0, 60)];
            r.nextBytes(b);
            random.add(i % 13 == 0 ? null : b);
        }
        ColumnSummary col = writeAndVerify("random", StringType.BINARY, Map.of(), List.of(random), options());
        Schema schema = schema(StringType.BINARY, Map.of());
        // the same levels as FSST_EVERYWHERE (flat), values as they are
        WriteSummary plain = OfficialReaderHarness.writeJlance(newFile("plain"), schema, List.of(root(schema, random)),
                WriteOptions.builder().compression(ForcedCompression.miniBlock(VariableCodec.INSTANCE)
                        .withLevels(FlatCodec.INSTANCE)).build());
        assertEquals(List.of("variable(32)"), plain.columns().getFirst().encodings());
        assertEquals(plain.columns().getFirst().bytesOut(), col.bytesOut(),
                "switch off: the same page bytes as uncompressed binary");
    }

    @Test
    void tinyPages() throws Exception {
        writeAndVerify("tiny", StringType.UTF8, Map.of(),
                List.of(Arrays.asList("a".getBytes(StandardCharsets.UTF_8), null, new byte[0]),
                        List.of("hello hello hello".getBytes(StandardCharsets.UTF_8))),
                options());
    }
}
