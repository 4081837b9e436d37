package dev.jlance.conformance;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.conformance.TestData.Nulls;
import dev.jlance.conformance.TestData.TypeCase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;

/**
 * Proves the harness itself against files written by the OFFICIAL Lance writer: it must accept an
 * official file holding exactly the expected data (for every type, with batches that do not line up
 * with the reader's), and it must reject - with a message naming column, row, expected and actual -
 * files that differ in a single bit, a single null, a row count, or a schema detail.
 */
class HarnessSelfCheckTest extends ConformanceTestBase {

    static List<TypeCase> types() {
        return TestData.flatTypes();
    }

    /** Every type, nullable and not, several uneven batches, read back in batches of 7 rows. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void acceptsOfficialFileWithSameData(TypeCase tc) throws Exception {
        for (boolean nullable : new boolean[] {true, false}) {
            if (!nullable && tc.isNullType()) {
                continue;
            }
            Schema schema = new Schema(List.of(TestData.field(tc, "c", nullable, Map.of("k", "v", "ключ", "值"))),
                    Map.of("skey", "sval"));
            List<VectorSchemaRoot> batches = new ArrayList<>();
            int[] sizes = {5, 40, 1, 123};
            for (int b = 0; b < sizes.length; b++) {
                batches.add(track(TestData.root(allocator, schema, List.of(tc), sizes[b], 10 + b, Nulls.RANDOM)));
            }
            Path file = newFile(tc.name() + "_" + nullable);
            OfficialReaderHarness.writeOfficial(file, schema, batches, allocator);
            OfficialReaderHarness.assertFileContains(file, schema, batches, allocator, 7);
            OfficialReaderHarness.assertFileContains(file, schema, batches, allocator, 1000);
        }
    }

    @Test
    void detectsNegativeZeroVsZero() throws Exception {
        AssertionFailedError e = mismatch(float8(0.0), float8(-0.0));
        assertMessage(e, "column 'f'", "row 1:", "-0.0", "0x8000000000000000", "0x0000000000000000");
    }

    @Test
    void detectsDoubleNanPayloadDifference() throws Exception {
        AssertionFailedError e = mismatch(float8Bits(0x7FF8000000000000L), float8Bits(0x7FF8000000000001L));
        assertMessage(e, "column 'f'", "row 1:", "0x7ff8000000000001", "0x7ff8000000000000");
    }

    @Test
    void detectsFloatNanPayloadAndSignDifferences() throws Exception {
        assertMessage(mismatch(float4Bits(0x7FC00000), float4Bits(0x7FC00001)), "row 1:", "0x7fc00001",
                "0x7fc00000");
        assertMessage(mismatch(float4Bits(0x7FC00000), float4Bits(0xFFC00000)), "row 1:", "0xffc00000");
        assertMessage(mismatch(float4Bits(0x00000000), float4Bits(0x80000000)), "row 1:", "-0.0");
    }

    @Test
    void detectsHalfFloatDifferences() throws Exception {
        assertMessage(mismatch(float2Bits(0x7E00), float2Bits(0x7E01)), "row 1:", "0x7e01", "0x7e00");
        assertMessage(mismatch(float2Bits(0x0000), float2Bits(0x8000)), "row 1:", "0x8000", "-0.0");
    }

    @Test
    void detectsNullVsValueAndEmptyStringVsNull() throws Exception {
        assertMessage(mismatch(ints(1, 2, null), ints(1, 2, 0)), "row 2:", "expected 0", "but was null");
        assertMessage(mismatch(strings("a", ""), strings("a", null)), "row 1:", "expected null", "\"\" (0 bytes)");
        assertMessage(mismatch(strings("a", "漢字"), strings("a", "漢子")), "row 1:", "漢字", "漢子");
    }

    @Test
    void detectsBinaryDifferenceInZeroBytes() throws Exception {
        Field f = new Field("b", FieldType.nullable(ArrowType.Binary.INSTANCE), null);
        Consumer<FieldVector> actual = v -> {
            var bv = (org.apache.arrow.vector.VarBinaryVector) v;
            bv.allocateNew();
            bv.setSafe(0, new byte[] {0, 0, 0});
            bv.setValueCount(1);
        };
        Consumer<FieldVector> expected = v -> {
            var bv = (org.apache.arrow.vector.VarBinaryVector) v;
            bv.allocateNew();
            bv.setSafe(0, new byte[] {0, 0});
            bv.setValueCount(1);
        };
        AssertionFailedError e = mismatch(f, actual, expected);
        assertMessage(e, "column 'b'", "row 0:", "0x0000 (2 bytes)", "0x000000 (3 bytes)");
    }

    @Test
    void detectsMismatchAcrossBatchBoundaries() throws Exception {
        // Written as one batch of 6; expected as batches 4 + 0 + 2 with the last value different.
        Schema schema = new Schema(List.of(intField()));
        VectorSchemaRoot written = track(root(schema, ints(1, 2, 3, 4, 5, 6)));
        Path file = newFile("boundaries");
        OfficialReaderHarness.writeOfficial(file, schema, List.of(written), allocator);
        List<VectorSchemaRoot> same = List.of(track(root(schema, ints(1, 2, 3, 4))), track(root(schema, ints())),
                track(root(schema, ints(5, 6))));
        OfficialReaderHarness.assertFileContains(file, schema, same, allocator, 3);
        List<VectorSchemaRoot> different = List.of(track(root(schema, ints(1, 2, 3, 4))),
                track(root(schema, ints())), track(root(schema, ints(5, 7))));
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> OfficialReaderHarness.assertFileContains(file, schema, different, allocator, 3));
        assertMessage(e, "column 'i'", "row 5:", "expected 7", "but was 6");
    }

    @Test
    void detectsRowCountDifference() throws Exception {
        Schema schema = new Schema(List.of(intField()));
        Path file = newFile("rows");
        OfficialReaderHarness.writeOfficial(file, schema, List.of(track(root(schema, ints(1, 2, 3)))), allocator);
        AssertionFailedError fewer = assertThrows(AssertionFailedError.class,
                () -> OfficialReaderHarness.assertFileContains(file, schema,
                        List.of(track(root(schema, ints(1, 2, 3, 4)))), allocator, 2));
        assertMessage(fewer, "numRows");
        AssertionFailedError more = assertThrows(AssertionFailedError.class,
                () -> OfficialReaderHarness.assertFileContains(file, schema,
                        List.of(track(root(schema, ints(1, 2)))), allocator, 2));
        assertMessage(more, "numRows");
    }

    @Test
    void detectsSchemaDifferences() throws Exception {
        Schema schema = new Schema(List.of(new Field("i", new FieldType(true, new ArrowType.Int(32, true), null,
                Map.of("k", "v")), null)), Map.of("skey", "sval"));
        Path file = newFile("schema");
        OfficialReaderHarness.writeOfficial(file, schema, List.of(track(root(schema, ints(1)))), allocator);
        OfficialReaderHarness.assertFileContains(file, schema, List.of(track(root(schema, ints(1)))), allocator, 2);

        Schema notNull = new Schema(List.of(new Field("i", new FieldType(false, new ArrowType.Int(32, true), null,
                Map.of("k", "v")), null)), Map.of("skey", "sval"));
        assertMessage(assertThrows(AssertionFailedError.class, () -> OfficialReaderHarness.assertFileContains(file,
                notNull, List.of(track(root(notNull, ints(1)))), allocator, 2)), "nullable: expected false");

        Schema otherMeta = new Schema(List.of(new Field("i", new FieldType(true, new ArrowType.Int(32, true), null,
                Map.of("k", "w")), null)), Map.of("skey", "sval"));
        assertMessage(assertThrows(AssertionFailedError.class, () -> OfficialReaderHarness.assertFileContains(file,
                otherMeta, List.of(track(root(otherMeta, ints(1)))), allocator, 2)), "metadata: expected {k=w}");

        Schema otherSchemaMeta = new Schema(schema.getFields(), Map.of("skey", "other"));
        assertMessage(assertThrows(AssertionFailedError.class, () -> OfficialReaderHarness.assertFileContains(file,
                otherSchemaMeta, List.of(track(root(otherSchemaMeta, ints(1)))), allocator, 2)),
                "schema metadata: expected {skey=other}");

        Schema otherType = new Schema(List.of(new Field("i", new FieldType(true, new ArrowType.Int(32, false), null,
                Map.of("k", "v")), null)), Map.of("skey", "sval"));
        VectorSchemaRoot uintRoot = track(VectorSchemaRoot.create(otherType, allocator));
        uintRoot.allocateNew();
        uintRoot.setRowCount(1);
        assertMessage(assertThrows(AssertionFailedError.class, () -> OfficialReaderHarness.assertFileContains(file,
                otherType, List.of(uintRoot), allocator, 2)), "type: expected Int(32, false) but was Int(32, true)");
    }

    @Test
    void sameDecodedContentAcceptsTwinsAndRejectsDifferences() throws Exception {
        TypeCase tc = TestData.byName("float64");
        Schema schema = new Schema(List.of(TestData.field(tc, "d", true)));
        VectorSchemaRoot data = track(TestData.root(allocator, schema, List.of(tc), 300, 5, Nulls.RANDOM));
        Path a = newFile("a");
        Path b = newFile("b");
        OfficialReaderHarness.writeOfficial(a, schema, List.of(data), allocator);
        OfficialReaderHarness.writeOfficial(b, schema, List.of(data), allocator);
        OfficialReaderHarness.assertSameDecodedContent(a, b, allocator);

        VectorSchemaRoot changed = track(TestData.root(allocator, schema, List.of(tc), 300, 5, Nulls.RANDOM));
        Float8Vector v = (Float8Vector) changed.getVector(0);
        int row = 1; // -0.0 in the specials
        v.getDataBuffer().setLong(row * 8L, 0L); // +0.0
        Path c = newFile("c");
        OfficialReaderHarness.writeOfficial(c, schema, List.of(changed), allocator);
        assertMessage(assertThrows(AssertionFailedError.class,
                () -> OfficialReaderHarness.assertSameDecodedContent(a, c, allocator)), "column 'd'", "row 1:",
                "0x8000000000000000");
    }

    /** The leak check the base class relies on: closing a RootAllocator with live buffers throws. */
    @Test
    void leakedArrowMemoryMakesAllocatorCloseThrow() {
        org.apache.arrow.memory.RootAllocator root = new org.apache.arrow.memory.RootAllocator();
        IntVector leaked = new IntVector("leak", root);
        leaked.allocateNew(10);
        IllegalStateException e = assertThrows(IllegalStateException.class, root::close);
        assertMessage(e, "leaked");
        // The allocator is now closed and refuses the release; the few bytes stay with the JVM.
    }

    // ------------------------------------------------------------------------------------------

    /** Writes {@code actual} with the official writer and asserts the harness rejects it against {@code expected}. */
    private AssertionFailedError mismatch(Field field, Consumer<FieldVector> actual, Consumer<FieldVector> expected)
            throws Exception {
        Schema schema = new Schema(List.of(field));
        VectorSchemaRoot written = track(VectorSchemaRoot.create(schema, allocator));
        actual.accept(written.getVector(0));
        written.setRowCount(written.getVector(0).getValueCount());
        VectorSchemaRoot wanted = track(VectorSchemaRoot.create(schema, allocator));
        expected.accept(wanted.getVector(0));
        wanted.setRowCount(wanted.getVector(0).getValueCount());
        Path file = newFile("mismatch" + System.nanoTime());
        OfficialReaderHarness.writeOfficial(file, schema, List.of(written), allocator);
        return assertThrows(AssertionFailedError.class,
                () -> OfficialReaderHarness.assertFileContains(file, schema, List.of(wanted), allocator, 1));
    }

    private record Col(Field field, Consumer<FieldVector> fill) {
    }

    private AssertionFailedError mismatch(Col actual, Col expected) throws Exception {
        return mismatch(actual.field(), actual.fill(), expected.fill());
    }

    private static void assertMessage(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "message lacks '" + p + "':\n" + e.getMessage());
        }
    }

    private static Field intField() {
        return new Field("i", FieldType.nullable(new ArrowType.Int(32, true)), null);
    }

    private VectorSchemaRoot root(Schema schema, Col col) {
        VectorSchemaRoot r = VectorSchemaRoot.create(schema, allocator);
        col.fill().accept(r.getVector(0));
        r.setRowCount(r.getVector(0).getValueCount());
        return r;
    }

    private static Col ints(Integer... values) {
        return new Col(intField(), v -> {
            IntVector iv = (IntVector) v;
            iv.allocateNew(values.length);
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    iv.setNull(i);
                } else {
                    iv.set(i, values[i]);
                }
            }
            iv.setValueCount(values.length);
        });
    }

    private static Col strings(String... values) {
        return new Col(new Field("s", FieldType.nullable(ArrowType.Utf8.INSTANCE), null), v -> {
            VarCharVector sv = (VarCharVector) v;
            sv.allocateNew();
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    sv.setNull(i);
                } else {
                    sv.setSafe(i, values[i].getBytes(StandardCharsets.UTF_8));
                }
            }
            sv.setValueCount(values.length);
        });
    }

    /** Two rows: 1.5 and the given double (bits preserved). */
    private static Col float8(double d) {
        return float8Bits(Double.doubleToRawLongBits(d));
    }

    private static Col float8Bits(long bits) {
        return new Col(new Field("f", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                null), v -> {
                    Float8Vector fv = (Float8Vector) v;
                    fv.allocateNew(2);
                    fv.set(0, 1.5);
                    fv.getDataBuffer().setLong(8, bits);
                    fv.setIndexDefined(1);
                    fv.setValueCount(2);
                });
    }

    private static Col float4Bits(int bits) {
        return new Col(new Field("f", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
                null), v -> {
                    Float4Vector fv = (Float4Vector) v;
                    fv.allocateNew(2);
                    fv.set(0, 1.5f);
                    fv.getDataBuffer().setInt(4, bits);
                    fv.setIndexDefined(1);
                    fv.setValueCount(2);
                });
    }

    private static Col float2Bits(int bits) {
        return new Col(new Field("f", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.HALF)),
                null), v -> {
                    Float2Vector fv = (Float2Vector) v;
                    fv.allocateNew(2);
                    fv.set(0, (short) 0x3C00);
                    fv.getDataBuffer().setShort(2, (short) bits);
                    fv.setIndexDefined(1);
                    fv.setValueCount(2);
                });
    }
}
