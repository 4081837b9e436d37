package dev.jlance.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jlance.file.ColumnSummary;
import dev.jlance.file.WriteOptions;
import dev.jlance.file.WriteSummary;
import dev.jlance.format.pb.Encodings21.CompressiveEncoding;
import dev.jlance.format.pb.Encodings21.MiniBlockLayout;
import dev.jlance.format.pb.Encodings21.PageLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.junit.jupiter.params.provider.Arguments;

/**
 * Inputs and checks shared by the tests of Arrow dictionary-encoded input: dictionaries of any value
 * type, batches of keys, and a write-then-read-back through the official reader that compares
 * decoded values ({@link DictionaryHarness}).
 */
abstract class ArrowDictionaryTestBase extends ConformanceTestBase {

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

    static Stream<Arguments> valueTypes() {
        return Stream.of(new ArrowType.Int(8, true), new ArrowType.Int(16, false), new ArrowType.Int(32, true),
                new ArrowType.Int(64, false), new ArrowType.FloatingPoint(FloatingPointPrecision.HALF),
                new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE),
                new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), ArrowType.Bool.INSTANCE,
                ArrowType.Utf8.INSTANCE, ArrowType.LargeUtf8.INSTANCE, ArrowType.Binary.INSTANCE,
                ArrowType.LargeBinary.INSTANCE).map(Arguments::of);
    }
}
