package dev.jlance.repdef;

import dev.jlance.memory.Layouts;
import dev.jlance.memory.OffHeapArena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the structure of a leaf column's values, piece by piece (one piece per Arrow array of
 * the page), and turns it into repetition and definition levels.
 *
 * <p>Flat columns have a single layer, the leaf's validity: {@code NULLABLE_ITEM} when the page has
 * a null, else {@code ALL_VALID_ITEM}. Definition level 0 means valid, 1 null. (Struct and list
 * layers stack on top of this in the nested-types work.)
 */
public final class RepDefBuilder {

    private record Piece(MemorySegment validity, long numValues, boolean allNull) {
    }

    private final List<Piece> pieces = new ArrayList<>();
    private long numValues;
    private boolean anyNull;

    /** A piece whose nulls are marked by an LSB-first bitmap (bit set = valid). */
    public void addValidityBitmap(MemorySegment validity, long n) {
        pieces.add(new Piece(validity, n, false));
        numValues += n;
        anyNull = true;
    }

    /** A piece with no nulls. */
    public void addNoNull(long n) {
        pieces.add(new Piece(null, n, false));
        numValues += n;
    }

    /** A piece whose values are all null (Arrow's Null type). */
    public void addAllNull(long n) {
        pieces.add(new Piece(null, n, true));
        numValues += n;
        anyNull |= n > 0;
    }

    public long numValues() {
        return numValues;
    }

    /** Builds the level streams; level buffers are allocated in {@code arena}. */
    public SerializedRepDef serialize(OffHeapArena arena) {
        if (!anyNull) {
            return new SerializedRepDef(null, List.of(RepDefLayer.ALL_VALID_ITEM), 0, numValues);
        }
        MemorySegment def = arena.allocate(numValues * 2);
        long at = 0;
        for (Piece p : pieces) {
            if (p.allNull) {
                for (long i = 0; i < p.numValues; i++) {
                    def.setAtIndex(Layouts.U16, at + i, (short) 1);
                }
            } else if (p.validity != null) {
                writeDefFromBitmap(p.validity, p.numValues, def, at);
            }
            // pieces without nulls keep the zeros the arena gave us
            at += p.numValues;
        }
        return new SerializedRepDef(def, List.of(RepDefLayer.NULLABLE_ITEM), 1, numValues);
    }

    /**
     * For each validity byte, the definition levels of its eight values (1 where the bit is clear)
     * as two little-endian longs of four u16 each: one table lookup and two stores per byte.
     */
    private static final long[] DEF_OF_BYTE = defOfByte();

    private static long[] defOfByte() {
        long[] table = new long[512];
        for (int b = 0; b < 256; b++) {
            for (int k = 0; k < 8; k++) {
                if ((b & (1 << k)) == 0) {
                    table[2 * b + (k >>> 2)] |= 1L << (16 * (k & 3));
                }
            }
        }
        return table;
    }

    private static void writeDefFromBitmap(MemorySegment bitmap, long n, MemorySegment def, long at) {
        long fullBytes = n >>> 3;
        long out = at * 2;
        for (long b = 0; b < fullBytes; b++, out += 16) {
            int bits = bitmap.get(Layouts.U8, b) & 0xFF;
            def.set(Layouts.U64, out, DEF_OF_BYTE[2 * bits]);
            def.set(Layouts.U64, out + 8, DEF_OF_BYTE[2 * bits + 1]);
        }
        for (long i = fullBytes << 3; i < n; i++) {
            if ((bitmap.get(Layouts.U8, i >>> 3) & (1 << (i & 7))) == 0) {
                def.setAtIndex(Layouts.U16, at + i, (short) 1);
            }
        }
    }
}
