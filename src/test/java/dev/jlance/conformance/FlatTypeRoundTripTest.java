package dev.jlance.conformance;

import static dev.jlance.conformance.OfficialReaderHarness.copyRows;
import static dev.jlance.conformance.OfficialReaderHarness.slice;
import static dev.jlance.conformance.OfficialReaderHarness.writeAndVerify;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jlance.conformance.TestData.Nulls;
import dev.jlance.conformance.TestData.TypeCase;
import dev.jlance.file.WriteOptions;
import dev.jlance.file.WriteSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every flat Arrow type, written by jlance and read back by the official Lance 7.0.0 reader:
 * nullability, null patterns, 0 and 1 rows, uneven batches with empty ones, sliced vectors. Each
 * case compares schema, row count and every value bit-exactly (see {@link OfficialReaderHarness}).
 */
class FlatTypeRoundTripTest extends ConformanceTestBase {

    static List<TypeCase> allTypes() {
        return TestData.flatTypes();
    }

    /** (type, nullable) for every type; the Null type only nullable. */
    static Stream<Arguments> typesAndNullability() {
        return TestData.flatTypes().stream().flatMap(tc -> tc.isNullType()
                ? Stream.of(Arguments.of(tc, true))
                : Stream.of(Arguments.of(tc, true), Arguments.of(tc, false)));
    }

    /** (type, null pattern) for every type and every pattern. */
    static Stream<Arguments> typesAndNullPatterns() {
        return TestData.flatTypes().stream().flatMap(tc -> Stream.of(Nulls.values()).map(n -> Arguments.of(tc, n)));
    }

    private static Schema oneColumn(TypeCase tc, boolean nullable) {
        return new Schema(List.of(TestData.field(tc, "col_" + tc.name(), nullable)));
    }

    private WriteSummary writeAndVerifyOne(String name, Schema schema, List<VectorSchemaRoot> batches,
            WriteOptions options) throws Exception {
        Path file = newFile(name);
        return writeAndVerify(file, schema, batches, options, allocator);
    }

    /** A nullable column with each null pattern (random with garbage under nulls, first/last third, all, ...). */
    @ParameterizedTest(name = "{0} nulls={1}")
    @MethodSource("typesAndNullPatterns")
    void nullableColumnWithNullPattern(TypeCase tc, Nulls nulls) throws Exception {
        // The pattern is part of the column name so that failure messages identify the case.
        Schema schema = new Schema(List.of(TestData.field(tc, "col_" + tc.name() + "_nulls_" + nulls, true)));
        VectorSchemaRoot root = track(TestData.root(allocator, schema, List.of(tc), 700, 42, nulls));
        writeAndVerifyOne("nulls", schema, List.of(root), WriteOptions.defaults());
    }

    /** A non-nullable column: every value, no nulls, the field declared not null. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("allTypes")
    void nonNullableColumn(TypeCase tc) throws Exception {
        if (tc.isNullType()) {
            return; // a Null-typed field is all nulls by definition
        }
        Schema schema = oneColumn(tc, false);
        VectorSchemaRoot root = track(TestData.root(allocator, schema, List.of(tc), 700, 43, Nulls.NONE));
        writeAndVerifyOne("notnull", schema, List.of(root), WriteOptions.defaults());
    }

    /** open() then close() with no write at all: a valid file with 0 rows and the schema. */
    @ParameterizedTest(name = "{0} nullable={1}")
    @MethodSource("typesAndNullability")
    void zeroRowsNoBatches(TypeCase tc, boolean nullable) throws Exception {
        Schema schema = oneColumn(tc, nullable);
        WriteSummary summary = writeAndVerifyOne("nobatch", schema, List.of(), WriteOptions.defaults());
        assertEquals(0, summary.rows());
    }

    /** One write of a batch with 0 rows: a valid file with 0 rows and the schema. */
    @ParameterizedTest(name = "{0} nullable={1}")
    @MethodSource("typesAndNullability")
    void zeroRowsOneEmptyBatch(TypeCase tc, boolean nullable) throws Exception {
        Schema schema = oneColumn(tc, nullable);
        VectorSchemaRoot empty = track(TestData.root(allocator, schema, List.of(tc), 0, 1, Nulls.RANDOM));
        writeAndVerifyOne("emptybatch", schema, List.of(empty), WriteOptions.defaults());
    }

    /**
     * Files of exactly one row: for several source rows (special values such as min/max, NaN
     * payloads, -0.0, 255/256-byte strings, a 70,000-byte value) and, when nullable, a single null.
     */
    @ParameterizedTest(name = "{0} nullable={1}")
    @MethodSource("typesAndNullability")
    void oneRow(TypeCase tc, boolean nullable) throws Exception {
        Schema schema = oneColumn(tc, nullable);
        VectorSchemaRoot source = track(TestData.root(allocator, schema, List.of(tc), 40, 44, Nulls.NONE));
        for (int row : new int[] {0, 1, 2, 3, 4, 7, 8, 9, 10, 12, 13, 14, 30}) {
            VectorSchemaRoot one = track(copyRows(source, row, 1, allocator));
            writeAndVerifyOne("one_" + row, schema, List.of(one), WriteOptions.defaults());
        }
        if (nullable) {
            VectorSchemaRoot nul = track(TestData.root(allocator, schema, List.of(tc), 1, 45, Nulls.ALL));
            writeAndVerifyOne("one_null", schema, List.of(nul), WriteOptions.defaults());
        }
    }

    /** Batches of 1, 0, 7, 300, 0, 1000, 3, 64 rows (empty batches in the middle), read in batches of 997. */
    @ParameterizedTest(name = "{0} nullable={1}")
    @MethodSource("typesAndNullability")
    void unevenBatchesWithEmptyOnesInTheMiddle(TypeCase tc, boolean nullable) throws Exception {
        Schema schema = oneColumn(tc, nullable);
        int[] sizes = {1, 0, 7, 300, 0, 1000, 3, 64};
        Nulls[] patterns = {Nulls.RANDOM, Nulls.RANDOM, Nulls.FIRST, Nulls.RANDOM, Nulls.NONE, Nulls.ALTERNATE,
            Nulls.ALL, Nulls.LAST};
        List<VectorSchemaRoot> batches = new ArrayList<>();
        for (int b = 0; b < sizes.length; b++) {
            batches.add(track(TestData.root(allocator, schema, List.of(tc), sizes[b], 100 + b, patterns[b])));
        }
        writeAndVerifyOne("uneven", schema, batches, WriteOptions.defaults());
    }

    /**
     * Vectors sliced with {@code splitAndTransfer} at non-zero, mostly non-byte-aligned starts
     * (1, 3, 8, 13, 1001, 2047) - slices share the source's memory at odd offsets - written as
     * consecutive batches; expected values are deep copies of the same row ranges.
     */
    @ParameterizedTest(name = "{0} nullable={1}")
    @MethodSource("typesAndNullability")
    void slicedVectors(TypeCase tc, boolean nullable) throws Exception {
        Schema schema = oneColumn(tc, nullable);
        VectorSchemaRoot source = track(TestData.root(allocator, schema, List.of(tc), 3000, 46, Nulls.RANDOM));
        int[][] ranges = {{1, 100}, {3, 250}, {8, 16}, {13, 999}, {1001, 1}, {2047, 953}, {5, 0}};
        List<VectorSchemaRoot> slices = new ArrayList<>();
        List<VectorSchemaRoot> expected = new ArrayList<>();
        for (int[] r : ranges) {
            expected.add(track(copyRows(source, r[0], r[1], allocator)));
            slices.add(track(slice(source, r[0], r[1], allocator)));
        }
        Path file = newFile("sliced");
        OfficialReaderHarness.writeJlance(file, schema, slices, WriteOptions.defaults());
        OfficialReaderHarness.assertFileContains(file, schema, expected, allocator,
                OfficialReaderHarness.DEFAULT_READ_BATCH_SIZE);
    }

    /**
     * Vectors whose buffers hold more data than their value count: filled with 1000 rows, then
     * {@code setValueCount(300)}. Only the first 300 rows may reach the file.
     */
    @ParameterizedTest(name = "{0} nullable={1}")
    @MethodSource("typesAndNullability")
    void dataBeyondValueCountIsIgnored(TypeCase tc, boolean nullable) throws Exception {
        Schema schema = oneColumn(tc, nullable);
        VectorSchemaRoot root = track(TestData.root(allocator, schema, List.of(tc), 1000, 48, Nulls.RANDOM));
        VectorSchemaRoot expected = track(copyRows(root, 0, 300, allocator));
        root.getVector(0).setValueCount(300);
        root.setRowCount(300);
        for (boolean keep : new boolean[] {false, true}) {
            Path file = newFile("beyond_" + keep);
            OfficialReaderHarness.writeJlance(file, schema, List.of(root),
                    WriteOptions.builder().keepOriginalArray(keep).build());
            OfficialReaderHarness.assertFileContains(file, schema, List.of(expected), allocator, 128);
        }
    }

    /** A single slice written on its own, also with keepOriginalArray(true) (zero-copy of a sliced buffer). */
    @ParameterizedTest(name = "{0} nullable={1}")
    @MethodSource("typesAndNullability")
    void singleSliceBothCopyModes(TypeCase tc, boolean nullable) throws Exception {
        Schema schema = oneColumn(tc, nullable);
        VectorSchemaRoot source = track(TestData.root(allocator, schema, List.of(tc), 600, 47, Nulls.RANDOM));
        for (boolean keep : new boolean[] {false, true}) {
            VectorSchemaRoot expected = track(copyRows(source, 11, 517, allocator));
            VectorSchemaRoot sliced = track(slice(source, 11, 517, allocator));
            Path file = newFile("slice_keep_" + keep);
            OfficialReaderHarness.writeJlance(file, schema, List.of(sliced),
                    WriteOptions.builder().keepOriginalArray(keep).build());
            OfficialReaderHarness.assertFileContains(file, schema, List.of(expected), allocator, 100);
        }
    }

    static List<TypeCase> variableWidthTypes() {
        return TestData.flatTypes().stream().filter(t -> t.lengths() == TestData.Lengths.MIXED)
                .filter(t -> t.type() instanceof ArrowType.Utf8 || t.type() instanceof ArrowType.LargeUtf8
                        || t.type() instanceof ArrowType.Binary || t.type() instanceof ArrowType.LargeBinary)
                .toList();
    }

    /** Runs {@code {count, length}} (length -1 = nulls) that put very different value sizes in one page. */
    private static final int[][][] SKEWED_SCENARIOS = {
        {{3000, -1}, {3000, 255}},
        {{3000, 0}, {3000, 255}},
        {{3000, 255}, {3000, -1}, {3000, 0}},
        {{1, 255}, {4095, 0}, {4096, 255}},
        {{5000, 1}, {300, 200}, {5000, 0}, {17, 255}},
        {{2, 255}, {6000, -1}, {2, 255}},
        {{100, 0}, {1, 300}, {4000, 255}}, // one >= 256-byte value: the whole page goes full-zip
        // Exactly 128 tiny values then 128+ large ones: doubling a chunk from 128 to 256 values
        // jumps from ~0.5 KiB to ~33 KiB, over the 2.1 chunk limit of 32 KiB.
        {{128, -1}, {128, 255}},
        {{128, 0}, {200, 255}},
        {{256, 1}, {256, 200}},
    };

    static Stream<Arguments> skewedScenarios() {
        return variableWidthTypes().stream().flatMap(tc -> java.util.stream.IntStream
                .range(0, SKEWED_SCENARIOS.length)
                .mapToObj(i -> Arguments.of(tc, i, java.util.Arrays.deepToString(SKEWED_SCENARIOS[i]))));
    }

    /**
     * Runs of very different value sizes inside ONE page (default cache): thousands of nulls or
     * empty values followed by thousands of 255-byte values (the largest mini-block value), and
     * the reverse. A writer that sizes mini-block chunks from the first values it sees, or that
     * assumes uniform sizes, overflows the 32 KiB chunk limit or mis-cuts chunks here.
     */
    @ParameterizedTest(name = "{0} scenario {1}: runs {2}")
    @MethodSource("skewedScenarios")
    void skewedValueLengthsWithinOnePage(TypeCase tc, int scenario, String runs) throws Exception {
        Field field = TestData.field(tc, "runs_" + tc.name() + "_" + runs, true);
        Schema schema = new Schema(List.of(field));
        FieldVector v = TestData.runs(allocator, field, 77 + scenario, SKEWED_SCENARIOS[scenario]);
        VectorSchemaRoot root = track(new VectorSchemaRoot(schema, List.of(v), v.getValueCount()));
        writeAndVerifyOne("runs", schema, List.of(root), WriteOptions.defaults());
    }
}
