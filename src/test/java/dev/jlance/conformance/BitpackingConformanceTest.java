package dev.jlance.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jlance.file.ColumnSummary;
import dev.jlance.file.WriteOptions;
import dev.jlance.file.WriteSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files whose integer pages are inline bit-packed and whose definition levels are out-of-line
 * bit-packed (through {@link BitpackingTestStrategy}), read back by the official Lance 7.0.0
 * reader: every integer width, signed and unsigned, every bit width 0..T in some chunk, negative
 * values, nulls, odd row counts and many pages. Also reproduces official files byte for byte.
 */
@Tag("kernels")
class BitpackingConformanceTest extends ConformanceTestBase {

    private static final Path GOLDEN = Path.of(System.getProperty("jlance.golden.dir", "../shared/lance-format/golden"));

    static Stream<Arguments> intTypes() {
        List<Arguments> out = new ArrayList<>();
        for (int bits : new int[] {8, 16, 32, 64}) {
            for (boolean signed : new boolean[] {true, false}) {
                out.add(Arguments.of(bits, signed));
            }
        }
        return out.stream();
    }

    private static long mask(int bits) {
        return bits == 64 ? -1L : (1L << bits) - 1;
    }

    /**
     * {@code rows} values whose 1024-row chunks (counted from {@code chunkBase}) take widths
     * 0, 1, ..., T in turn, the top bit of each width really used; every fifth chunk of a signed
     * column holds negative values instead. With {@code nulls}, chunk k has a null pattern by k % 4:
     * none, ~30% random (values left under the nulls), every third row, or all rows null.
     */
    private VectorSchemaRoot batch(Schema schema, int bits, boolean signed, int rows, int chunkBase, boolean nulls,
            long seed) {
        VectorSchemaRoot root = track(VectorSchemaRoot.create(schema, allocator));
        BaseFixedWidthVector v = (BaseFixedWidthVector) root.getVector(0);
        v.allocateNew(Math.max(rows, 1));
        ArrowBuf data = v.getDataBuffer();
        ArrowBuf validity = v.getValidityBuffer();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < rows; i++) {
            int chunk = chunkBase + i / 1024;
            int w = chunk % (bits + 1);
            long value = random.nextLong() & mask(w);
            if (w > 0 && i % 1024 == 500) {
                value |= 1L << (w - 1);
            }
            if (signed && chunk % 5 == 4) {
                value = -1 - (random.nextLong() & 0xFF);
            }
            switch (bits) {
                case 8 -> data.setByte(i, (byte) value);
                case 16 -> data.setShort(2L * i, (short) value);
                case 32 -> data.setInt(4L * i, (int) value);
                default -> data.setLong(8L * i, value);
            }
            boolean isNull = nulls && switch (chunk % 4) {
                case 1 -> random.nextInt(10) < 3;
                case 2 -> i % 3 == 0;
                case 3 -> true;
                default -> false;
            };
            BitVectorHelper.setValidityBit(validity, i, isNull ? 0 : 1);
        }
        v.setValueCount(rows);
        root.setRowCount(rows);
        return root;
    }

    private static Schema schema(int bits, boolean signed, boolean nullable) {
        return new Schema(List.of(new Field("a", new FieldType(nullable, new ArrowType.Int(bits, signed), null), null)));
    }

    private void checkSummary(WriteSummary summary, int bits, BitpackingTestStrategy strategy, boolean nulls) {
        ColumnSummary col = summary.columns().get(0);
        assertEquals(List.of("bitpack(" + bits + ")"), col.encodings(), () -> "value encodings: " + col);
        assertTrue(strategy.inlinePages.get() > 0);
        if (nulls) {
            assertTrue(strategy.outOfLineLevelChunks.get() > 0, "definition levels went through the out-of-line codec");
        }
    }

    /** One page: (T + 1) * 1024 + 333 rows, so every width has a full chunk and the last one is short. */
    @ParameterizedTest(name = "int{0} signed={1}")
    @MethodSource("intTypes")
    void everyBitWidthInOnePage(int bits, boolean signed) throws Exception {
        for (boolean nulls : new boolean[] {false, true}) {
            Schema schema = schema(bits, signed, nulls);
            int rows = (bits + 1) * 1024 + 333;
            List<VectorSchemaRoot> batches = List.of(batch(schema, bits, signed, rows, 0, nulls, bits * 10 + 1));
            BitpackingTestStrategy strategy = new BitpackingTestStrategy();
            Path file = newFile("one_" + bits + signed + nulls);
            WriteSummary summary = OfficialReaderHarness.writeAndVerify(file, schema, batches,
                    WriteOptions.builder().compression(strategy).build(), allocator);
            checkSummary(summary, bits, strategy, nulls);
            assertEquals(1, summary.columns().get(0).pages());
        }
    }

    /**
     * Many pages from a small page cache and batches of odd sizes (1, 1023, 1025, 4097, ...): pages
     * end mid-chunk, some pages are shorter than one chunk, some all null.
     */
    @ParameterizedTest(name = "int{0} signed={1}")
    @MethodSource("intTypes")
    void manyPagesOfOddSizes(int bits, boolean signed) throws Exception {
        Schema schema = schema(bits, signed, true);
        int[] sizes = {1, 1023, 1025, 4097, 7, 3000, 1024, 8191, 31, 2049, 5000};
        List<VectorSchemaRoot> batches = new ArrayList<>();
        int chunkBase = 0;
        for (int b = 0; b < sizes.length * 3; b++) {
            int rows = sizes[b % sizes.length];
            batches.add(batch(schema, bits, signed, rows, chunkBase, true, 1000L * bits + b));
            chunkBase += (rows + 1023) / 1024;
        }
        BitpackingTestStrategy strategy = new BitpackingTestStrategy();
        Path file = newFile("many_" + bits + signed);
        WriteSummary summary = OfficialReaderHarness.writeAndVerify(file, schema, batches,
                WriteOptions.builder().compression(strategy).cacheBytesPerColumn(3 * bits * 128).build(), allocator);
        ColumnSummary col = summary.columns().get(0);
        assertTrue(col.pages() >= 10, () -> "expected many pages: " + col);
        assertTrue(col.encodings().equals(List.of("bitpack(" + bits + ")")), () -> "value encodings: " + col);
        assertTrue(strategy.outOfLineLevelChunks.get() > 0);
    }

    /** Every type stored as 8/16/32/64-bit words (floats, dates, times, ...), from TestData's adversarial values. */
    static List<TestData.TypeCase> wordWidthTypes() {
        return TestData.flatTypes().stream().filter(tc -> switch (tc.type()) {
            case ArrowType.Int i -> true;
            case ArrowType.FloatingPoint f -> true;
            case ArrowType.Date d -> true;
            case ArrowType.Time t -> true;
            case ArrowType.Timestamp t -> true;
            case ArrowType.Duration d -> true;
            default -> false;
        }).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wordWidthTypes")
    void adversarialValuesOfEveryWordWidthType(TestData.TypeCase tc) throws Exception {
        Schema schema = new Schema(List.of(TestData.field(tc, "v", true)));
        List<VectorSchemaRoot> batches = List.of(
                track(TestData.root(allocator, schema, List.of(tc), 5003, 11, TestData.Nulls.RANDOM)),
                track(TestData.root(allocator, schema, List.of(tc), 1025, 12, TestData.Nulls.NONE)),
                track(TestData.root(allocator, schema, List.of(tc), 3, 13, TestData.Nulls.ALTERNATE)));
        BitpackingTestStrategy strategy = new BitpackingTestStrategy();
        Path file = newFile("adv");
        WriteSummary summary = OfficialReaderHarness.writeAndVerify(file, schema, batches,
                WriteOptions.builder().compression(strategy).build(), allocator);
        assertTrue(summary.columns().get(0).encodings().getFirst().startsWith("bitpack("),
                () -> summary.columns().get(0).toString());
    }

    /**
     * Definition levels packed out of line while the values are chunked otherwise: 4096 per chunk
     * (int8, bool), 512 (int64, double), 256 (decimal128), variable counts (strings). Level slices
     * are then several whole blocks, or short tails that go raw or padded.
     */
    @Test
    void levelsUnderOtherValueChunkings() throws Exception {
        List<TestData.TypeCase> cases = Stream.of("int8", "bool", "int64", "float64", "decimal128_38_10", "utf8_short")
                .map(TestData::byName).toList();
        List<Field> fields = new ArrayList<>();
        for (TestData.TypeCase tc : cases) {
            fields.add(TestData.field(tc, tc.name(), true));
        }
        Schema schema = new Schema(fields);
        List<VectorSchemaRoot> batches = new ArrayList<>();
        int[] sizes = {9000, 1, 4097, 700, 20_000};
        TestData.Nulls[] nulls = {TestData.Nulls.RANDOM, TestData.Nulls.SINGLE_MIDDLE, TestData.Nulls.ALTERNATE,
            TestData.Nulls.FIRST, TestData.Nulls.RANDOM};
        for (int b = 0; b < sizes.length; b++) {
            batches.add(track(TestData.root(allocator, schema, cases, sizes[b], 77 + b, nulls[b])));
        }
        BitpackingTestStrategy strategy = new BitpackingTestStrategy(false);
        Path file = newFile("levels");
        WriteSummary summary = OfficialReaderHarness.writeAndVerify(file, schema, batches,
                WriteOptions.builder().compression(strategy).build(), allocator);
        assertEquals(0, strategy.inlinePages.get());
        assertTrue(strategy.outOfLineLevelChunks.get() > 50, () -> strategy.outOfLineLevelChunks + " level chunks");
        assertEquals(cases.size(), summary.columns().size());
    }

    // ------------------------------------------------------------------------------------------
    // Byte-for-byte against files official Lance 7.0.0 wrote (NOTES §16)
    // ------------------------------------------------------------------------------------------

    /**
     * {@code nulls5k}: int32, 5000 rows, value {@code i * 7919 % 100000}, every third row (from row 0)
     * null. Official Lance packed the values inline (W = 17) and the definition levels out of line,
     * {@code out_of_line_bitpacking{16, flat{1}}}: 128 bytes per chunk, the 904-level tail padded.
     */
    @Test
    void nulls5kIsReproducedExactly() throws Exception {
        Schema schema = schema(32, true, true);
        VectorSchemaRoot root = track(VectorSchemaRoot.create(schema, allocator));
        IntVector v = (IntVector) root.getVector(0);
        v.allocateNew(5000);
        for (int i = 0; i < 5000; i++) {
            if (i % 3 == 0) {
                v.setNull(i);
            } else {
                v.set(i, (int) ((long) i * 7919 % 100000));
            }
        }
        v.setValueCount(5000);
        root.setRowCount(5000);
        assertSameFile("nulls5k_2_1.lance", schema, root);
    }

    /** {@code int64seq}: int64 0..2999, not null; official Lance bit-packed it inline (W = 10, 11, 12). */
    @Test
    void int64SequenceIsReproducedExactly() throws Exception {
        Schema schema = schema(64, true, false);
        VectorSchemaRoot root = track(VectorSchemaRoot.create(schema, allocator));
        BigIntVector v = (BigIntVector) root.getVector(0);
        v.allocateNew(3000);
        for (int i = 0; i < 3000; i++) {
            v.set(i, i);
        }
        v.setValueCount(3000);
        root.setRowCount(3000);
        assertSameFile("int64seq_2_1.lance", schema, root);
    }

    private void assertSameFile(String golden, Schema schema, VectorSchemaRoot root) throws Exception {
        BitpackingTestStrategy strategy = new BitpackingTestStrategy();
        Path file = newFile(golden.replace(".lance", ""));
        OfficialReaderHarness.writeAndVerify(file, schema, List.of(root),
                WriteOptions.builder().compression(strategy).build(), allocator);
        byte[] expected = Files.readAllBytes(GOLDEN.resolve(golden));
        byte[] actual = Files.readAllBytes(file);
        int mismatch = java.util.Arrays.mismatch(expected, actual);
        if (mismatch >= 0) {
            HexFormat hex = HexFormat.of();
            int from = Math.max(0, mismatch - 8);
            fail(golden + ": first difference at byte " + mismatch + " (sizes " + expected.length + " vs "
                    + actual.length + ")\n official: "
                    + hex.formatHex(expected, from, Math.min(expected.length, mismatch + 24))
                    + "\n jlance:   " + hex.formatHex(actual, from, Math.min(actual.length, mismatch + 24)));
        }
    }
}
