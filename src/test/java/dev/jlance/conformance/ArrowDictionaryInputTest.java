package dev.jlance.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jlance.file.ColumnSummary;
import dev.jlance.file.WriteOptions;
import dev.jlance.file.WriteSummary;
import dev.jlance.format.pb.Encodings21.CompressiveEncoding;
import dev.jlance.format.pb.Encodings21.MiniBlockLayout;
import dev.jlance.format.pb.Encodings21.PageLayout;
import dev.jlance.format.pb.FileProtos;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedWidthVector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.dictionary.DictionaryProvider.MapDictionaryProvider;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Arrow dictionary-encoded input (keys in the batch, values in a {@code DictionaryProvider}),
 * written as official Lance writes it — a mini-block page of the keys with the page's dictionary —
 * and read back by the official reader, compared value by value after decoding both sides.
 */
class ArrowDictionaryInputTest extends ConformanceTestBase {

    static final long DICT_ID = 7;

    // ---------------------------------------------------------------------------------------
    // Building inputs
    // ---------------------------------------------------------------------------------------

    static Stream<ArrowType.Int> keyTypes() {
        return Stream.of(8, 16, 32, 64).flatMap(bits -> Stream.of(new ArrowType.Int(bits, true),
                new ArrowType.Int(bits, false)));
    }

    static Field dictField(String name, ArrowType.Int keyType, long id, boolean nullable) {
        return new Field(name, new FieldType(nullable, keyType, new DictionaryEncoding(id, false, keyType)), null);
    }

    static Schema dictSchema(ArrowType.Int keyType) {
        return new Schema(List.of(dictField("d", keyType, DICT_ID, true)));
    }

    /** A dictionary vector of {@code type} whose entry i is made from {@code seeds[i]} (null = null entry). */
    FieldVector values(ArrowType type, Integer... seeds) {
        FieldVector v = track(new Field("values", FieldType.nullable(type), null).createVector(allocator));
        v.allocateNew();
        for (int i = 0; i < seeds.length; i++) {
            if (seeds[i] == null) {
                v.setNull(i);
            } else {
                setValue(v, i, seeds[i]);
            }
        }
        v.setValueCount(seeds.length);
        return v;
    }

    /** Distinct seeds give distinct values for every type (booleans: only seeds 0 and 1). */
    static void setValue(FieldVector v, int i, int seed) {
        switch (v) {
            case BitVector b -> b.setSafe(i, seed & 1);
            case VariableWidthFieldVector vw -> vw.setSafe(i, ("v\u00e9" + seed + "-".repeat(seed % 7)).getBytes(
                    StandardCharsets.UTF_8));
            case BaseIntVector iv when v instanceof FixedWidthVector -> iv.setWithPossibleTruncate(i, seed * 3L - 5);
            case org.apache.arrow.vector.Float2Vector f -> f.setSafeWithPossibleTruncate(i, seed * 0.5f - 1);
            case org.apache.arrow.vector.Float4Vector f -> f.setSafe(i, seed == 1 ? -0.0f : seed * 1.25f);
            case org.apache.arrow.vector.Float8Vector f -> f.setSafe(i, seed == 2 ? Double.NaN : seed * -2.5);
            default -> throw new IllegalArgumentException("no test values for " + v.getClass());
        }
    }

    static FieldVector untrackedStrings(org.apache.arrow.memory.BufferAllocator allocator, String... values) {
        var v = new org.apache.arrow.vector.VarCharVector("values", allocator);
        v.allocateNew();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                v.setNull(i);
            } else {
                v.setSafe(i, values[i].getBytes(StandardCharsets.UTF_8));
            }
        }
        v.setValueCount(values.length);
        return v;
    }

    FieldVector strings(String... values) {
        return track(untrackedStrings(allocator, values));
    }

    static MapDictionaryProvider provider(long id, ArrowType.Int keyType, FieldVector values) {
        MapDictionaryProvider p = new MapDictionaryProvider();
        p.put(new Dictionary(values, new DictionaryEncoding(id, false, keyType)));
        return p;
    }

    /** A batch whose first column holds {@code keys} (null = null key). */
    VectorSchemaRoot keys(Schema schema, Long... keys) {
        VectorSchemaRoot root = track(VectorSchemaRoot.create(schema, allocator));
        FieldVector v = root.getVector(0);
        v.allocateNew();
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == null) {
                v.setNull(i);
            } else {
                ((BaseIntVector) v).setWithPossibleTruncate(i, keys[i]);
            }
        }
        v.setValueCount(keys.length);
        root.setRowCount(keys.length);
        return root;
    }

    /** {@code rows} random keys into a dictionary of {@code entries}, a share {@code nullRate} of them null. */
    VectorSchemaRoot randomKeys(Schema schema, int rows, int entries, double nullRate, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Long[] keys = new Long[rows];
        for (int i = 0; i < rows; i++) {
            keys[i] = entries == 0 || rnd.nextDouble() < nullRate ? null : (long) rnd.nextInt(entries);
        }
        return keys(schema, keys);
    }

    // ---------------------------------------------------------------------------------------
    // Checking
    // ---------------------------------------------------------------------------------------

    ColumnSummary verify(Schema schema, List<VectorSchemaRoot> batches, List<? extends DictionaryProvider> providers,
            WriteOptions options) throws Exception {
        return verify(schema, batches, providers, options, OfficialReaderHarness.DEFAULT_READ_BATCH_SIZE);
    }

    Path lastFile;

    ColumnSummary verify(Schema schema, List<VectorSchemaRoot> batches, List<? extends DictionaryProvider> providers,
            WriteOptions options, int readBatchSize) throws Exception {
        lastFile = newFile("dict");
        WriteSummary summary = DictionaryHarness.writeAndVerify(lastFile, schema, batches, providers, options, allocator,
                readBatchSize);
        assertEquals(List.of(), dev.jlance.memory.OffHeapArena.openArenas(), "the writer released all its memory");
        return summary.columns().getFirst();
    }

    /** The mini-block layouts of column {@code c} of the last file, asserting every page is one (or all-null). */
    List<MiniBlockLayout> miniBlocks(int c) throws Exception {
        List<MiniBlockLayout> out = new ArrayList<>();
        for (PageLayout p : LanceFileInspector.open(lastFile).pageLayouts(c)) {
            if (p.hasMiniBlockLayout()) {
                out.add(p.getMiniBlockLayout());
            } else if (!p.hasAllNullLayout()) {
                fail("page is neither mini-block nor all-null: " + p);
            }
        }
        return out;
    }

    /** Bits per index as the value compression of a mini-block page records them. */
    static int indexBits(CompressiveEncoding e) {
        return switch (e.getCompressionCase()) {
            case FLAT -> (int) e.getFlat().getBitsPerValue();
            case INLINE_BITPACKING -> (int) e.getInlineBitpacking().getUncompressedBitsPerValue();
            default -> throw new AssertionError("unexpected index compression " + e);
        };
    }

    // ---------------------------------------------------------------------------------------
    // Key types, value types, the schema recorded
    // ---------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyTypes")
    void everyKeyTypeIsStoredAsIndicesOfItsWidth(ArrowType.Int keyType) throws Exception {
        Schema schema = dictSchema(keyType);
        // entries 3 and 5 are never used; the null entry's keys become null keys
        FieldVector dict = strings("apple", "banana", null, "unused", "", "also unused", "\u2603 snow");
        var p = provider(DICT_ID, keyType, dict);
        List<VectorSchemaRoot> batches = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            SplittableRandom rnd = new SplittableRandom(b);
            Long[] keys = new Long[700 + b * 311];
            for (int i = 0; i < keys.length; i++) {
                int k = rnd.nextInt(10);
                keys[i] = k >= 7 ? null : (long) new int[] {0, 1, 2, 4, 6, 0, 1}[k];
            }
            batches.add(keys(schema, keys));
        }
        ColumnSummary col = verify(schema, batches, List.of(p, p, p, p), WriteOptions.defaults());
        String keyName = (keyType.getIsSigned() ? "int" : "uint") + keyType.getBitWidth();
        assertEquals("dict:string:" + keyName + ":false", col.logicalType());
        FileProtos.Field f = LanceFileInspector.open(lastFile).descriptor().getSchema().getFields(0);
        assertEquals("dict:string:" + keyName + ":false", f.getLogicalType());
        assertEquals(3, f.getEncodingValue(), "legacy Field.encoding of a dictionary field is DICTIONARY (3)");
        assertEquals(List.of("mini-block"), col.layouts());
        for (MiniBlockLayout m : miniBlocks(0)) {
            assertTrue(m.hasDictionary(), () -> "no dictionary in " + m);
            assertEquals(keyType.getBitWidth(), indexBits(m.getValueCompression()), "index width follows the key type");
            // the null entry is dropped, the unused ones stay, as official Lance does
            assertEquals(6, m.getNumDictionaryItems());
            assertTrue(m.getDictionary().hasVariable(), () -> "dictionary encoding " + m.getDictionary());
        }
    }

    static Stream<Arguments> valueTypes() {
        return Stream.of(new ArrowType.Int(8, true), new ArrowType.Int(16, false), new ArrowType.Int(32, true),
                new ArrowType.Int(64, false), new ArrowType.FloatingPoint(FloatingPointPrecision.HALF),
                new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE),
                new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), ArrowType.Bool.INSTANCE,
                ArrowType.Utf8.INSTANCE, ArrowType.LargeUtf8.INSTANCE, ArrowType.Binary.INSTANCE,
                ArrowType.LargeBinary.INSTANCE).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueTypes")
    void everyValueTypeDecodesLikeTheOfficialWritersFile(ArrowType valueType) throws Exception {
        ArrowType.Int keyType = new ArrowType.Int(16, true);
        Schema schema = dictSchema(keyType);
        boolean bool = valueType instanceof ArrowType.Bool;
        FieldVector dict = bool ? values(valueType, 1, null, 0) : values(valueType, 4, null, 1, 2, 9, null, 3);
        var p = provider(DICT_ID, keyType, dict);
        List<VectorSchemaRoot> batches = List.of(randomKeys(schema, 1500, dict.getValueCount(), 0.1, 1),
                randomKeys(schema, 3, dict.getValueCount(), 0, 2), randomKeys(schema, 800, dict.getValueCount(), 0.5, 3));
        List<MapDictionaryProvider> providers = List.of(p, p, p);
        verify(schema, batches, providers, WriteOptions.defaults());
        Path ours = lastFile;
        for (MiniBlockLayout m : miniBlocks(0)) {
            assertEquals(16, indexBits(m.getValueCompression()));
            assertEquals(dict.getValueCount() - dict.getNullCount(), m.getNumDictionaryItems());
        }
        Path official = newFile("official");
        DictionaryHarness.writeOfficial(official, batches, providers, allocator);
        // both files must decode to the same values, and record the same schema
        assertSameDecoded(official, ours, schema);
        assertEquals(LanceFileInspector.open(official).descriptor().getSchema(),
                LanceFileInspector.open(ours).descriptor().getSchema(), "schema descriptor vs the official file's");
        var theirs = LanceFileInspector.open(official).pageLayouts(0).getFirst().getMiniBlockLayout();
        var mine = LanceFileInspector.open(ours).pageLayouts(0).getFirst().getMiniBlockLayout();
        assertEquals(theirs.getDictionary().getCompressionCase(), mine.getDictionary().getCompressionCase());
        // (official Lance concatenates the three batches' copies of the dictionary; jlance keeps one)
    }

    /** Decodes both files' batches through the official reader and compares them row by row. */
    private void assertSameDecoded(Path expectedFile, Path actualFile, Schema written) throws Exception {
        List<VectorSchemaRoot> expected = new ArrayList<>();
        try (var reader = org.lance.file.LanceFileReader.open(expectedFile.toString(), allocator);
                var stream = reader.readAll(null, null, 4096)) {
            while (stream.loadNextBatch()) {
                expected.add(DictionaryHarness.decode(stream.getVectorSchemaRoot(), stream, allocator));
            }
            DictionaryHarness.assertFileContains(actualFile, written, expected, allocator, 333);
        } finally {
            expected.forEach(VectorSchemaRoot::close);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Nulls, empty and unused dictionaries
    // ---------------------------------------------------------------------------------------

    @Test
    void nullValuesInTheDictionaryBecomeNullKeys() throws Exception {
        ArrowType.Int keyType = new ArrowType.Int(8, false);
        Schema schema = dictSchema(keyType);
        FieldVector dict = strings(null, "a", null, "b", null);
        Long[] keys = new Long[300];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i % 11 == 10 ? null : (long) (i % 5);
        }
        verify(schema, List.of(keys(schema, keys)), List.of(provider(DICT_ID, keyType, dict)), WriteOptions.defaults());
        MiniBlockLayout m = miniBlocks(0).getFirst();
        assertEquals(2, m.getNumDictionaryItems(), "the three null entries are gone");
        assertTrue(m.hasDefCompression(), "nulls are stored as definition levels");
    }

    @Test
    void pagesWhoseKeysAreAllNullAreAllNullPages() throws Exception {
        ArrowType.Int keyType = new ArrowType.Int(32, true);
        Schema schema = dictSchema(keyType);
        Long[] nullKeys = new Long[500];
        Long[] keysToNulls = new Long[400];
        for (int i = 0; i < keysToNulls.length; i++) {
            keysToNulls[i] = i % 3 == 0 ? null : (long) (i % 2 == 0 ? 0 : 2);
        }
        var empty = provider(DICT_ID, keyType, strings());
        var someValues = provider(DICT_ID, keyType, strings("x", "y"));
        var nullValues = provider(DICT_ID, keyType, strings(null, "z", null));
        var nullsOnly = provider(DICT_ID, keyType, strings((String) null));
        // an empty dictionary, keys all null; a dictionary with values, keys all null; keys that all
        // point at null values; a dictionary of one null entry: each batch is its own page
        List<VectorSchemaRoot> batches = List.of(keys(schema, nullKeys), keys(schema, nullKeys),
                keys(schema, keysToNulls), keys(schema, 0L, null, 0L), randomKeys(schema, 300, 2, 0.3, 4));
        List<MapDictionaryProvider> providers = List.of(empty, someValues, nullValues, nullsOnly, someValues);
        ColumnSummary col = verify(schema, batches, providers, WriteOptions.builder().cacheBytesPerColumn(1).build());
        assertEquals(5, col.pages());
        List<PageLayout> layouts = LanceFileInspector.open(lastFile).pageLayouts(0);
        for (int i = 0; i < 4; i++) {
            assertTrue(layouts.get(i).hasAllNullLayout(), "page " + i + ": " + layouts.get(i));
        }
        assertTrue(layouts.get(4).getMiniBlockLayout().hasDictionary());
        // the same batches in one page: a merged dictionary of the non-empty ones
        ColumnSummary one = verify(schema, batches, providers, WriteOptions.defaults());
        assertEquals(1, one.pages());
        assertEquals(List.of("x", "y", "z").size(), miniBlocks(0).getFirst().getNumDictionaryItems());
        // and all-null batches alone in one page, whatever their dictionaries
        verify(schema, batches.subList(0, 4), providers.subList(0, 4), WriteOptions.defaults());
        assertTrue(LanceFileInspector.open(lastFile).pageLayouts(0).getFirst().hasAllNullLayout());
    }

    @Test
    void aDictionaryWithoutNullsAndKeysWithoutNullsIsStoredAsGiven() throws Exception {
        ArrowType.Int keyType = new ArrowType.Int(32, true);
        Schema schema = new Schema(List.of(dictField("d", keyType, DICT_ID, false)));
        FieldVector dict = strings("only", "used", "first", "of", "these", "x", "y", "z");
        verify(schema, List.of(randomKeys(schema, 5000, 3, 0, 9)), List.of(provider(DICT_ID, keyType, dict)),
                WriteOptions.defaults());
        MiniBlockLayout m = miniBlocks(0).getFirst();
        assertEquals(8, m.getNumDictionaryItems(), "unused entries are kept");
        assertFalse(m.hasDefCompression(), "no nulls, no definition levels");
    }

    @Test
    void longValuesStillGetADictionaryMiniBlockWhateverTheMetadataAsks() throws Exception {
        ArrowType.Int keyType = new ArrowType.Int(16, true);
        // plain 300-byte strings would go to full-zip, and the metadata asks for it: official Lance
        // keeps Arrow dictionary input in a dictionary mini-block regardless
        Schema schema = new Schema(List.of(new Field("d", new FieldType(true, keyType,
                new DictionaryEncoding(DICT_ID, false, keyType), Map.of("lance-encoding:structural-encoding", "fullzip")),
                null)));
        FieldVector dict = strings("a".repeat(300), "b".repeat(1000), null, "c");
        ColumnSummary col = verify(schema, List.of(randomKeys(schema, 2000, 4, 0.1, 5)),
                List.of(provider(DICT_ID, keyType, dict)), WriteOptions.defaults());
        assertEquals(List.of("mini-block"), col.layouts());
        assertTrue(col.encodings().getFirst().startsWith("dictionary("), () -> "encodings " + col.encodings());
        assertTrue(miniBlocks(0).getFirst().hasDictionary());
    }

    // ---------------------------------------------------------------------------------------
    // Slices, pages, changing dictionaries
    // ---------------------------------------------------------------------------------------

    @Test
    void slicedKeysAndSlicedDictionariesAreReadFromTheirOffsets() throws Exception {
        ArrowType.Int keyType = new ArrowType.Int(32, true);
        Schema schema = dictSchema(keyType);
        FieldVector fullDict = strings("skip0", "skip1", "skip2", "a", null, "b", "c", "d", "e");
        // a dictionary that starts three entries into another vector's buffers
        var pair = fullDict.getTransferPair(allocator);
        pair.splitAndTransfer(3, 6);
        FieldVector dict = track((FieldVector) pair.getTo());
        VectorSchemaRoot full = randomKeys(schema, 4000, 6, 0.2, 6);
        List<VectorSchemaRoot> batches = new ArrayList<>();
        for (int[] s : new int[][] {{333, 2001}, {8, 64}, {3999, 1}, {5, 1000}}) {
            batches.add(track(OfficialReaderHarness.slice(full, s[0], s[1], allocator)));
        }
        var p = provider(DICT_ID, keyType, dict);
        verify(schema, batches, List.of(p, p, p, p), WriteOptions.defaults());
        verify(schema, batches, List.of(p, p, p, p), WriteOptions.builder().keepOriginalArray(true).build());
    }

    @Test
    void batchesWithDifferentDictionariesShareAPageThroughAMergedDictionary() throws Exception {
        ArrowType.Int keyType = new ArrowType.Int(16, false);
        Schema schema = dictSchema(keyType);
        List<VectorSchemaRoot> batches = new ArrayList<>();
        List<MapDictionaryProvider> providers = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(12);
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (int b = 0; b < 20; b++) {
            // each batch builds its own dictionary from an overlapping pool, in its own order
            String[] entries = new String[3 + rnd.nextInt(8)];
            for (int e = 0; e < entries.length; e++) {
                entries[e] = rnd.nextInt(6) == 0 ? null : "w" + rnd.nextInt(15);
                if (entries[e] != null) {
                    distinct.add(entries[e]);
                }
            }
            providers.add(provider(DICT_ID, keyType, strings(entries)));
            batches.add(randomKeys(schema, 50 + rnd.nextInt(300), entries.length, 0.1, b));
        }
        for (WriteOptions options : List.of(WriteOptions.defaults(),
                WriteOptions.builder().keepOriginalArray(true).build())) {
            for (int readBatch : new int[] {7, 997, 100_000}) {
                ColumnSummary col = verify(schema, batches, providers, options, readBatch);
                assertEquals(1, col.pages());
                assertEquals(distinct.size(), miniBlocks(0).getFirst().getNumDictionaryItems(),
                        "one entry per distinct non-null value");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueTypes")
    void differentDictionariesOfEveryValueTypeMergeIntoOnePage(ArrowType valueType) throws Exception {
        ArrowType.Int keyType = new ArrowType.Int(32, false);
        Schema schema = dictSchema(keyType);
        List<VectorSchemaRoot> batches = new ArrayList<>();
        List<MapDictionaryProvider> providers = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(valueType.toString().hashCode());
        for (int b = 0; b < 12; b++) {
            Integer[] seeds = new Integer[1 + rnd.nextInt(9)];
            for (int e = 0; e < seeds.length; e++) {
                seeds[e] = rnd.nextInt(5) == 0 ? null : rnd.nextInt(8);
            }
            providers.add(provider(DICT_ID, keyType, values(valueType, seeds)));
            batches.add(randomKeys(schema, 40 + rnd.nextInt(200), seeds.length, 0.1, b));
        }
        ColumnSummary col = verify(schema, batches, providers, WriteOptions.defaults(), 61);
        assertEquals(1, col.pages());
        assertTrue(miniBlocks(0).getFirst().hasDictionary());
    }

    @Test
    void dictionaryColumnsBesidePlainColumnsAndSharingOneDictionary() throws Exception {
        ArrowType.Int keyType = new ArrowType.Int(8, true);
        ArrowType.Int wideKeys = new ArrowType.Int(64, true);
        // two columns use dictionary 7 (with their own key types: Arrow allows it), one uses 8
        Schema schema = new Schema(List.of(dictField("a", keyType, DICT_ID, true),
                new Field("plain", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
                dictField("b", keyType, DICT_ID, false), dictField("c", wideKeys, 8, true)));
        List<VectorSchemaRoot> batches = new ArrayList<>();
        List<MapDictionaryProvider> providers = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            MapDictionaryProvider p = new MapDictionaryProvider();
            FieldVector shared = strings("s" + b, null, "shared", "t" + b);
            p.put(new Dictionary(shared, new DictionaryEncoding(DICT_ID, false, keyType)));
            p.put(new Dictionary(values(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), 1, 2, b + 3),
                    new DictionaryEncoding(8, false, wideKeys)));
            providers.add(p);
            VectorSchemaRoot root = track(VectorSchemaRoot.create(schema, allocator));
            root.allocateNew();
            SplittableRandom rnd = new SplittableRandom(b);
            int rows = 500 + 100 * b;
            for (int i = 0; i < rows; i++) {
                if (rnd.nextInt(7) == 0) {
                    root.getVector(0).setNull(i);
                } else {
                    ((BaseIntVector) root.getVector(0)).setWithPossibleTruncate(i, rnd.nextInt(4));
                }
                ((org.apache.arrow.vector.VarCharVector) root.getVector(1)).setSafe(i, ("p" + i).getBytes(
                        StandardCharsets.UTF_8));
                ((BaseIntVector) root.getVector(2)).setWithPossibleTruncate(i, new int[] {0, 2, 3}[rnd.nextInt(3)]);
                ((BaseIntVector) root.getVector(3)).setWithPossibleTruncate(i, rnd.nextInt(3));
            }
            root.setRowCount(rows);
            batches.add(root);
        }
        lastFile = newFile("multi");
        WriteSummary summary = DictionaryHarness.writeAndVerify(lastFile, schema, batches, providers,
                WriteOptions.defaults(), allocator, 333);
        assertEquals(List.of("dict:string:int8:false", "string", "dict:string:int8:false", "dict:double:int64:false"),
                summary.columns().stream().map(ColumnSummary::logicalType).toList());
        for (int c : new int[] {0, 2, 3}) {
            assertTrue(miniBlocks(c).getFirst().hasDictionary(), "column " + c);
        }
    }

    @Test
    void anOrderedDictionaryIsWrittenAndReadsBackUnordered() throws Exception {
        ArrowType.Int keyType = new ArrowType.Int(32, true);
        DictionaryEncoding ordered = new DictionaryEncoding(DICT_ID, true, keyType);
        Schema schema = new Schema(List.of(new Field("d", new FieldType(true, keyType, ordered), null)));
        MapDictionaryProvider p = new MapDictionaryProvider();
        p.put(new Dictionary(strings("low", "mid", "high"), ordered));
        // DictionaryHarness checks that the reader reports ordered=false: Lance has no such flag
        verify(schema, List.of(randomKeys(schema, 400, 3, 0.1, 2)), List.of(p), WriteOptions.defaults());
    }

    @Test
    void theHarnessNoticesAValueThatDecodesWrong() throws Exception {
        ArrowType.Int keyType = new ArrowType.Int(16, true);
        Schema schema = dictSchema(keyType);
        VectorSchemaRoot batch = keys(schema, 0L, 1L, null, 2L, 1L);
        var written = provider(DICT_ID, keyType, strings("a", "b", "c"));
        verify(schema, List.of(batch), List.of(written), WriteOptions.defaults());
        for (FieldVector wrong : List.of(strings("a", "B", "c"), strings("a", null, "c"), strings("a", "b", "c", "d"))) {
            // "d" is never used: the same keys must decode the same, so this one must pass
            boolean same = wrong.getValueCount() == 4;
            try (VectorSchemaRoot expected = DictionaryHarness.decode(batch, provider(DICT_ID, keyType, wrong),
                    allocator)) {
                if (same) {
                    DictionaryHarness.assertFileContains(lastFile, schema, List.of(expected), allocator, 2);
                } else {
                    org.junit.jupiter.api.Assertions.assertThrows(org.opentest4j.AssertionFailedError.class,
                            () -> DictionaryHarness.assertFileContains(lastFile, schema, List.of(expected), allocator, 2));
                }
            }
        }
    }

    @Test
    void manyPagesWithDictionariesThatChangeSometimes() throws Exception {
        ArrowType.Int keyType = new ArrowType.Int(32, true);
        Schema schema = new Schema(List.of(dictField("d", keyType, DICT_ID, true)));
        FieldVector a = strings("alpha", "beta", null, "gamma");
        FieldVector b = strings("delta", "alpha", "epsilon", "zeta", "eta", "theta");
        FieldVector c = strings("alpha");
        List<VectorSchemaRoot> batches = new ArrayList<>();
        List<MapDictionaryProvider> providers = new ArrayList<>();
        FieldVector[] order = {a, a, a, b, a, b, b, c, a, a, c, c, c, b};
        for (int i = 0; i < 60; i++) {
            FieldVector d = order[i % order.length];
            // a fresh Dictionary object every time over the same vector, as a reader would hand out
            providers.add(provider(DICT_ID, keyType, d));
            batches.add(randomKeys(schema, 100 + 17 * i, d.getValueCount(), 0.15, 100 + i));
        }
        for (WriteOptions options : List.of(WriteOptions.builder().cacheBytesPerColumn(6000).build(),
                WriteOptions.builder().cacheBytesPerColumn(6000).keepOriginalArray(true).build())) {
            ColumnSummary col = verify(schema, batches, providers, options, 997);
            assertTrue(col.pages() > 8, () -> "pages " + col.pages());
            for (MiniBlockLayout m : miniBlocks(0)) {
                assertTrue(m.hasDictionary());
                assertTrue(m.getNumDictionaryItems() <= 9, () -> "merged dictionary " + m.getNumDictionaryItems());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("narrowKeys")
    void narrowKeysEndAPageBeforeItsMergedDictionaryOutgrowsThem(ArrowType.Int keyType, int entries) throws Exception {
        Schema schema = dictSchema(keyType);
        List<VectorSchemaRoot> batches = new ArrayList<>();
        List<MapDictionaryProvider> providers = new ArrayList<>();
        for (int b = 0; b < 5; b++) {
            String[] values = new String[entries];
            for (int e = 0; e < entries; e++) {
                values[e] = "b" + b + "e" + e;
            }
            providers.add(provider(DICT_ID, keyType, strings(values)));
            batches.add(randomKeys(schema, 3 * entries, entries, 0.05, b));
        }
        // read one page per batch: see officialReaderCannotReturnMorePageDictionariesThanTheKeysAddress
        ColumnSummary col = verify(schema, batches, providers, WriteOptions.defaults(), 3 * entries);
        assertEquals(5, col.pages(), "every batch's dictionary is too large to merge with another");
        for (MiniBlockLayout m : miniBlocks(0)) {
            assertEquals(keyType.getBitWidth(), indexBits(m.getValueCompression()));
            assertEquals(entries, m.getNumDictionaryItems());
        }
    }

    @Test
    void officialReaderCannotReturnMorePageDictionariesThanTheKeysAddress() throws Exception {
        // Each page's dictionary fits its int8 keys, but a read batch that spans two pages would
        // need one dictionary of 200 used values: lance-core 7.0.0 refuses that batch. The file is
        // fine (read in page-sized batches above); no writer can make 200 values addressable by int8.
        ArrowType.Int keyType = new ArrowType.Int(8, true);
        Schema schema = dictSchema(keyType);
        List<VectorSchemaRoot> batches = new ArrayList<>();
        List<MapDictionaryProvider> providers = new ArrayList<>();
        for (int b = 0; b < 2; b++) {
            String[] values = new String[100];
            Long[] keys = new Long[100];
            for (int e = 0; e < 100; e++) {
                values[e] = "b" + b + "e" + e;
                keys[e] = (long) e;
            }
            providers.add(provider(DICT_ID, keyType, strings(values)));
            batches.add(keys(schema, keys));
        }
        verify(schema, batches, providers, WriteOptions.defaults(), 100);
        var e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> OfficialReaderHarness.readAll(lastFile, allocator, 150).forEach(VectorSchemaRoot::close));
        assertTrue(e.getMessage().contains("Dictionary key bigger than the key type"), e::getMessage);
    }

    static Stream<Arguments> narrowKeys() {
        return Stream.of(Arguments.of(new ArrowType.Int(8, true), 100), Arguments.of(new ArrowType.Int(8, false), 200),
                Arguments.of(new ArrowType.Int(8, true), 128), Arguments.of(new ArrowType.Int(16, true), 20_000));
    }

    @Test
    void narrowKeysWithSmallDictionariesStillShareAPage() throws Exception {
        ArrowType.Int keyType = new ArrowType.Int(8, true);
        Schema schema = dictSchema(keyType);
        List<VectorSchemaRoot> batches = new ArrayList<>();
        List<MapDictionaryProvider> providers = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            String[] values = new String[32];
            for (int e = 0; e < values.length; e++) {
                values[e] = "b" + b + "e" + e;
            }
            providers.add(provider(DICT_ID, keyType, strings(values)));
            batches.add(randomKeys(schema, 500, values.length, 0.05, b));
        }
        ColumnSummary col = verify(schema, batches, providers, WriteOptions.defaults());
        assertEquals(1, col.pages(), "4 x 32 entries fit 128 signed 8-bit keys");
        assertEquals(128, miniBlocks(0).getFirst().getNumDictionaryItems());
    }

    // ---------------------------------------------------------------------------------------
    // Callers that change their vectors after write
    // ---------------------------------------------------------------------------------------

    @Test
    void callerMayChangeOrReplaceItsDictionaryRightAfterWrite() throws Exception {
        for (boolean keep : new boolean[] {false, true}) {
            ArrowType.Int keyType = new ArrowType.Int(32, true);
            Schema schema = dictSchema(keyType);
            Path file = newFile("reuse" + keep);
            DictionaryEncoding encoding = new DictionaryEncoding(DICT_ID, false, keyType);
            MapDictionaryProvider p = new MapDictionaryProvider();
            FieldVector dict = untrackedStrings(allocator, "one", null, "two", "three");
            p.put(new Dictionary(dict, encoding));
            List<VectorSchemaRoot> expected = new ArrayList<>();
            try {
                try (var writer = dev.jlance.file.LanceFileWriter.open(file, schema,
                        WriteOptions.builder().keepOriginalArray(keep).build(), p)) {
                    for (int b = 0; b < 6; b++) {
                        VectorSchemaRoot batch = randomKeys(schema, 300 + b, 4, 0.1, b);
                        expected.add(DictionaryHarness.decode(batch, p, allocator));
                        writer.write(batch);
                        String[] next = {"batch" + (b + 1) + "-0", null, "batch" + (b + 1) + "-2", "b" + (b + 1)};
                        if (keep) {
                            // the writer holds references: the caller may drop its vector and use a new one
                            dict.close();
                            dict = untrackedStrings(allocator, next);
                            p.put(new Dictionary(dict, encoding));
                        } else {
                            // the writer copied what it keeps: the caller may overwrite its vector in place
                            for (int e = 0; e < 4; e++) {
                                if (next[e] == null) {
                                    dict.setNull(e);
                                } else {
                                    ((VariableWidthFieldVector) dict).setSafe(e, next[e].getBytes(StandardCharsets.UTF_8));
                                }
                            }
                            dict.setValueCount(4);
                        }
                        batch.getVector(0).clear();
                    }
                }
                DictionaryHarness.assertFileContains(file, schema, expected, allocator, 997);
            } finally {
                dict.close();
                expected.forEach(VectorSchemaRoot::close);
            }
        }
    }
}
