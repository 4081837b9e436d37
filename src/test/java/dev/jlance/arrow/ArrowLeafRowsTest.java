package dev.jlance.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.memory.BitRanges;
import dev.jlance.memory.Layouts;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.schema.LanceSchema;
import dev.jlance.schema.PhysicalType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Zero-copy views of fixed-size lists and gathering rows of any leaf into one contiguous leaf. */
class ArrowLeafRowsTest {

    private BufferAllocator allocator;
    private OffHeapArena arena;

    @BeforeEach
    void open() {
        allocator = new RootAllocator();
        arena = OffHeapArena.open("ArrowLeafRowsTest");
    }

    @AfterEach
    void close() {
        arena.close();
        allocator.close();
    }

    /** {@code fsl<fsl<int16, 2>, 3>}: row r, list j, item k holds {@code 100 r + 10 j + k}; nulls by pattern. */
    private FixedSizeListVector nested(int rows) {
        Field inner = new Field("item", FieldType.nullable(new ArrowType.FixedSizeList(2)),
                List.of(new Field("item", FieldType.nullable(new ArrowType.Int(16, true)), null)));
        Field field = new Field("v", FieldType.nullable(new ArrowType.FixedSizeList(3)), List.of(inner));
        FixedSizeListVector v = (FixedSizeListVector) field.createVector(allocator);
        v.setInitialCapacity(rows);
        v.allocateNew();
        FixedSizeListVector mid = (FixedSizeListVector) v.getDataVector();
        SmallIntVector items = (SmallIntVector) mid.getDataVector();
        for (int r = 0; r < rows; r++) {
            if (r % 4 == 1) {
                v.setNull(r);
            } else {
                v.setNotNull(r);
            }
            for (int j = 0; j < 3; j++) {
                int m = 3 * r + j;
                if (m % 5 == 2) {
                    mid.setNull(m);
                } else {
                    mid.setNotNull(m);
                }
                for (int k = 0; k < 2; k++) {
                    int i = 2 * m + k;
                    if (i % 7 == 3) {
                        items.setNull(i);
                    } else {
                        items.setSafe(i, 100 * r + 10 * j + k);
                    }
                }
            }
        }
        v.setValueCount(rows);
        return v;
    }

    private static PhysicalType typeOf(FixedSizeListVector v) {
        return LanceSchema.of(new Schema(List.of(v.getField()))).fields().getFirst().storage();
    }

    @Test
    void borrowSeesEveryLayer() {
        try (FixedSizeListVector v = nested(10)) {
            ArrowLeaf leaf = ArrowLeaf.borrow(v, typeOf(v));
            assertEquals(10, leaf.numValues());
            assertEquals(v.getNullCount(), leaf.nullCount());
            assertEquals(2, leaf.items().size());
            assertEquals(v.getDataVector().getNullCount(), leaf.items().get(0).nullCount());
            assertEquals(((FixedSizeListVector) v.getDataVector()).getDataVector().getNullCount(),
                    leaf.items().get(1).nullCount());
            assertEquals(60 * 2, leaf.values().byteSize());
            assertEquals(v.getValidityBuffer().memoryAddress(), leaf.validity().address(), "zero-copy rows");
            long expectedBytes = 2 + 4 + 8 + 120; // rows, lists and items validity, items
            assertEquals(expectedBytes, leaf.arrowBytes());
            ArrowLeaf copy = leaf.copyInto(arena);
            assertTrue(copy.sameBuffers(leaf));
        }
    }

    @Test
    void layersWithoutNullsHaveNoBitmap() {
        Field field = new Field("v", FieldType.notNullable(new ArrowType.FixedSizeList(2)),
                List.of(new Field("item", FieldType.nullable(ArrowType.Bool.INSTANCE), null)));
        try (FixedSizeListVector v = (FixedSizeListVector) field.createVector(allocator)) {
            v.allocateNew();
            BitVector items = (BitVector) v.getDataVector();
            for (int i = 0; i < 6; i++) {
                v.setNotNull(i / 2);
                items.setSafe(i, i % 2);
            }
            v.setValueCount(3);
            ArrowLeaf leaf = ArrowLeaf.borrow(v, typeOf(v));
            assertNull(leaf.validity());
            assertFalse(leaf.items().getFirst().hasNulls());
            assertEquals(1, leaf.values().byteSize());
        }
    }

    @Test
    void gatherCopiesWholeRows() {
        try (FixedSizeListVector v = nested(12)) {
            ArrowLeaf leaf = ArrowLeaf.borrow(v, typeOf(v));
            long[] starts = {1, 5, 0, 7, 11};
            long[] counts = {2, 0, 1, 3, 1};
            ArrowLeaf g = ArrowLeafRows.gather(leaf, starts, counts, arena);
            List<Integer> rows = new ArrayList<>();
            for (int r = 0; r < starts.length; r++) {
                for (int i = 0; i < counts[r]; i++) {
                    rows.add((int) starts[r] + i);
                }
            }
            assertEquals(rows.size(), g.numValues());
            FixedSizeListVector mid = (FixedSizeListVector) v.getDataVector();
            SmallIntVector items = (SmallIntVector) mid.getDataVector();
            long rowNulls = 0;
            for (int out = 0; out < rows.size(); out++) {
                int r = rows.get(out);
                rowNulls += v.isNull(r) ? 1 : 0;
                assertEquals(!v.isNull(r), g.validity() == null || BitRanges.get(g.validity(), out), "row " + r);
                for (int j = 0; j < 3; j++) {
                    int m = 3 * r + j;
                    assertEquals(!mid.isNull(m), BitRanges.get(g.items().get(0).bitmap(), 3L * out + j), "list " + m);
                    for (int k = 0; k < 2; k++) {
                        int i = 2 * m + k;
                        long at = 6L * out + 2 * j + k;
                        assertEquals(!items.isNull(i), BitRanges.get(g.items().get(1).bitmap(), at), "item " + i);
                        assertEquals(items.getDataBuffer().getShort(2L * i), g.values().getAtIndex(Layouts.U16, at),
                                "value under item " + i + " travels with it");
                    }
                }
            }
            assertEquals(rowNulls, g.nullCount());
            assertEquals(BitRanges.countClear(g.items().get(1).bitmap(), 0, 6 * g.numValues()),
                    g.items().get(1).nullCount());
            // gathered rows without a null drop their validity
            ArrowLeaf clean = ArrowLeafRows.slice(leaf, 0, 1, arena);
            assertNull(clean.validity());
            assertEquals(1, clean.numValues());
        }
    }

    @Test
    void gatherOtherKinds() {
        try (VarCharVector s = new VarCharVector("s", allocator); BitVector b = new BitVector("b", allocator)) {
            String[] values = {"a", "", null, "hello", "xyz", null, "q"};
            s.allocateNew();
            b.allocateNew();
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    s.setNull(i);
                    b.setNull(i);
                } else {
                    s.setSafe(i, values[i].getBytes(StandardCharsets.UTF_8));
                    b.setSafe(i, values[i].length() % 2);
                }
            }
            s.setValueCount(values.length);
            b.setValueCount(values.length);
            ArrowLeaf g = ArrowLeafRows.gather(ArrowLeaf.borrow(s, PhysicalType.variable(32)), new long[] {3, 0},
                    new long[] {3, 2}, arena);
            String[] expected = {"hello", "xyz", null, "a", ""};
            assertEquals(5, g.numValues());
            assertEquals(1, g.nullCount());
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i] != null, BitRanges.get(g.validity(), i));
                if (expected[i] != null) {
                    long len = g.offset(i + 1) - g.offset(i);
                    assertEquals(expected[i], new String(g.values().asSlice(g.offset(i), len).toArray(Layouts.U8),
                            StandardCharsets.UTF_8));
                }
            }
            ArrowLeaf bits = ArrowLeafRows.gather(ArrowLeaf.borrow(b, PhysicalType.BOOLEAN), new long[] {4},
                    new long[] {3}, arena);
            assertEquals(1, bits.nullCount());
            assertTrue(BitRanges.get(bits.values(), 0)); // "xyz" has odd length
            assertTrue(BitRanges.get(bits.values(), 2)); // "q"
        }
    }

    @Test
    void rangesOutsideTheLeafAreRefused() {
        try (FixedSizeListVector v = nested(4)) {
            ArrowLeaf leaf = ArrowLeaf.borrow(v, typeOf(v));
            assertThrows(IllegalArgumentException.class, () -> ArrowLeafRows.slice(leaf, 3, 2, arena));
            assertThrows(IllegalArgumentException.class, () -> ArrowLeafRows.slice(leaf, -1, 1, arena));
            assertThrows(IllegalArgumentException.class,
                    () -> ArrowLeafRows.gather(leaf, new long[] {0}, new long[] {1, 2}, arena));
        }
    }
}
