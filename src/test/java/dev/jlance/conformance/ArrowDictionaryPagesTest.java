package dev.jlance.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.file.ColumnSummary;
import dev.jlance.file.WriteOptions;
import dev.jlance.file.WriteSummary;
import dev.jlance.format.pb.Encodings21.MiniBlockLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
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
 * Arrow dictionary-encoded input across batches and pages: sliced inputs, dictionaries that change
 * from batch to batch and merge into one page dictionary, pages ended early for narrow keys, and
 * callers that reuse their dictionaries as soon as {@code write} returns.
 */
class ArrowDictionaryPagesTest extends ArrowDictionaryTestBase {

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

    @Test
    void booleanDictionariesShrinkToTheirTwoValuesSoPagesReadTogether() throws Exception {
        // 100-entry boolean dictionaries behind int8 keys: kept whole, three pages would need 300
        // entries in a read spanning them, and official 7.0.0's reader aborts (it cannot merge
        // boolean dictionaries). Reduced to false/true they share one page, and any read works.
        ArrowType.Int keyType = new ArrowType.Int(8, true);
        Schema schema = dictSchema(keyType);
        List<VectorSchemaRoot> batches = new ArrayList<>();
        List<MapDictionaryProvider> providers = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            Integer[] seeds = new Integer[100];
            for (int e = 0; e < seeds.length; e++) {
                seeds[e] = e % 17 == 3 ? null : (e * 7 + b) % 3 == 0 ? 1 : 0;
            }
            providers.add(provider(DICT_ID, keyType, values(ArrowType.Bool.INSTANCE, seeds)));
            batches.add(randomKeys(schema, 300, 100, 0.1, b));
        }
        for (int readBatch : new int[] {7, 100_000}) {
            verify(schema, batches, providers, WriteOptions.defaults(), readBatch);
        }
        for (MiniBlockLayout m : miniBlocks(0)) {
            assertTrue(m.getNumDictionaryItems() <= 2, () -> "dictionary items " + m.getNumDictionaryItems());
        }
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
