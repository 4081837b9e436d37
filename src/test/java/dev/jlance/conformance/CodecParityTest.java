package dev.jlance.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.codec.ByteStreamSplitCodec;
import dev.jlance.codec.FlatCodec;
import dev.jlance.codec.GeneralCompression;
import dev.jlance.codec.GeneralMiniBlockCodec;
import dev.jlance.codec.GeneralPerValueCodec;
import dev.jlance.codec.RleCodec;
import dev.jlance.compression.CompressionStrategy;
import dev.jlance.file.WriteOptions;
import dev.jlance.format.CompressiveEncodings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Page bytes of jlance's RLE, byte-stream-split and zstd/lz4 codecs against official Lance 7.0.0's:
 * the same batch is written by the official writer (which picks the codec itself, steered by the
 * same field metadata) and by jlance with the codec forced; the page layouts and every page buffer
 * must be identical. This pins down RLE chunking, the frame formats and levels, and that the native
 * zstd/lz4 libraries produce the official bytes.
 */
class CodecParityTest extends ConformanceTestBase {

    private static final HexFormat HEX = HexFormat.of();

    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return x;
    }

    private VectorSchemaRoot ints(Field field, int n, LongUnaryOperator value) {
        VectorSchemaRoot root = track(VectorSchemaRoot.create(new Schema(List.of(field)), allocator));
        root.allocateNew();
        FieldVector v = root.getVector(0);
        for (int i = 0; i < n; i++) {
            long x = value.applyAsLong(i);
            switch (v) {
                case TinyIntVector t -> t.setSafe(i, (byte) x);
                case SmallIntVector t -> t.setSafe(i, (short) x);
                case IntVector t -> t.setSafe(i, (int) x);
                case BigIntVector t -> t.setSafe(i, x);
                case Float4Vector t -> t.setSafe(i, Float.intBitsToFloat((int) x));
                case Float8Vector t -> t.setSafe(i, Double.longBitsToDouble(x));
                default -> throw new IllegalArgumentException(v.getClass().getSimpleName());
            }
        }
        root.setRowCount(n);
        return root;
    }

    /** Writes {@code root} both ways and compares the pages of column 0. */
    private void assertSamePages(VectorSchemaRoot root, CompressionStrategy forced, String expectEncoding)
            throws Exception {
        Path official = newFile("official");
        Path ours = newFile("jlance");
        OfficialReaderHarness.writeOfficial(official, root.getSchema(), List.of(root), allocator);
        OfficialReaderHarness.writeJlance(ours, root.getSchema(), List.of(root),
                WriteOptions.builder().compression(forced).build());
        OfficialReaderHarness.assertFileContains(ours, root.getSchema(), List.of(root), allocator, 997);
        List<LanceFilePages.Page> expected = LanceFilePages.read(official).pages(0);
        List<LanceFilePages.Page> actual = LanceFilePages.read(ours).pages(0);
        assertEquals(expected.size(), actual.size(), "pages");
        for (int p = 0; p < expected.size(); p++) {
            LanceFilePages.Page e = expected.get(p);
            LanceFilePages.Page a = actual.get(p);
            String valueEncoding = CompressiveEncodings.describe(e.layout().hasMiniBlockLayout()
                    ? e.layout().getMiniBlockLayout().getValueCompression()
                    : e.layout().getFullZipLayout().getValueCompression());
            assertEquals(expectEncoding, valueEncoding, "official's choice (the premise of the comparison)");
            assertEquals(e.layout(), a.layout(), "page " + p + " layout");
            assertEquals(e.buffers().size(), a.buffers().size(), "page " + p + " buffers");
            for (int b = 0; b < e.buffers().size(); b++) {
                assertHexEquals(e.buffers().get(b), a.buffers().get(b), "page " + p + " buffer " + b);
            }
        }
    }

    private static void assertHexEquals(byte[] expected, byte[] actual, String what) {
        int at = java.util.Arrays.mismatch(expected, actual);
        if (at >= 0) {
            int from = Math.max(0, at - 16);
            assertEquals(HEX.formatHex(expected, from, Math.min(expected.length, at + 32)),
                    HEX.formatHex(actual, from, Math.min(actual.length, at + 32)),
                    what + ": first difference at byte " + at + " (sizes " + expected.length + " vs " + actual.length + ")");
        }
    }

    private static Field field(ArrowType type, boolean nullable, Map<String, String> meta) {
        return new Field("a", new FieldType(nullable, type, null, meta), null);
    }

    private static ArrowType intType(int bits) {
        return new ArrowType.Int(bits, true);
    }

    // -------------------------------------------------------------------------------------------
    // RLE: official 7.0.0 picks RLE itself for these pages; jlance is forced to RLE.
    // -------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "one-then-two-zeros,32,3",
        "one-long-run,32,10000",
        "runs-of-3,32,9000",
        "runs-of-2-int64,64,9000",
        "runs-of-50,32,5000",
        "mixed-run-lengths,32,6000",
        "runs-of-3-int8,8,20000",
        "runs-of-3-int16,16,20000",
        "runs-of-300-int16,16,5000",
        "runs-of-1-and-4-int64,64,9000",
        "long-runs-across-chunks,64,30000",
    })
    void rleMatchesOfficial(String name, int bits, int n) throws Exception {
        LongUnaryOperator gen = switch (name) {
            case "one-then-two-zeros" -> i -> i == 0 ? 1 : 0;
            case "one-long-run" -> i -> 7;
            case "runs-of-3", "runs-of-3-int8", "runs-of-3-int16" -> i -> mix(i / 3);
            case "runs-of-2-int64" -> i -> mix(i / 2);
            case "runs-of-50" -> i -> mix(i / 50);
            case "mixed-run-lengths" -> i -> mix(i < 100 ? i / 50 : i < 3000 ? i / 3 : i / 700);
            case "runs-of-300-int16" -> i -> mix(i / 300);
            case "runs-of-1-and-4-int64" -> i -> mix(i % 5 == 0 ? i : i - i % 5);
            case "long-runs-across-chunks" -> i -> mix(i / 4000) >> 3;
            default -> throw new IllegalArgumentException(name);
        };
        VectorSchemaRoot root = ints(field(intType(bits), false, Map.of()), n, gen);
        assertSamePages(root, ForcedCompression.miniBlock(RleCodec.INSTANCE), "rle(flat(" + bits + "))");
    }

    // -------------------------------------------------------------------------------------------
    // General compression, as field metadata asks official Lance for it.
    // -------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} level={1} {2}")
    @CsvSource({"zstd,,steps", "zstd,5,steps", "zstd,-3,steps", "zstd,1,steps", "zstd,22,steps", "lz4,,steps",
        "lz4,7,steps", "zstd,,repeats", "zstd,1,repeats", "zstd,2,repeats", "zstd,4,repeats", "zstd,9,repeats",
        "zstd,19,repeats", "zstd,-1,repeats", "zstd,-50,repeats", "lz4,,repeats"})
    void generalOverByteStreamSplitMatchesOfficial(String scheme, Integer level, String data) throws Exception {
        Map<String, String> meta = level == null ? Map.of("lance-encoding:compression", scheme)
                : Map.of("lance-encoding:compression", scheme, "lance-encoding:compression-level", level.toString());
        GeneralCompression g = new GeneralCompression(GeneralCompression.Scheme.valueOf(scheme.toUpperCase()),
                level == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(level));
        // "repeats": 20 random bits recurring with a long period, where zstd levels choose differently
        LongUnaryOperator gen = data.equals("steps") ? i -> i * 1000 : i -> mix(i % 301 + (i % 7) * 1000) & 0xFFFFF;
        VectorSchemaRoot root = ints(field(intType(64), false, meta), data.equals("steps") ? 2000 : 6000, gen);
        assertSamePages(root, ForcedCompression.miniBlock(new GeneralMiniBlockCodec(ByteStreamSplitCodec.INSTANCE, g)),
                scheme + "(bss(flat(64)))");
    }

    /** Narrow ints with runs under zstd/lz4: official picks RLE and compresses its values buffer. */
    @ParameterizedTest(name = "{0} int{1}")
    @CsvSource({"zstd,8", "zstd,16", "lz4,16"})
    void generalOverRleMatchesOfficial(String scheme, int bits) throws Exception {
        VectorSchemaRoot root = ints(field(intType(bits), false, Map.of("lance-encoding:compression", scheme)), 20_000,
                i -> mix(i / 3) % 50);
        GeneralCompression g = scheme.equals("zstd") ? GeneralCompression.zstd() : GeneralCompression.lz4();
        assertSamePages(root, ForcedCompression.miniBlock(new GeneralMiniBlockCodec(RleCodec.INSTANCE, g)),
                scheme + "(rle(flat(" + bits + ")))");
    }

    @Test
    void zstdOverByteStreamSplitFloatsMatchesOfficial() throws Exception {
        Field f = field(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE), false,
                Map.of("lance-encoding:compression", "zstd"));
        VectorSchemaRoot root = ints(f, 3000, i -> Float.floatToIntBits(100.0f + (i % 50) * 0.25f));
        assertSamePages(root, ForcedCompression.miniBlock(new GeneralMiniBlockCodec(ByteStreamSplitCodec.INSTANCE,
                GeneralCompression.zstd())), "zstd(bss(flat(32)))");
    }

    @Test
    void zstdOverFlatDoublesMatchesOfficial() throws Exception {
        Field f = field(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), false,
                Map.of("lance-encoding:compression", "zstd"));
        VectorSchemaRoot root = ints(f, 3000, i -> Double.doubleToLongBits(100.0 + Math.sin(i)));
        assertSamePages(root, ForcedCompression.miniBlock(new GeneralMiniBlockCodec(FlatCodec.INSTANCE,
                GeneralCompression.zstd())), "zstd(flat(64))");
    }

    /** Distinct short strings (no dictionary, under FSST's 32 KiB) with zstd or lz4: general over variable. */
    @ParameterizedTest
    @CsvSource({"zstd,", "lz4,", "zstd,7"})
    void generalOverVariableMatchesOfficial(String scheme, Integer level) throws Exception {
        Map<String, String> meta = level == null ? Map.of("lance-encoding:compression", scheme)
                : Map.of("lance-encoding:compression", scheme, "lance-encoding:compression-level", level.toString());
        // Not nullable: official bitpacks definition levels, which are not this test's business.
        Field f = field(ArrowType.Utf8.INSTANCE, false, meta);
        VectorSchemaRoot root = track(VectorSchemaRoot.create(new Schema(List.of(f)), allocator));
        VarCharVector v = (VarCharVector) root.getVector(0);
        v.allocateNew();
        int n = 1500;
        for (int i = 0; i < n; i++) {
            v.setSafe(i, (i % 9 == 4 ? "" : "id-" + i + "-" + Long.toHexString(mix(i) & 0xfffff))
                    .getBytes(StandardCharsets.UTF_8));
        }
        v.setValueCount(n);
        root.setRowCount(n);
        GeneralCompression g = new GeneralCompression(GeneralCompression.Scheme.valueOf(scheme.toUpperCase()),
                level == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(level));
        assertSamePages(root, ForcedCompression.miniBlock(new GeneralMiniBlockCodec(
                dev.jlance.codec.VariableCodec.INSTANCE, g)), scheme + "(variable(32))");
    }

    /** Long strings with zstd or lz4 requested: official compresses each value with zstd level 0. */
    @ParameterizedTest
    @CsvSource({"zstd", "lz4"})
    void perValueZstdMatchesOfficial(String scheme) throws Exception {
        Field f = field(ArrowType.Utf8.INSTANCE, true, Map.of("lance-encoding:compression", scheme));
        VectorSchemaRoot root = track(VectorSchemaRoot.create(new Schema(List.of(f)), allocator));
        VarCharVector v = (VarCharVector) root.getVector(0);
        v.allocateNew();
        int n = 200;
        for (int i = 0; i < n; i++) {
            if (i % 5 == 2) {
                v.setNull(i);
            } else {
                String word = "w" + (mix(i % 37) & 0xffff) + "-" + (i % 11);
                v.setSafe(i, (word.repeat(40) + i).getBytes(StandardCharsets.UTF_8));
            }
        }
        v.setValueCount(n);
        root.setRowCount(n);
        assertSamePages(root, ForcedCompression.perValue(new GeneralPerValueCodec(GeneralCompression.perValueDefault())),
                "zstd(variable(32))");
    }

    /**
     * Column {@code a} of the golden {@code zstd_2_1} (official 7.0.0, int64 with
     * {@code lance-encoding:compression=zstd}): read back, written again by jlance with zstd over
     * byte-stream-split, its page must come out byte for byte.
     */
    @Test
    void goldenZstdPageReproduced() throws Exception {
        Path golden = Path.of(System.getProperty("jlance.golden.dir", "../shared/lance-format/golden"))
                .resolve("zstd_2_1.lance");
        List<VectorSchemaRoot> batches = trackAll(OfficialReaderHarness.readAll(golden, allocator, 100_000));
        assertEquals(1, batches.size());
        VectorSchemaRoot all = batches.getFirst();
        Field a = all.getSchema().getFields().getFirst();
        assertEquals("a", a.getName());
        VectorSchemaRoot only = track(new VectorSchemaRoot(List.of(a), List.of(all.getVector(0)), all.getRowCount()));
        Path ours = newFile("jlance");
        OfficialReaderHarness.writeJlance(ours, only.getSchema(), List.of(only), WriteOptions.builder()
                .compression(ForcedCompression.miniBlock(new GeneralMiniBlockCodec(ByteStreamSplitCodec.INSTANCE,
                        GeneralCompression.zstd()))).build());
        LanceFilePages.Page expected = LanceFilePages.read(golden).page(0, 0);
        LanceFilePages.Page actual = LanceFilePages.read(ours).page(0, 0);
        assertTrue(expected.layout().getMiniBlockLayout().getValueCompression().hasGeneral());
        assertEquals(expected.layout(), actual.layout());
        for (int b = 0; b < expected.buffers().size(); b++) {
            assertArrayEquals(expected.buffers().get(b), actual.buffers().get(b), "buffer " + b);
        }
    }
}
