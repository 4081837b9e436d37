package dev.jlance.encoder;

import dev.jlance.arrow.ArrowLeaf;
import dev.jlance.arrow.ItemValidity;
import dev.jlance.data.DataBlock;
import dev.jlance.data.FixedSizeListBlock;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.data.NullableBlock;
import dev.jlance.memory.BitRanges;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.schema.PhysicalType;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Joins the fixed-size-list arrays of a page into one block, as official Lance sees them: a
 * {@link FixedSizeListBlock} per layer, outer first, whose child is wrapped in a
 * {@link NullableBlock} when some slot of that layer is null anywhere in the page, down to the
 * innermost items' {@link FixedWidthBlock}. The rows' own validity is not here: it is the leaf's
 * definition level.
 *
 * <p>Validity bitmaps are always copied, into fresh bitmaps whose bits past the page's last slot
 * are clear (official Lance rebuilds them the same way, and its chunks can carry those bits).
 * Fixed-width items of a single array are used in place; boolean items are copied for the same
 * reason as validity.
 */
final class FixedSizeListAssembler {

    private FixedSizeListAssembler() {
    }

    static DataBlock values(PhysicalType type, List<ArrowLeaf> pieces, long rows, OffHeapArena arena) {
        List<Integer> dims = type.dimensions();
        PhysicalType innermost = type.innermost();
        long items = rows * type.itemsPerRow();
        DataBlock block = innermost.kind() == PhysicalType.Kind.BOOLEAN
                ? new FixedWidthBlock(new LanceBuffer(concatBits(pieces, type.itemsPerRow(), items, arena)), 1, items)
                : new FixedWidthBlock(new LanceBuffer(concatBytes(pieces, items * (innermost.bitsPerValue() / 8), arena)),
                        innermost.bitsPerValue(), items);
        // build from the inside out: layer k's slots are rows × d0 × … × dk
        long perRow = type.itemsPerRow();
        for (int k = dims.size() - 1; k >= 0; k--) {
            int layer = k;
            if (pieces.stream().anyMatch(p -> p.items().get(layer).hasNulls())) {
                block = new NullableBlock(block, new LanceBuffer(concatValidity(pieces, layer, perRow, arena)));
            }
            block = new FixedSizeListBlock(block, dims.get(k));
            perRow /= dims.get(k);
        }
        return block;
    }

    /** Layer {@code k}'s validity of every piece, {@code perRow} slots per row; all set where a piece has none. */
    private static MemorySegment concatValidity(List<ArrowLeaf> pieces, int k, long perRow, OffHeapArena arena) {
        long slots = 0;
        for (ArrowLeaf p : pieces) {
            slots += p.numValues() * perRow;
        }
        MemorySegment out = arena.allocate(ArrowLeaf.bitmapBytes(slots));
        long at = 0;
        for (ArrowLeaf p : pieces) {
            long n = p.numValues() * perRow;
            ItemValidity layer = p.items().get(k);
            if (layer.hasNulls()) {
                BitRanges.copy(layer.bitmap(), 0, out, at, n);
            } else {
                BitRanges.setRange(out, at, n);
            }
            at += n;
        }
        return out;
    }

    private static MemorySegment concatBits(List<ArrowLeaf> pieces, long perRow, long items, OffHeapArena arena) {
        MemorySegment out = arena.allocate(ArrowLeaf.bitmapBytes(items));
        long at = 0;
        for (ArrowLeaf p : pieces) {
            long n = p.numValues() * perRow;
            BitRanges.copy(p.values(), 0, out, at, n);
            at += n;
        }
        return out;
    }

    private static MemorySegment concatBytes(List<ArrowLeaf> pieces, long total, OffHeapArena arena) {
        if (pieces.size() == 1) {
            return pieces.getFirst().values().asSlice(0, total);
        }
        MemorySegment out = arena.allocate(total);
        long at = 0;
        for (ArrowLeaf p : pieces) {
            MemorySegment.copy(p.values(), 0, out, at, p.values().byteSize());
            at += p.values().byteSize();
        }
        return out;
    }
}
