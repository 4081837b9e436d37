package dev.jlance.encoder;

import dev.jlance.arrow.ArrowLeaf;
import dev.jlance.data.AllNullBlock;
import dev.jlance.data.DataBlock;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.data.VariableWidthBlock;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.Layouts;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.repdef.RepDefBuilder;
import dev.jlance.schema.PhysicalType;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Joins the arrays of a page into one contiguous block of values, plus their validity as levels.
 * A page made of one array whose layout already fits is used as it is, without a copy.
 */
public final class PageAssembler {

    private PageAssembler() {
    }

    /** Adds every piece's validity to {@code repdef}, in order. */
    public static void collectValidity(List<ArrowLeaf> pieces, RepDefBuilder repdef) {
        for (ArrowLeaf p : pieces) {
            if (p.type().kind() == PhysicalType.Kind.NULL) {
                repdef.addAllNull(p.numValues());
            } else if (p.nullCount() > 0) {
                repdef.addValidityBitmap(p.validity(), p.numValues());
            } else {
                repdef.addNoNull(p.numValues());
            }
        }
    }

    /** The page's values as one block; copies go to {@code arena}. */
    public static DataBlock values(PhysicalType type, List<ArrowLeaf> pieces, OffHeapArena arena) {
        long n = 0;
        for (ArrowLeaf p : pieces) {
            n += p.numValues();
        }
        return switch (type.kind()) {
            case NULL -> new AllNullBlock(n);
            case BOOLEAN -> new FixedWidthBlock(new LanceBuffer(concatBits(pieces, n, arena)), 1, n);
            case FIXED -> new FixedWidthBlock(new LanceBuffer(concatBytes(pieces, n * (type.bitsPerValue() / 8), arena)),
                    type.bitsPerValue(), n);
            case VARIABLE -> variable(type.bitsPerValue(), pieces, n, arena);
            case FIXED_SIZE_LIST -> FixedSizeListAssembler.values(type, pieces, n, arena);
            case STRUCT, LIST -> throw new IllegalArgumentException(type + " is not a leaf type");
        };
    }

    private static MemorySegment concatBytes(List<ArrowLeaf> pieces, long total, OffHeapArena arena) {
        if (pieces.size() == 1) {
            return pieces.getFirst().values();
        }
        MemorySegment out = arena.allocateUninitialized(total);
        long at = 0;
        for (ArrowLeaf p : pieces) {
            MemorySegment.copy(p.values(), 0, out, at, p.values().byteSize());
            at += p.values().byteSize();
        }
        return out;
    }

    private static MemorySegment concatBits(List<ArrowLeaf> pieces, long n, OffHeapArena arena) {
        if (pieces.size() == 1) {
            return pieces.getFirst().values();
        }
        MemorySegment out = arena.allocate(ArrowLeaf.bitmapBytes(n));
        long bitAt = 0;
        for (ArrowLeaf p : pieces) {
            Bitmaps.copyBits(p.values(), p.numValues(), out, bitAt);
            bitAt += p.numValues();
        }
        return out;
    }

    private static VariableWidthBlock variable(int bitsPerOffset, List<ArrowLeaf> pieces, long n, OffHeapArena arena) {
        int w = bitsPerOffset / 8;
        if (pieces.size() == 1 && pieces.getFirst().offset(0) == 0) {
            ArrowLeaf p = pieces.getFirst();
            return new VariableWidthBlock(new LanceBuffer(p.offsets()), new LanceBuffer(p.values()), bitsPerOffset, n);
        }
        long dataBytes = 0;
        for (ArrowLeaf p : pieces) {
            dataBytes += p.offset(p.numValues()) - p.offset(0);
        }
        if (w == 4 && dataBytes > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("a page of 32-bit-offset values would hold " + dataBytes
                    + " bytes, more than 32-bit offsets can address");
        }
        MemorySegment offsets = arena.allocateUninitialized((n + 1) * w);
        MemorySegment data = arena.allocateUninitialized(dataBytes);
        long valueAt = 0;
        long byteAt = 0;
        for (ArrowLeaf p : pieces) {
            long base = p.offset(0);
            for (long i = 0; i < p.numValues(); i++) {
                putOffset(offsets, valueAt + i, p.offset(i) - base + byteAt, w);
            }
            long len = p.offset(p.numValues()) - base;
            MemorySegment.copy(p.values(), base, data, byteAt, len);
            valueAt += p.numValues();
            byteAt += len;
        }
        putOffset(offsets, n, byteAt, w);
        return new VariableWidthBlock(new LanceBuffer(offsets), new LanceBuffer(data), bitsPerOffset, n);
    }

    private static void putOffset(MemorySegment offsets, long index, long value, int w) {
        if (w == 4) {
            offsets.setAtIndex(Layouts.U32, index, (int) value);
        } else {
            offsets.setAtIndex(Layouts.U64, index, value);
        }
    }
}
