package dev.jlance.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.UnsupportedTypeException;
import dev.jlance.conformance.TestData.Nulls;
import dev.jlance.conformance.TestData.TypeCase;
import dev.jlance.file.ColumnSummary;
import dev.jlance.file.LanceFileWriter;
import dev.jlance.file.WriteOptions;
import dev.jlance.file.WriteSummary;
import dev.jlance.format.pb.Encodings21.CompressiveEncoding;
import dev.jlance.format.pb.Encodings21.PageLayout;
import dev.jlance.memory.OffHeapArena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fixed-size lists read back exactly through the official reader where comparing with official
 * Lance's file is not possible or not the point: pages official Lance 7.0.0 writes so that its own
 * reader fails or its writer panics (jlance writes readable pages instead), many pages, caller
 * buffers, sliced input; and the fields jlance refuses when it opens.
 */
class FixedSizeListRoundTripTest extends ConformanceTestBase {

    private static final TypeCase F32 = TestData.byName("float32");

    private List<VectorSchemaRoot> batches(Field field, TypeCase item, int[] sizes, long seed, Nulls rows,
            Nulls... layers) {
        List<VectorSchemaRoot> out = new ArrayList<>();
        for (int b = 0; b < sizes.length; b++) {
            out.add(track(FixedSizeListData.root(allocator, field, item, sizes[b], seed + b, rows, layers)));
        }
        return out;
    }

    private Path roundTrip(Field field, List<VectorSchemaRoot> batches, WriteOptions options) throws Exception {
        Path file = newFile("fsl");
        OfficialReaderHarness.writeAndVerify(file, new Schema(List.of(field)), batches, options, allocator);
        return file;
    }

    private static List<PageLayout> pages(Path file) throws Exception {
        return LanceFileInspector.open(file).pageLayouts(0);
    }

    static Stream<Arguments> allItemsNullWithoutControlWords() {
        return Stream.of(
                Arguments.of(new int[] {4}, Nulls.NONE, null),
                Arguments.of(new int[] {128}, Nulls.NONE, null),
                Arguments.of(new int[] {3, 2}, Nulls.NONE, null),
                Arguments.of(new int[] {4}, Nulls.SINGLE_MIDDLE, "miniblock"),
                Arguments.of(new int[] {128}, Nulls.NONE, "fullzip"));
    }

    /**
     * Every item of the outer layer null, and no row null (or mini-block forced): official Lance
     * writes a levels-only page its reader rejects ("per-row byte width must be greater than 0"),
     * or panics. jlance stores the items with their all-clear validity instead.
     */
    @ParameterizedTest(name = "dims {0} rows {1} forced {2}")
    @MethodSource("allItemsNullWithoutControlWords")
    void allItemsNullStoresTheValidity(int[] dims, Nulls rows, String forced) throws Exception {
        Field field = FixedSizeListData.field("v", true, F32, dims);
        if (forced != null) {
            field = FixedSizeListData.withMetadata(field, Map.of("lance-encoding:structural-encoding", forced));
        }
        Path file = roundTrip(field, batches(field, F32, new int[] {10, 5}, 10, rows, Nulls.ALL, Nulls.ALL),
                WriteOptions.defaults());
        PageLayout page = pages(file).getFirst();
        CompressiveEncoding values = page.hasMiniBlockLayout() ? page.getMiniBlockLayout().getValueCompression()
                : page.getFullZipLayout().getValueCompression();
        assertTrue(values.getFixedSizeList().getHasValidity(), values.toString());
    }

    /** Every inner list null (the middle layer) and no row null: stored with the validity as well. */
    @Test
    void allMiddleLayerNullWithoutNullRows() throws Exception {
        Field field = FixedSizeListData.field("v", false, F32, 3, 2);
        roundTrip(field, batches(field, F32, new int[] {20, 7}, 20, Nulls.NONE, Nulls.ALL, Nulls.RANDOM),
                WriteOptions.defaults());
    }

    /** Only the innermost items all null under partly null inner lists: ordinary validity, any layout. */
    @ParameterizedTest(name = "inner dimension {0}")
    @ValueSource(ints = {2, 64})
    void allInnermostItemsNull(int inner) throws Exception {
        Field field = FixedSizeListData.field("v", true, F32, 3, inner);
        roundTrip(field, batches(field, F32, new int[] {20, 7}, 30, Nulls.RANDOM, Nulls.RANDOM, Nulls.ALL),
                WriteOptions.defaults());
    }

    static Stream<Arguments> nestedWithoutNulls() {
        return Stream.of(Arguments.of(new int[] {5, 64}, null), Arguments.of(new int[] {2, 3, 50}, null),
                Arguments.of(new int[] {3, 2}, "fullzip"), Arguments.of(new int[] {7, 1, 40}, null));
    }

    /**
     * Nested lists without a null in full-zip pages: official Lance 7.0.0 records
     * {@code bits_per_value} as item bits × outer dimension^depth and writes that few bytes (its
     * reader then fails), or panics when full-zip is forced; jlance writes whole rows.
     */
    @ParameterizedTest(name = "dims {0} forced {1}")
    @MethodSource("nestedWithoutNulls")
    void nestedFullZipWithoutNulls(int[] dims, String forced) throws Exception {
        Field field = FixedSizeListData.field("v", false, F32, dims);
        if (forced != null) {
            field = FixedSizeListData.withMetadata(field, Map.of("lance-encoding:structural-encoding", forced));
        }
        Path file = roundTrip(field, batches(field, F32, new int[] {12, 1, 30}, 40, Nulls.NONE, Nulls.NONE, Nulls.NONE,
                Nulls.NONE), WriteOptions.defaults());
        int items = 1;
        for (int d : dims) {
            items *= d;
        }
        assertEquals(32 * items, pages(file).getFirst().getFullZipLayout().getBitsPerValue());
    }

    /**
     * Boolean rows too wide for official Lance's 8 KiB chunk aim (2047 items with nulls: it
     * panics) still fit the format's 32 KiB chunks: jlance keeps 8 rows a chunk.
     */
    @ParameterizedTest(name = "fsl<bool, {0}>")
    @ValueSource(ints = {2041, 2047, 2049, 8000})
    void wideBooleanRows(int d) throws Exception {
        TypeCase bool = TestData.byName("bool");
        Field field = FixedSizeListData.field("v", true, bool, d);
        Path file = roundTrip(field, batches(field, bool, new int[] {20, 3}, 50, Nulls.RANDOM, Nulls.RANDOM),
                WriteOptions.defaults());
        assertTrue(pages(file).getFirst().hasMiniBlockLayout());
    }

    static Stream<Arguments> manyPages() {
        return Stream.of(Arguments.of("float32", new int[] {16}, 1, false), Arguments.of("float32", new int[] {70}, 1, true),
                Arguments.of("bool", new int[] {5}, 20, false), Arguments.of("int16", new int[] {3, 4}, 1, true),
                Arguments.of("decimal128_38_10", new int[] {2}, 1, false), Arguments.of("fsb3", new int[] {100}, 1, true));
    }

    /**
     * A 4096-byte cache: pages are cut all the time, each joining arrays whose layers have nulls
     * or not (pieces without nulls contribute set bits), kept as copies or as the caller's buffers.
     */
    @ParameterizedTest(name = "fsl<{0}> dims {1} rows x{2} keep arrays {3}")
    @MethodSource("manyPages")
    void manyPagesWithSmallCache(String itemName, int[] dims, int scale, boolean keep) throws Exception {
        TypeCase item = TestData.byName(itemName);
        Field field = FixedSizeListData.field("v", true, item, dims);
        Nulls[] patterns = {Nulls.NONE, Nulls.RANDOM, Nulls.ALL, Nulls.ALTERNATE, Nulls.FIRST};
        List<VectorSchemaRoot> batches = new ArrayList<>();
        int[] sizes = {7, 1, 0, 13, 50, 2, 33, 120, 5, 9};
        for (int b = 0; b < 30; b++) {
            Nulls[] layers = new Nulls[dims.length];
            for (int k = 0; k < layers.length; k++) {
                layers[k] = patterns[(b + 2 * k + 1) % patterns.length];
            }
            batches.add(track(FixedSizeListData.root(allocator, field, item, scale * sizes[b % sizes.length], 60 + b,
                    patterns[b % patterns.length], layers)));
        }
        Path file = newFile("smallcache");
        WriteSummary summary = OfficialReaderHarness.writeAndVerify(file, new Schema(List.of(field)), batches,
                WriteOptions.builder().cacheBytesPerColumn(4096).keepOriginalArray(keep).build(), allocator);
        ColumnSummary col = summary.columns().getFirst();
        assertTrue(col.pages() > 3, col.toString());
    }

    /** Arrow slices (offset buffers, validity copied or shifted) read like any other vector. */
    @Test
    void slicedInput() throws Exception {
        Field field = FixedSizeListData.field("v", true, TestData.byName("int8"), 3, 5);
        VectorSchemaRoot whole = track(FixedSizeListData.root(allocator, field, TestData.byName("int8"), 500, 70,
                Nulls.RANDOM, Nulls.RANDOM, Nulls.RANDOM));
        List<VectorSchemaRoot> slices = new ArrayList<>();
        int[][] ranges = {{0, 8}, {3, 100}, {101, 1}, {250, 249}, {17, 0}};
        for (int[] r : ranges) {
            slices.add(track(OfficialReaderHarness.slice(whole, r[0], r[1], allocator)));
        }
        roundTrip(field, slices, WriteOptions.defaults());
    }

    /** A batch may be refilled in place right after {@code write}: the copies jlance keeps are its own. */
    @Test
    void callerMayReuseItsVectors() throws Exception {
        TypeCase item = TestData.byName("float64");
        Field field = FixedSizeListData.field("v", true, item, 6);
        Schema schema = new Schema(List.of(field));
        Path file = newFile("reuse");
        List<VectorSchemaRoot> expected = new ArrayList<>();
        try (VectorSchemaRoot reused = FixedSizeListData.root(allocator, field, item, 200, 80, Nulls.RANDOM,
                Nulls.RANDOM); LanceFileWriter writer = LanceFileWriter.open(file, schema, WriteOptions.defaults())) {
            for (int b = 0; b < 4; b++) {
                if (b > 0) {
                    try (FixedSizeListVector fresh = FixedSizeListData.vector(allocator, field, item, 200, 80 + b,
                            Nulls.values()[b], Nulls.RANDOM)) {
                        FixedSizeListVector target = (FixedSizeListVector) reused.getVector(0);
                        for (int i = 0; i < 200; i++) {
                            target.copyFromSafe(i, i, fresh);
                        }
                    }
                }
                expected.add(track(OfficialReaderHarness.copyOf(reused, allocator)));
                writer.write(reused);
            }
        }
        OfficialReaderHarness.assertFileContains(file, schema, expected, allocator, 97);
    }

    @Test
    void withOtherColumns() throws Exception {
        Field fsl = FixedSizeListData.field("v", true, F32, 384);
        Field nested = FixedSizeListData.field("w", false, TestData.byName("uint16"), 2, 2);
        Field id = TestData.field(TestData.byName("int64"), "id", false);
        Field name = TestData.field(TestData.byName("utf8"), "name", true);
        Schema schema = new Schema(List.of(id, fsl, name, nested));
        List<VectorSchemaRoot> batches = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            int rows = 300 + 211 * b;
            try (VectorSchemaRoot a = TestData.root(allocator, new Schema(List.of(id, name)),
                    List.of(TestData.byName("int64"), TestData.byName("utf8")), rows, 90 + b, Nulls.RANDOM)) {
                FixedSizeListVector v = FixedSizeListData.vector(allocator, fsl, F32, rows, 95 + b, Nulls.RANDOM,
                        Nulls.RANDOM);
                FixedSizeListVector w = FixedSizeListData.vector(allocator, nested, TestData.byName("uint16"), rows,
                        96 + b, Nulls.NONE, Nulls.RANDOM, Nulls.RANDOM);
                var idCopy = a.getVector(0).getTransferPair(allocator);
                idCopy.transfer();
                var nameCopy = a.getVector(1).getTransferPair(allocator);
                nameCopy.transfer();
                batches.add(track(new VectorSchemaRoot(schema, List.of((org.apache.arrow.vector.FieldVector) idCopy.getTo(),
                        v, (org.apache.arrow.vector.FieldVector) nameCopy.getTo(), w), rows)));
            }
        }
        Path file = newFile("multi");
        OfficialReaderHarness.writeAndVerify(file, schema, batches, WriteOptions.defaults(), allocator);
        Path official = newFile("official");
        OfficialReaderHarness.writeOfficial(official, schema, batches, allocator);
        OfficialReaderHarness.assertSameDecodedContent(official, file, allocator);
        // the string column's FSST tables are random in official Lance: compare the lists' pages
        FixedSizeListParity.assertSamePages(official, file, new int[] {1, 3});
    }

    // ------------------------------------------------------------------------------------------
    // Refused
    // ------------------------------------------------------------------------------------------

    static Stream<Arguments> unsupportedItems() {
        return Stream.of(
                Arguments.of(ArrowType.Utf8.INSTANCE, "fixed-width"),
                Arguments.of(ArrowType.LargeUtf8.INSTANCE, "fixed-width"),
                Arguments.of(ArrowType.Binary.INSTANCE, "fixed-width"),
                Arguments.of(ArrowType.LargeBinary.INSTANCE, "fixed-width"),
                Arguments.of(ArrowType.Null.INSTANCE, "nulls"),
                Arguments.of(new ArrowType.Interval(org.apache.arrow.vector.types.IntervalUnit.DAY_TIME), "interval"));
    }

    @ParameterizedTest(name = "fsl<{0}>")
    @MethodSource("unsupportedItems")
    void unsupportedItemsAreRefusedAtOpen(ArrowType item, String why) throws Exception {
        Field field = FixedSizeListData.field("vec", true, new Field("item", FieldType.nullable(item), null), 4);
        assertRefused(new Schema(List.of(field)), "vec", why);
        // and when nested, naming the outer field
        Field nested = FixedSizeListData.field("outer", true, new Field("item", FieldType.nullable(item), null), 2, 4);
        assertRefused(new Schema(List.of(nested)), "outer", why);
    }

    @Test
    void structAndListItemsAreRefused() throws Exception {
        Field struct = new Field("item", FieldType.nullable(ArrowType.Struct.INSTANCE),
                List.of(Field.nullable("x", new ArrowType.Int(32, true))));
        assertRefused(new Schema(List.of(FixedSizeListData.field("s", true, struct, 2))), "s", "fixed-width");
        Field list = new Field("item", FieldType.nullable(ArrowType.List.INSTANCE),
                List.of(Field.nullable("item", new ArrowType.Int(32, true))));
        assertRefused(new Schema(List.of(FixedSizeListData.field("l", true, list, 2))), "l", "fixed-width");
    }

    @Test
    void dimensionZeroIsRefused() throws Exception {
        assertRefused(new Schema(List.of(FixedSizeListData.field("z", true, F32, 0))), "z", "at least one item");
        assertRefused(new Schema(List.of(FixedSizeListData.field("z", true, F32, 3, 0))), "z", "at least one item");
    }

    @Test
    void dictionaryItemsAreRefused() throws Exception {
        Field keys = new Field("item", new FieldType(true, new ArrowType.Int(32, true),
                new DictionaryEncoding(1, false, new ArrowType.Int(32, true))), null);
        assertRefused(new Schema(List.of(FixedSizeListData.field("d", true, keys, 2))), "d", "dictionary");
    }

    @Test
    void forcedFullZipBooleanListsAreRefused() throws Exception {
        Field field = FixedSizeListData.withMetadata(FixedSizeListData.field("b", true, TestData.byName("bool"), 64),
                Map.of("lance-encoding:structural-encoding", "fullzip"));
        Path file = newFile("refused");
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> LanceFileWriter.open(file, new Schema(List.of(field)), WriteOptions.defaults()).close());
        assertTrue(e.getMessage().contains("'b'") && e.getMessage().contains("booleans"), e.getMessage());
        assertTrue(Files.notExists(file));
    }

    /** An item vector holding fewer values than its rows need is refused by {@code write}, which writes nothing. */
    @Test
    void shortItemVectorIsRefusedByWrite() throws Exception {
        Field field = FixedSizeListData.field("v", true, F32, 4);
        VectorSchemaRoot root = track(FixedSizeListData.root(allocator, field, F32, 10, 5, Nulls.NONE, Nulls.NONE));
        ((FixedSizeListVector) root.getVector(0)).getDataVector().setValueCount(39);
        Path file = newFile("short");
        try (LanceFileWriter writer = LanceFileWriter.open(file, root.getSchema(), WriteOptions.defaults())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> writer.write(root));
            assertTrue(e.getMessage().contains("'v'") && e.getMessage().contains("39"), e.getMessage());
        }
        assertEquals(List.of(), OffHeapArena.openArenas().stream().filter(a -> a.contains("(v)")).toList());
    }

    private void assertRefused(Schema schema, String field, String why) throws Exception {
        Path file = newFile("refused_" + field + "_" + System.nanoTime());
        UnsupportedTypeException e = assertThrows(UnsupportedTypeException.class,
                () -> LanceFileWriter.open(file, schema, WriteOptions.defaults()).close());
        assertEquals(field, e.fieldPath());
        assertTrue(e.reason().contains(why), e.getMessage());
        assertTrue(Files.notExists(file));
    }
}
