package dev.jlance.repdef;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.arrow.ArrowLeaf;
import dev.jlance.schema.PhysicalType;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.Test;

/**
 * A leaf's nulls read from its validity bitmap give the levels the slot-by-slot predicate gives:
 * lists of nullable floats with null, empty and long lists, at null rates from none to all.
 */
class LeafValidityShredTest {

    @Test
    void bitmapAndPredicateShredAlike() {
        SplittableRandom random = new SplittableRandom(20261122);
        try (BufferAllocator allocator = new RootAllocator()) {
            for (double nullRate : new double[] {0, 0.01, 0.3, 1}) {
                for (int rows : new int[] {1, 7, 1000, 4099}) {
                    try (ListVector list = ListVector.empty("readings", allocator)) {
                        fill(list, rows, nullRate, random);
                        Float4Vector leaf = (Float4Vector) list.getDataVector();
                        ArrowLeaf view = ArrowLeaf.borrow(leaf, PhysicalType.fixedBytes(4));
                        String what = rows + " rows, null rate " + nullRate;
                        Snapshot byPredicate = shred(list, rows, leaf, view, false);
                        Snapshot byBitmap = shred(list, rows, leaf, view, true);
                        byPredicate.assertSame(byBitmap, what);
                        if (nullRate == 1) {
                            assertEquals(0, byBitmap.numValid, what);
                        }
                        if (nullRate > 0 && rows >= 1000) {
                            assertTrue(byBitmap.numValid < byBitmap.numVisible, what);
                        }
                    }
                }
            }
        }
    }

    /** Null lists (1 in 10), empty ones (1 in 10), else 1 to 40 items, each null at {@code nullRate}. */
    private static void fill(ListVector list, int rows, double nullRate, SplittableRandom random) {
        // the item vector exists even when no row has an item
        list.addOrGetVector(FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)));
        UnionListWriter writer = list.getWriter();
        for (int r = 0; r < rows; r++) {
            writer.setPosition(r);
            int kind = random.nextInt(10);
            if (kind == 0) {
                writer.writeNull();
                continue;
            }
            writer.startList();
            int items = kind == 1 ? 0 : 1 + random.nextInt(40);
            for (int i = 0; i < items; i++) {
                if (random.nextDouble() < nullRate) {
                    writer.float4().writeNull();
                } else {
                    writer.float4().writeFloat4(random.nextFloat());
                }
            }
            writer.endList();
        }
        writer.setValueCount(rows);
    }

    /** Shreds by the view (its bitmap) or by its predicate; copies the result out of the scratch. */
    private static Snapshot shred(ListVector list, int rows, Float4Vector leaf, ArrowLeaf view, boolean byView) {
        NestingPath path = NestingPath.top().withList(list, "readings");
        try {
            ShreddedLevels s = byView
                    ? LevelShredder.shred(path, rows, leaf, view, "readings.item")
                    : LevelShredder.shred(path, rows, leaf, view::isNull, view.nullCount() > 0, "readings.item");
            return new Snapshot(bytes(s.rep()), bytes(s.codes()), s.numLevels(), s.visibleRanges().clone(),
                    s.numVisible(), s.numValid(), s.hasNull().clone());
        } finally {
            path.release();
        }
    }

    private static byte[] bytes(MemorySegment segment) {
        return segment == null ? null : segment.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }

    private record Snapshot(byte[] rep, byte[] codes, int numLevels, int[] ranges, int numVisible, int numValid,
            boolean[] hasNull) {
        void assertSame(Snapshot other, String what) {
            assertArrayEquals(rep, other.rep, what + ": repetition levels");
            assertArrayEquals(codes, other.codes, what + ": codes");
            assertEquals(numLevels, other.numLevels, what);
            assertArrayEquals(ranges, other.ranges, what);
            assertEquals(numVisible, other.numVisible, what);
            assertEquals(numValid, other.numValid, what);
            assertArrayEquals(hasNull, other.hasNull, what);
        }
    }
}
