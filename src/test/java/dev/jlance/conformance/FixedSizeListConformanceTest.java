package dev.jlance.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.conformance.TestData.Nulls;
import dev.jlance.conformance.TestData.TypeCase;
import dev.jlance.format.pb.Encodings21.CompressiveEncoding;
import dev.jlance.format.pb.Encodings21.PageLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fixed-size lists written by jlance and by official Lance 7.0.0 from the same batches are the
 * same file (see {@link FixedSizeListParity}): every item type, narrow rows (mini-block) and wide
 * ones (full-zip) on both sides of the 256-byte boundary, nulls in rows, in items and in the
 * layers of nested lists, pages whose items are all null, forced layouts, ignored compression
 * metadata, several pages of embeddings. Where official Lance writes a file its own
 * reader cannot read, {@link FixedSizeListRoundTripTest} covers what jlance writes instead.
 */
class FixedSizeListConformanceTest extends ConformanceTestBase {

    private static final int[] BATCHES = {100, 1, 513, 37};

    private List<VectorSchemaRoot> batches(Field field, TypeCase item, int[] sizes, long seed, Nulls rows,
            Nulls... layers) {
        List<VectorSchemaRoot> out = new ArrayList<>();
        for (int b = 0; b < sizes.length; b++) {
            out.add(track(FixedSizeListData.root(allocator, field, item, sizes[b], seed + b, rows, layers)));
        }
        return out;
    }

    private Path sameAsOfficial(Field field, List<VectorSchemaRoot> batches) throws Exception {
        return sameAsOfficial(field, batches, "2.1");
    }

    private Path sameAsOfficial(Field field, List<VectorSchemaRoot> batches, String version) throws Exception {
        return FixedSizeListParity.assertSameAsOfficial(tmp, new Schema(List.of(field)), batches, version, allocator);
    }

    private static PageLayout firstPage(Path file) throws Exception {
        return LanceFileInspector.open(file).pageLayouts(0).getFirst();
    }

    /** Rows wide enough for full-zip: the fewest items of {@code item} that make 256 bytes, plus one. */
    private static int wideDimension(TypeCase item) {
        return 256 / bytesOf(item) + 1;
    }

    private static int bytesOf(TypeCase item) {
        return (int) Math.round(item.approxBytesPerRow() - 0.125);
    }

    static Stream<Arguments> itemTypesAndRowNullability() {
        return FixedSizeListData.itemTypes().stream()
                .flatMap(t -> Stream.of(Arguments.of(t, true), Arguments.of(t, false)));
    }

    @ParameterizedTest(name = "fsl<{0}, 3> nullable rows={1}")
    @MethodSource("itemTypesAndRowNullability")
    void narrowRowsOfEveryItemType(TypeCase item, boolean nullableRows) throws Exception {
        Field field = FixedSizeListData.field("v", nullableRows, item, 3);
        sameAsOfficial(field, batches(field, item, BATCHES, 100, Nulls.RANDOM, Nulls.RANDOM));
    }

    /** Item types with a byte width (booleans have none: they always take mini-block pages). */
    static List<TypeCase> byteWideItemTypes() {
        return FixedSizeListData.itemTypes().stream().filter(t -> !(t.type() instanceof ArrowType.Bool)).toList();
    }

    @ParameterizedTest(name = "fsl<{0}, 256 bytes + 1 item>")
    @MethodSource("byteWideItemTypes")
    void wideRowsOfEveryItemType(TypeCase item) throws Exception {
        int d = wideDimension(item);
        Field field = FixedSizeListData.field("v", true, item, d);
        Path ours = sameAsOfficial(field, batches(field, item, new int[] {40, 3, 17}, 200, Nulls.RANDOM, Nulls.RANDOM));
        assertEquals(PageLayout.LayoutCase.FULL_ZIP_LAYOUT, firstPage(ours).getLayoutCase());
    }

    static Stream<Arguments> oddDimensionsAndNulls() {
        List<Arguments> out = new ArrayList<>();
        for (String item : List.of("float32", "int8", "bool", "float64")) {
            for (int d : new int[] {1, 3, 17}) {
                for (Nulls rows : List.of(Nulls.NONE, Nulls.RANDOM, Nulls.ALTERNATE)) {
                    for (Nulls items : List.of(Nulls.NONE, Nulls.RANDOM, Nulls.SINGLE_MIDDLE)) {
                        out.add(Arguments.of(item, d, rows, items));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "fsl<{0}, {1}> rows {2} items {3}")
    @MethodSource("oddDimensionsAndNulls")
    void oddDimensions(String itemName, int d, Nulls rows, Nulls items) throws Exception {
        TypeCase item = TestData.byName(itemName);
        Field field = FixedSizeListData.field("v", true, item, d);
        // 5000 rows: several chunks, each layer's validity cut at chunk boundaries
        sameAsOfficial(field, batches(field, item, new int[] {2000, 3000}, 300 + d, rows, items));
    }

    static Stream<Arguments> layoutBoundary() {
        return Stream.of(
                Arguments.of("float32", 63, false), Arguments.of("float32", 64, true), Arguments.of("float32", 65, true),
                Arguments.of("int8", 255, false), Arguments.of("int8", 256, true),
                Arguments.of("float64", 31, false), Arguments.of("float64", 32, true),
                Arguments.of("fsb3", 85, false), Arguments.of("fsb3", 86, true),
                Arguments.of("decimal256_50_0", 7, false), Arguments.of("decimal256_50_0", 8, true),
                Arguments.of("bool", 1001, false), Arguments.of("bool", 4096, false));
    }

    /** Mini-block below 256 bytes a row, full-zip from 256 up; item validity does not count. */
    @ParameterizedTest(name = "fsl<{0}, {1}> full-zip={2}")
    @MethodSource("layoutBoundary")
    void layoutAtTheBoundary(String itemName, int d, boolean fullZip) throws Exception {
        TypeCase item = TestData.byName(itemName);
        for (Nulls items : List.of(Nulls.NONE, Nulls.RANDOM)) {
            Field field = FixedSizeListData.field("v", true, item, d);
            Path ours = sameAsOfficial(field, batches(field, item, new int[] {30, 11}, 400 + d, Nulls.RANDOM, items));
            assertEquals(fullZip ? PageLayout.LayoutCase.FULL_ZIP_LAYOUT : PageLayout.LayoutCase.MINI_BLOCK_LAYOUT,
                    firstPage(ours).getLayoutCase(), itemName + " x " + d + " items " + items);
            deleteOutputs();
        }
    }

    /** Embeddings of 384 and 1536 floats over several pages (more than 8 MiB per column). */
    @ParameterizedTest(name = "embeddings of {0} floats")
    @ValueSource(ints = {384, 1536})
    void embeddingsOverSeveralPages(int d) throws Exception {
        TypeCase item = TestData.byName("float32");
        Field field = FixedSizeListData.field("embedding", false, item, d);
        int rowsPerBatch = 3 * 1024 * 1024 / (4 * d); // 3 MiB batches, pages cut after the third
        List<VectorSchemaRoot> batches = batches(field, item, new int[] {rowsPerBatch, rowsPerBatch, rowsPerBatch,
            rowsPerBatch, rowsPerBatch / 2, 7}, 500 + d, Nulls.NONE, Nulls.NONE);
        Path ours = sameAsOfficial(field, batches);
        List<PageLayout> pages = LanceFileInspector.open(ours).pageLayouts(0);
        assertTrue(pages.size() >= 2, "several pages: " + pages.size());
        for (PageLayout p : pages) {
            assertEquals(d * 32, p.getFullZipLayout().getBitsPerValue());
        }
    }

    @ParameterizedTest(name = "nullable embeddings of {0} floats")
    @ValueSource(ints = {384, 1536})
    void nullableEmbeddings(int d) throws Exception {
        TypeCase item = TestData.byName("float32");
        Field field = FixedSizeListData.field("embedding", true, item, d);
        List<VectorSchemaRoot> batches = new ArrayList<>();
        Nulls[][] patterns = {{Nulls.RANDOM, Nulls.NONE}, {Nulls.NONE, Nulls.RANDOM}, {Nulls.RANDOM, Nulls.RANDOM},
            {Nulls.ALL, Nulls.NONE}, {Nulls.NONE, Nulls.ALL}, {Nulls.FIRST, Nulls.LAST}};
        for (int b = 0; b < patterns.length; b++) {
            batches.add(track(FixedSizeListData.root(allocator, field, item, 97 + 50 * b, 600 + b, patterns[b][0],
                    patterns[b][1])));
        }
        sameAsOfficial(field, batches);
    }

    /**
     * Nullable embeddings over several pages: pages are cut where official Lance cuts them, the
     * validity bitmaps of rows and items counting towards the 8 MiB per column.
     */
    @Test
    void nullableEmbeddingsOverSeveralPages() throws Exception {
        TypeCase item = TestData.byName("float32");
        Field field = FixedSizeListData.field("embedding", true, item, 768);
        int rows = 2 * 1024 * 1024 / (4 * 768);
        List<VectorSchemaRoot> batches = new ArrayList<>();
        Nulls[][] patterns = {{Nulls.RANDOM, Nulls.NONE}, {Nulls.NONE, Nulls.RANDOM}, {Nulls.RANDOM, Nulls.RANDOM},
            {Nulls.NONE, Nulls.NONE}, {Nulls.ALTERNATE, Nulls.SINGLE_MIDDLE}, {Nulls.RANDOM, Nulls.RANDOM},
            {Nulls.NONE, Nulls.RANDOM}};
        for (int b = 0; b < patterns.length; b++) {
            batches.add(track(FixedSizeListData.root(allocator, field, item, rows + 13 * b, 650 + b, patterns[b][0],
                    patterns[b][1])));
        }
        Path ours = sameAsOfficial(field, batches);
        assertTrue(LanceFileInspector.open(ours).pageLayouts(0).size() >= 2);
    }

    /**
     * The items' field is not stored (official Lance re-creates it as a nullable {@code item}
     * without metadata), so its name, nullability and metadata change nothing in the file.
     */
    @Test
    void itemFieldDetailsAreNotStored() throws Exception {
        TypeCase item = TestData.byName("int32");
        Field named = new Field("element", new org.apache.arrow.vector.types.pojo.FieldType(false, item.type(), null,
                Map.of("k", "v")), null);
        Field field = FixedSizeListData.field("v", true, named, 4);
        Schema schema = new Schema(List.of(field));
        List<VectorSchemaRoot> batches = batches(field, item, new int[] {40, 3}, 660, Nulls.RANDOM);
        Path ours = newFile("jlance");
        Path official = newFile("official");
        OfficialReaderHarness.writeJlance(ours, schema, batches, dev.jlance.file.WriteOptions.defaults());
        OfficialReaderHarness.writeOfficial(official, schema, batches, allocator);
        OfficialReaderHarness.assertSameDecodedContent(official, ours, allocator);
        assertEquals(-1, java.nio.file.Files.mismatch(official, ours));
        try (org.lance.file.LanceFileReader reader = org.lance.file.LanceFileReader.open(ours.toString(), allocator)) {
            Field child = reader.schema().getFields().getFirst().getChildren().getFirst();
            assertEquals("item", child.getName());
            assertTrue(child.isNullable());
            assertTrue(child.getMetadata() == null || child.getMetadata().isEmpty());
        }
    }

    static Stream<Arguments> nestedCases() {
        return Stream.of(
                Arguments.of("float32", new int[] {3, 2}, new Nulls[] {Nulls.RANDOM, Nulls.RANDOM, Nulls.RANDOM}),
                Arguments.of("float32", new int[] {3, 2}, new Nulls[] {Nulls.NONE, Nulls.NONE, Nulls.NONE}),
                Arguments.of("float32", new int[] {3, 2}, new Nulls[] {Nulls.RANDOM, Nulls.NONE, Nulls.RANDOM}),
                Arguments.of("float32", new int[] {3, 2}, new Nulls[] {Nulls.NONE, Nulls.RANDOM, Nulls.NONE}),
                Arguments.of("int16", new int[] {2, 3, 2}, new Nulls[] {Nulls.RANDOM, Nulls.RANDOM, Nulls.ALTERNATE,
                    Nulls.RANDOM}),
                Arguments.of("int16", new int[] {2, 3, 50}, new Nulls[] {Nulls.RANDOM, Nulls.RANDOM, Nulls.RANDOM,
                    Nulls.RANDOM}),
                Arguments.of("float32", new int[] {5, 64}, new Nulls[] {Nulls.NONE, Nulls.NONE, Nulls.RANDOM}),
                Arguments.of("float32", new int[] {5, 64}, new Nulls[] {Nulls.RANDOM, Nulls.SINGLE_MIDDLE, Nulls.NONE}),
                Arguments.of("bool", new int[] {3, 5}, new Nulls[] {Nulls.RANDOM, Nulls.RANDOM, Nulls.RANDOM}),
                Arguments.of("uint8", new int[] {1, 1, 1}, new Nulls[] {Nulls.RANDOM, Nulls.NONE, Nulls.RANDOM,
                    Nulls.RANDOM}),
                Arguments.of("decimal128_38_10", new int[] {2, 9}, new Nulls[] {Nulls.ALTERNATE, Nulls.RANDOM,
                    Nulls.RANDOM}));
    }

    /**
     * Lists of lists: each layer's validity is its own buffer (mini-block) or zipped before the
     * row, outer layer first. (Nested lists without any null in full-zip pages are in
     * {@link FixedSizeListRoundTripTest}: official Lance 7.0.0 mis-sizes them.)
     */
    @ParameterizedTest(name = "fsl<{0}> dims {1} nulls {2}")
    @MethodSource("nestedCases")
    void nestedLists(String itemName, int[] dims, Nulls[] nulls) throws Exception {
        TypeCase item = TestData.byName(itemName);
        Field field = FixedSizeListData.field("v", true, item, dims);
        Nulls[] layers = java.util.Arrays.copyOfRange(nulls, 1, nulls.length);
        Path ours = sameAsOfficial(field, batches(field, item, new int[] {300, 1, 45}, 700, nulls[0], layers));
        assertEquals(LogicalTypeOf.nested(item, dims),
                LanceFileInspector.open(ours).descriptor().getSchema().getFields(0).getLogicalType());
    }

    /** The logical types official Lance records, spelled out. */
    private static final class LogicalTypeOf {
        static String nested(TypeCase item, int[] dims) {
            String s = item.lanceLogicalType();
            for (int k = dims.length - 1; k >= 0; k--) {
                s = "fixed_size_list:" + s + ":" + dims[k];
            }
            return s;
        }
    }

    @Test
    void allRowsNullIsAnAllNullPage() throws Exception {
        TypeCase item = TestData.byName("float32");
        Field field = FixedSizeListData.field("v", true, item, 4);
        Path ours = sameAsOfficial(field, batches(field, item, new int[] {5, 700}, 800, Nulls.ALL, Nulls.RANDOM));
        assertTrue(firstPage(ours).hasAllNullLayout());
    }

    static Stream<Arguments> allItemsNullWithNullRows() {
        return Stream.of(Arguments.of("float32", new int[] {4}), Arguments.of("float32", new int[] {128}),
                Arguments.of("int8", new int[] {3, 2}), Arguments.of("bool", new int[] {9}));
    }

    /**
     * Every item null and some rows null: official Lance stores the levels alone, a full-zip page
     * of {@code constant} values of 0 bits (its reader decodes it from the control words).
     */
    @ParameterizedTest(name = "fsl<{0}> dims {1}")
    @MethodSource("allItemsNullWithNullRows")
    void allItemsNullWithSomeRowsNullStoresLevelsOnly(String itemName, int[] dims) throws Exception {
        TypeCase item = TestData.byName(itemName);
        Field field = FixedSizeListData.field("v", true, item, dims);
        Path ours = sameAsOfficial(field, batches(field, item, new int[] {10, 3}, 900, Nulls.SINGLE_MIDDLE, Nulls.ALL,
                Nulls.ALL));
        PageLayout page = firstPage(ours);
        assertEquals(0, page.getFullZipLayout().getBitsPerValue());
        assertEquals(CompressiveEncoding.CompressionCase.CONSTANT,
                page.getFullZipLayout().getValueCompression().getCompressionCase());
        assertEquals(1, page.getFullZipLayout().getBitsDef());
    }

    /** Forced layouts are honoured both ways, item validity included. */
    @Test
    void forcedLayouts() throws Exception {
        TypeCase f32 = TestData.byName("float32");
        Field mini = FixedSizeListData.withMetadata(FixedSizeListData.field("v", true, f32, 128),
                Map.of("lance-encoding:structural-encoding", "miniblock"));
        Path ours = sameAsOfficial(mini, batches(mini, f32, new int[] {100, 9}, 1000, Nulls.RANDOM, Nulls.RANDOM));
        assertTrue(firstPage(ours).hasMiniBlockLayout());
        deleteOutputs();

        Field zip = FixedSizeListData.withMetadata(FixedSizeListData.field("v", true, f32, 4),
                Map.of("lance-encoding:structural-encoding", "fullzip"));
        ours = sameAsOfficial(zip, batches(zip, f32, new int[] {100, 9}, 1001, Nulls.RANDOM, Nulls.RANDOM));
        assertTrue(firstPage(ours).hasFullZipLayout());
        deleteOutputs();

        // rows of 1001 bytes: 4 rows a chunk, so every other chunk's validity starts inside a byte
        TypeCase i8 = TestData.byName("int8");
        Field wide = FixedSizeListData.withMetadata(FixedSizeListData.field("v", true, i8, 1001),
                Map.of("lance-encoding:structural-encoding", "miniblock"));
        ours = sameAsOfficial(wide, batches(wide, i8, new int[] {23, 10}, 1002, Nulls.RANDOM, Nulls.RANDOM));
        assertTrue(firstPage(ours).hasMiniBlockLayout());
    }

    /** Official Lance never compresses or dictionary-encodes fixed-size lists, whatever the metadata says. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"compression=zstd", "compression=lz4", "compression=fsst", "bss=on", "rle-threshold=0.9",
        "dict-size-ratio=1.0"})
    void compressionMetadataIsIgnored(String setting) throws Exception {
        String[] kv = setting.split("=");
        Map<String, String> md = new java.util.HashMap<>(Map.of("lance-encoding:" + kv[0], kv[1]));
        if (!kv[0].equals("compression")) {
            md.put("lance-encoding:compression", "zstd");
        }
        for (String itemName : List.of("int32", "decimal128_10_2")) {
            TypeCase item = TestData.byName(itemName);
            for (int d : new int[] {4, 128}) {
                Field field = FixedSizeListData.withMetadata(FixedSizeListData.field("v", false, item, d), md);
                // few distinct, small values: bitpacking, RLE, a dictionary or zstd would all pay
                List<VectorSchemaRoot> batches = List.of(track(FixedSizeListData.root(allocator, field,
                        TestData.byName(itemName), 3000, 1100, Nulls.NONE)));
                fillRepeating(batches.getFirst());
                Path ours = sameAsOfficial(field, batches);
                PageLayout page = firstPage(ours);
                CompressiveEncoding values = page.hasMiniBlockLayout() ? page.getMiniBlockLayout().getValueCompression()
                        : page.getFullZipLayout().getValueCompression();
                assertEquals(CompressiveEncoding.CompressionCase.FIXED_SIZE_LIST, values.getCompressionCase(), setting);
                assertTrue(values.getFixedSizeList().getValues().hasFlat(), setting);
                assertFalse(page.hasMiniBlockLayout() && page.getMiniBlockLayout().hasDictionary(), setting);
                deleteOutputs();
            }
        }
    }

    /** Overwrites the items of a one-column root with a few small repeating values. */
    private static void fillRepeating(VectorSchemaRoot root) {
        var list = (org.apache.arrow.vector.complex.FixedSizeListVector) root.getVector(0);
        var items = (org.apache.arrow.vector.BaseFixedWidthVector) list.getDataVector();
        int w = items.getTypeWidth();
        for (int i = 0; i < items.getValueCount(); i++) {
            for (int b = 0; b < w; b++) {
                items.getDataBuffer().setByte((long) i * w + b, b == 0 ? (i / 7) % 3 : 0);
            }
        }
    }

    @Test
    void bfloat16ItemsKeepTheirExtension() throws Exception {
        Field item = new Field("item", new org.apache.arrow.vector.types.pojo.FieldType(true,
                new ArrowType.FixedSizeBinary(2), null, Map.of("ARROW:extension:name", "lance.bfloat16",
                        "ARROW:extension:metadata", "")), null);
        for (int[] dims : new int[][] {{8}, {200}, {3, 4}}) {
            Field field = FixedSizeListData.field("v", true, item, dims);
            TypeCase bf16 = new TypeCase("bf16", new ArrowType.FixedSizeBinary(2), "lance.bfloat16",
                    TestData.Lengths.MIXED);
            List<VectorSchemaRoot> batches = batches(field, bf16, new int[] {50, 7}, 1200, Nulls.RANDOM, Nulls.RANDOM,
                    Nulls.RANDOM);
            Path ours = sameAsOfficial(field, batches);
            String expected = "fixed_size_list:lance.bfloat16:" + dims[dims.length - 1];
            for (int k = dims.length - 2; k >= 0; k--) {
                expected = "fixed_size_list:" + expected + ":" + dims[k];
            }
            assertEquals(expected, LanceFileInspector.open(ours).descriptor().getSchema().getFields(0).getLogicalType());
            deleteOutputs();
        }
    }

    /** Files of earlier sub-cases are removed so {@link FixedSizeListParity} starts from empty directories. */
    private void deleteOutputs() throws java.io.IOException {
        for (String sub : List.of("jlance", "official")) {
            Path dir = tmp.resolve(sub);
            if (java.nio.file.Files.exists(dir)) {
                try (var files = java.nio.file.Files.list(dir)) {
                    for (Path p : files.toList()) {
                        java.nio.file.Files.delete(p);
                    }
                }
            }
        }
    }
}
