package dev.jlance.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.file.ColumnSummary;
import dev.jlance.file.WriteOptions;
import dev.jlance.file.WriteSummary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dictionary-encoded pages (values replaced by indices into the page's distinct values), read back
 * by the official reader: every variable-width type, with nulls, empty values, many pages, and the
 * size-ratio rule deciding when a dictionary is worth it.
 */
class DictionaryConformanceTest extends ConformanceTestBase {

    // long enough that indices (4-8 bytes) plus the dictionary beat the raw values even with nulls
    private static final String[] WORDS = {"category-of-item-apple", "category-of-item-banana", "", "category-of-item-cherry",
        "category-of-item-date", "elderberry-fig-grape-honeydew", "\u00e9t\u00e9 \u2603 \u00e9t\u00e9 \u2603 \u00e9t\u00e9", "x"};

    private VectorSchemaRoot strings(Schema schema, int rows, int distinct, double nullRate, long seed) {
        VectorSchemaRoot root = track(VectorSchemaRoot.create(schema, allocator));
        SplittableRandom rnd = new SplittableRandom(seed);
        for (FieldVector v : root.getFieldVectors()) {
            VariableWidthFieldVector vv = (VariableWidthFieldVector) v;
            vv.allocateNew(rows);
            for (int i = 0; i < rows; i++) {
                if (rnd.nextDouble() < nullRate) {
                    vv.setNull(i);
                } else {
                    int k = rnd.nextInt(distinct);
                    String s = k < WORDS.length ? WORDS[k] : "value-" + k;
                    vv.setSafe(i, s.getBytes(StandardCharsets.UTF_8));
                }
            }
            vv.setValueCount(rows);
        }
        root.setRowCount(rows);
        return root;
    }

    private static Schema schemaOf(ArrowType type, boolean nullable, Map<String, String> metadata) {
        return new Schema(List.of(new Field("s", new FieldType(nullable, type, null, metadata), null)));
    }

    private ColumnSummary writeVerify(Schema schema, List<VectorSchemaRoot> batches, WriteOptions options)
            throws Exception {
        WriteSummary summary = OfficialReaderHarness.writeAndVerify(newFile("dict"), schema, batches, options, allocator);
        return summary.columns().get(0);
    }

    private static boolean dictionaryUsed(ColumnSummary col) {
        return col.encodings().stream().anyMatch(e -> e.startsWith("dictionary("));
    }

    @ParameterizedTest
    @ValueSource(strings = {"utf8", "large_utf8", "binary", "large_binary"})
    void lowCardinalityValuesGetADictionary(String typeName) throws Exception {
        ArrowType type = switch (typeName) {
            case "utf8" -> ArrowType.Utf8.INSTANCE;
            case "large_utf8" -> ArrowType.LargeUtf8.INSTANCE;
            case "binary" -> ArrowType.Binary.INSTANCE;
            default -> ArrowType.LargeBinary.INSTANCE;
        };
        for (boolean nullable : new boolean[] {false, true}) {
            Schema schema = schemaOf(type, nullable, Map.of());
            List<VectorSchemaRoot> batches = List.of(strings(schema, 5000, 8, nullable ? 0.2 : 0, 1),
                    strings(schema, 1, 8, 0, 2), strings(schema, 3333, 5, nullable ? 0.5 : 0, 3));
            ColumnSummary col = writeVerify(schema, batches, WriteOptions.defaults());
            assertTrue(dictionaryUsed(col), () -> typeName + " nullable=" + nullable + " encodings " + col.encodings());
        }
    }

    @Test
    void everyPageOfAManyPageColumnGetsItsOwnDictionary() throws Exception {
        Schema schema = schemaOf(ArrowType.Utf8.INSTANCE, true, Map.of());
        List<VectorSchemaRoot> batches = new ArrayList<>();
        for (int b = 0; b < 30; b++) {
            batches.add(strings(schema, 700 + 37 * b, 3 + b % 7, 0.1, 100 + b));
        }
        ColumnSummary col = writeVerify(schema, batches, WriteOptions.builder().cacheBytesPerColumn(8192).build());
        assertTrue(col.pages() > 5, () -> "pages " + col.pages());
        assertTrue(dictionaryUsed(col), () -> "encodings " + col.encodings());
    }

    @Test
    void highCardinalityValuesStayPlain() throws Exception {
        Schema schema = schemaOf(ArrowType.Utf8.INSTANCE, false, Map.of());
        ColumnSummary col = writeVerify(schema, List.of(strings(schema, 4000, 1_000_000, 0, 7)),
                WriteOptions.defaults());
        assertFalse(dictionaryUsed(col), () -> "encodings " + col.encodings());
    }

    @Test
    void fewerThanOneHundredValuesNeverGetADictionary() throws Exception {
        Schema schema = schemaOf(ArrowType.Utf8.INSTANCE, false, Map.of());
        ColumnSummary col = writeVerify(schema, List.of(strings(schema, 99, 2, 0, 7)), WriteOptions.defaults());
        assertFalse(dictionaryUsed(col), () -> "encodings " + col.encodings());
        ColumnSummary hundred = writeVerify(schema, List.of(strings(schema, 100, 2, 0, 7)), WriteOptions.defaults());
        assertTrue(dictionaryUsed(hundred), () -> "encodings " + hundred.encodings());
    }

    @Test
    void sizeRatioMetadataRaisesOrLowersTheBar() throws Exception {
        // 2000 values, 1000 distinct 10-byte strings: dictionary 10000 + 4*1001, indices 4*2000,
        // against 20000 bytes + 4*2001 offsets: ratio 0.786
        Map<String, String> strict = Map.of("lance-encoding:dict-size-ratio", "0.78");
        Map<String, String> loose = Map.of("lance-encoding:dict-size-ratio", "0.79");
        for (var md : List.of(strict, loose)) {
            Schema schema = schemaOf(ArrowType.Utf8.INSTANCE, false, md);
            VectorSchemaRoot root = track(VectorSchemaRoot.create(schema, allocator));
            var v = (VariableWidthFieldVector) root.getVector(0);
            v.allocateNew(2000);
            SplittableRandom rnd = new SplittableRandom(5);
            for (int i = 0; i < 2000; i++) {
                v.setSafe(i, String.format("v%09d", i < 1000 ? i : rnd.nextInt(1000)).getBytes(StandardCharsets.UTF_8));
            }
            v.setValueCount(2000);
            root.setRowCount(2000);
            ColumnSummary col = writeVerify(schema, List.of(root), WriteOptions.defaults());
            assertEquals(md == loose, dictionaryUsed(col), () -> md + " encodings " + col.encodings());
        }
    }

    @Test
    void slicedInputKeepsItsDictionaryValues() throws Exception {
        Schema schema = schemaOf(ArrowType.Utf8.INSTANCE, true, Map.of());
        VectorSchemaRoot full = strings(schema, 3000, 6, 0.3, 11);
        VectorSchemaRoot sliced = track(OfficialReaderHarness.slice(full, 333, 2001, allocator));
        ColumnSummary col = writeVerify(schema, List.of(sliced), WriteOptions.defaults());
        assertTrue(dictionaryUsed(col), () -> "encodings " + col.encodings());
    }

    @Test
    void decimalsAreWrittenExactlyWhateverTheDictionaryDecision() throws Exception {
        Schema schema = new Schema(List.of(new Field("d", FieldType.nullable(new ArrowType.Decimal(38, 4, 128)), null)));
        VectorSchemaRoot root = track(VectorSchemaRoot.create(schema, allocator));
        DecimalVector v = (DecimalVector) root.getVector(0);
        v.allocateNew(4000);
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 4000; i++) {
            if (i % 17 == 0) {
                v.setNull(i);
            } else {
                v.set(i, (rnd.nextInt(5) - 2) * 1_000_000_007L);
            }
        }
        v.setValueCount(4000);
        root.setRowCount(4000);
        writeVerify(schema, List.of(root), WriteOptions.defaults());
    }
}
