package dev.jlance.arrow;

import dev.jlance.memory.BitRanges;
import dev.jlance.memory.Layouts;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.schema.PhysicalType;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies chosen rows of a leaf into one contiguous leaf: used when only some rows of an Arrow
 * array belong to a page (the visible items under a list, say). Every part of a row travels
 * with it: its validity, its value bytes (or bits, or offsets and bytes) and, for a fixed-size
 * list, all of its items and their validity at every layer.
 */
public final class ArrowLeafRows {

    private ArrowLeafRows() {
    }

    /** Rows {@code [start, start + count)} of {@code leaf}, copied into {@code arena}. */
    public static ArrowLeaf slice(ArrowLeaf leaf, long start, long count, OffHeapArena arena) {
        return gather(leaf, new long[] {start}, new long[] {count}, arena);
    }

    /**
     * The rows of {@code leaf} in the ranges {@code [starts[i], starts[i] + counts[i])}, in the
     * given order, copied into {@code arena}. The result has no dictionary and retains nothing;
     * its validity (rows and item layers) is present exactly where a copied slot is null.
     *
     * @throws IllegalArgumentException for a range outside the leaf, or a dictionary leaf
     */
    public static ArrowLeaf gather(ArrowLeaf leaf, long[] starts, long[] counts, OffHeapArena arena) {
        if (starts.length != counts.length) {
            throw new IllegalArgumentException(starts.length + " starts but " + counts.length + " counts");
        }
        if (leaf.dictionary() != null) {
            throw new IllegalArgumentException("gather the keys and keep the dictionary: a dictionary leaf is not copied"
                    + " row by row");
        }
        long rows = 0;
        for (int r = 0; r < starts.length; r++) {
            if (starts[r] < 0 || counts[r] < 0 || starts[r] + counts[r] > leaf.numValues()) {
                throw new IllegalArgumentException("rows [" + starts[r] + ", " + (starts[r] + counts[r])
                        + ") are outside a leaf of " + leaf.numValues() + " rows");
            }
            rows += counts[r];
        }
        PhysicalType type = leaf.type();
        if (type.kind() == PhysicalType.Kind.NULL) {
            return new ArrowLeaf(type, rows, rows, null, null, null, List.of());
        }
        Bits rowValidity = validity(leaf.validity(), 1, starts, counts, rows, arena);
        return switch (type.kind()) {
            case BOOLEAN -> new ArrowLeaf(type, rows, rowValidity.nulls, rowValidity.bitmap,
                    bits(leaf.values(), 1, starts, counts, rows, arena), null, List.of());
            case FIXED -> new ArrowLeaf(type, rows, rowValidity.nulls, rowValidity.bitmap,
                    bytes(leaf.values(), type.bitsPerValue() / 8, starts, counts, rows, arena), null, List.of());
            case VARIABLE -> variable(leaf, rowValidity, starts, counts, rows, arena);
            case FIXED_SIZE_LIST -> fixedSizeList(leaf, rowValidity, starts, counts, rows, arena);
            case NULL, STRUCT, LIST -> throw new IllegalArgumentException(type + " has no rows of its own to copy");
        };
    }

    private static ArrowLeaf fixedSizeList(ArrowLeaf leaf, Bits rowValidity, long[] starts, long[] counts, long rows,
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
            Bits b = validity(layer.bitmap(), perRow, starts, counts, rows * perRow, arena);
            items.add(b.nulls == 0 ? ItemValidity.NO_NULLS : new ItemValidity(b.bitmap, b.nulls));
        }
        PhysicalType innermost = type.innermost();
        MemorySegment values = innermost.kind() == PhysicalType.Kind.BOOLEAN
                ? bits(leaf.values(), perRow, starts, counts, rows * perRow, arena)
                : bytes(leaf.values(), Math.multiplyExact(perRow, innermost.bitsPerValue() / 8), starts, counts, rows,
                        arena);
        return new ArrowLeaf(type, rows, rowValidity.nulls, rowValidity.bitmap, values, null, List.of(), null, items);
    }

    private static ArrowLeaf variable(ArrowLeaf leaf, Bits rowValidity, long[] starts, long[] counts, long rows,
            OffHeapArena arena) {
        int w = leaf.type().bitsPerValue() / 8;
        long dataBytes = 0;
        for (int r = 0; r < starts.length; r++) {
            dataBytes += leaf.offset(starts[r] + counts[r]) - leaf.offset(starts[r]);
        }
        if (w == 4 && dataBytes > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(dataBytes + " bytes of values do not fit 32-bit offsets");
        }
        MemorySegment offsets = arena.allocate((rows + 1) * w);
        MemorySegment data = arena.allocate(dataBytes);
        long at = 0;
        long row = 0;
        for (int r = 0; r < starts.length; r++) {
            long base = leaf.offset(starts[r]);
            for (long i = 0; i < counts[r]; i++) {
                putOffset(offsets, row++, at + leaf.offset(starts[r] + i) - base, w);
            }
            long len = leaf.offset(starts[r] + counts[r]) - base;
            MemorySegment.copy(leaf.values(), base, data, at, len);
            at += len;
        }
        putOffset(offsets, rows, at, w);
        return new ArrowLeaf(leaf.type(), rows, rowValidity.nulls, rowValidity.bitmap, data, offsets, List.of());
    }

    /** Copied validity and the nulls in it; the bitmap is null when there are none. */
    private record Bits(MemorySegment bitmap, long nulls) {
    }

    /** Validity of {@code perRow} slots per row for the chosen rows; dropped when nothing copied is null. */
    private static Bits validity(MemorySegment source, long perRow, long[] starts, long[] counts, long slots,
            OffHeapArena arena) {
        if (source == null) {
            return new Bits(null, 0);
        }
        MemorySegment out = bits(source, perRow, starts, counts, slots, arena);
        long nulls = BitRanges.countClear(out, 0, slots);
        return nulls == 0 ? new Bits(null, 0) : new Bits(out, nulls);
    }

    /** Bits of {@code perRow} slots per row for the chosen rows, in a fresh zero-padded bitmap. */
    private static MemorySegment bits(MemorySegment source, long perRow, long[] starts, long[] counts, long slots,
            OffHeapArena arena) {
        MemorySegment out = arena.allocate(ArrowLeaf.bitmapBytes(slots));
        long at = 0;
        for (int r = 0; r < starts.length; r++) {
            long n = counts[r] * perRow;
            BitRanges.copy(source, starts[r] * perRow, out, at, n);
            at += n;
        }
        return out;
    }

    private static MemorySegment bytes(MemorySegment source, long width, long[] starts, long[] counts, long rows,
            OffHeapArena arena) {
        MemorySegment out = arena.allocate(rows * width);
        long at = 0;
        for (int r = 0; r < starts.length; r++) {
            long n = counts[r] * width;
            MemorySegment.copy(source, starts[r] * width, out, at, n);
            at += n;
        }
        return out;
    }

    private static void putOffset(MemorySegment offsets, long index, long value, int w) {
        if (w == 4) {
            offsets.setAtIndex(Layouts.U32, index, (int) value);
        } else {
            offsets.setAtIndex(Layouts.U64, index, value);
        }
    }
}
