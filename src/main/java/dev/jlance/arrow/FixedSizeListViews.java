package dev.jlance.arrow;

import dev.jlance.memory.BitRanges;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.schema.PhysicalType;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;

/**
 * Zero-copy views of Arrow {@link FixedSizeListVector}s: the rows' validity, each nested layer's
 * validity (only where a slot in the rows' range is null) and the innermost items' values.
 */
final class FixedSizeListViews {

    private FixedSizeListViews() {
    }

    static ArrowLeaf borrow(FieldVector vector, PhysicalType type, int n, long nulls, MemorySegment validity) {
        List<ItemValidity> items = new ArrayList<>();
        FieldVector current = vector;
        PhysicalType layer = type;
        long slots = n;
        while (layer.kind() == PhysicalType.Kind.FIXED_SIZE_LIST) {
            if (!(current instanceof FixedSizeListVector list) || list.getListSize() != layer.dimension()) {
                throw new IllegalArgumentException("vector '" + vector.getName() + "' is not a fixed-size list of "
                        + layer.dimension() + " items per row as its field says: " + current.getField());
            }
            FieldVector child = list.getDataVector();
            slots = Math.multiplyExact(slots, layer.dimension());
            if (child.getValueCount() < slots) {
                throw new IllegalArgumentException("fixed-size list vector '" + vector.getName() + "' has " + n
                        + " rows of " + type.itemsPerRow() + " items but its item vector holds only "
                        + child.getValueCount() + " values at depth " + (items.size() + 1));
            }
            items.add(validityOf(child, slots));
            current = child;
            layer = layer.item();
        }
        PhysicalType innermost = layer;
        long valueBytes = innermost.kind() == PhysicalType.Kind.BOOLEAN ? ArrowLeaf.bitmapBytes(slots)
                : Math.multiplyExact(slots, innermost.bitsPerValue() / 8);
        MemorySegment values = ArrowSegments.view(current.getDataBuffer(), valueBytes);
        return new ArrowLeaf(type, n, nulls, validity, values, null, List.of(), null, items);
    }

    /**
     * Rows {@code [start, start + n)} of a fixed-size-list leaf, with the rows' validity already
     * cut: items are views (boolean items and item validity that do not start on a byte boundary
     * are copied into {@code arena}); layers left without a null drop their bitmap.
     */
    static ArrowLeaf rows(ArrowLeaf leaf, long start, long n, MemorySegment rowValidity, long rowNulls,
            OffHeapArena arena) {
        PhysicalType type = leaf.type();
        List<ItemValidity> items = new ArrayList<>();
        long perRow = 1;
        List<Integer> dims = type.dimensions();
        for (int k = 0; k < dims.size(); k++) {
            perRow *= dims.get(k);
            ItemValidity layer = leaf.items().get(k);
            if (!layer.hasNulls()) {
                items.add(ItemValidity.NO_NULLS);
                continue;
            }
            MemorySegment sub = ArrowLeaf.bits(layer.bitmap(), start * perRow, n * perRow, arena);
            long nulls = BitRanges.countClear(sub, 0, n * perRow);
            items.add(nulls == 0 ? ItemValidity.NO_NULLS : new ItemValidity(sub, nulls));
        }
        PhysicalType innermost = type.innermost();
        MemorySegment values = innermost.kind() == PhysicalType.Kind.BOOLEAN
                ? ArrowLeaf.bits(leaf.values(), start * perRow, n * perRow, arena)
                : leaf.values().asSlice(start * perRow * (innermost.bitsPerValue() / 8),
                        n * perRow * (innermost.bitsPerValue() / 8));
        return new ArrowLeaf(type, n, rowNulls, rowValidity, values, null, List.of(), leaf.dictionary(), items);
    }

    /**
     * The validity of the first {@code slots} values of {@code child}. Nulls are counted in that
     * range only: an item vector may hold more values than its lists address.
     */
    private static ItemValidity validityOf(FieldVector child, long slots) {
        if (slots == 0 || child.getNullCount() == 0) {
            return ItemValidity.NO_NULLS;
        }
        MemorySegment bitmap = ArrowSegments.view(child.getValidityBuffer(), ArrowLeaf.bitmapBytes(slots));
        long nulls = child.getValueCount() == slots ? child.getNullCount() : BitRanges.countClear(bitmap, 0, slots);
        return nulls == 0 ? ItemValidity.NO_NULLS : new ItemValidity(bitmap, nulls);
    }
}
