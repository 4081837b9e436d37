package dev.jlance.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.file.ColumnSummary;
import dev.jlance.file.WriteOptions;
import dev.jlance.format.pb.Encodings21.MiniBlockLayout;
import dev.jlance.format.pb.Encodings21.PageLayout;
import dev.jlance.format.pb.FileProtos;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.dictionary.DictionaryProvider.MapDictionaryProvider;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Arrow dictionary-encoded input (keys in the batch, values in a {@code DictionaryProvider}),
 * written as official Lance writes it — a mini-block page of the keys with the page's dictionary —
 * and read back by the official reader, compared value by value after decoding both sides.
 */
class ArrowDictionaryInputTest extends ArrowDictionaryTestBase {

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

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueTypes")
    void aDictionaryWithoutANullEntryWorksForOneRowAndForMany(ArrowType valueType) throws Exception {
        // found by the randomized suite: fixed-width values, no null entry, a single row, uint8 keys
        ArrowType.Int keyType = new ArrowType.Int(8, false);
        Schema schema = dictSchema(keyType);
        boolean bool = valueType instanceof ArrowType.Bool;
        FieldVector dict = bool ? values(valueType, 1, 0) : values(valueType, 5, 1, 2);
        var p = provider(DICT_ID, keyType, dict);
        verify(schema, List.of(keys(schema, 1L)), List.of(p), WriteOptions.defaults());
        verify(schema, List.of(keys(schema, 0L), keys(schema, 1L, null), randomKeys(schema, 700, dict.getValueCount(),
                0, 4)), List.of(p, p, p), WriteOptions.defaults());
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
    // Flags and the harness itself
    // ---------------------------------------------------------------------------------------

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
}
