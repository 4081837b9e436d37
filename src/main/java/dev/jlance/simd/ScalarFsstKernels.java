package dev.jlance.simd;

import static dev.jlance.simd.FsstMatchTables.IN_LEN_SHIFT;
import static dev.jlance.simd.FsstMatchTables.CHECK_BITS;
import static dev.jlance.simd.FsstMatchTables.ENTRY_LENGTH_SHIFT;
import static dev.jlance.simd.FsstMatchTables.MASK_BASE;
import static dev.jlance.simd.FsstMatchTables.OUT_LEN_SHIFT;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** FSST compression one position at a time: the scalar twin of the Vector API kernel. */
public final class ScalarFsstKernels implements FsstKernels {

    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @Override
    public long compress(FsstMatchTables tables, MemorySegment data, MemorySegment offsets, long first,
            int offsetBytes, long count, MemorySegment out, long outAt, MemorySegment outOffsets, long outOffsetsAt) {
        checkOffsetBytes(offsetBytes);
        putOffset(outOffsets, offsetBytes, outOffsetsAt, 0);
        if (count == 0) {
            return 0;
        }
        return finish(tables, data, offsets, first, offsetBytes, count, 0, offset(offsets, offsetBytes, first), 0, out,
                outAt, outOffsets, outOffsetsAt);
    }

    /**
     * Compresses from position {@code pos} of value {@code value} (having written {@code written}
     * bytes so far) to the end of value {@code count - 1}, writing the offsets of values
     * {@code value + 1 ..}: the whole scalar kernel, and the Vector API kernel's finish. Value
     * {@code i}'s offsets are entries {@code first + i} of {@code offsets}; codes go to
     * {@code out} from {@code outAt}, offsets to {@code outOffsets} from entry {@code outOffsetsAt}.
     *
     * @return bytes written to {@code out} in total
     */
    public static long finish(FsstMatchTables tables, MemorySegment data, MemorySegment offsets, long first,
            int offsetBytes, long count, long value, long pos, long written, MemorySegment out, long outAt,
            MemorySegment outOffsets, long outOffsetsAt) {
        int[] shortCodes = tables.shortCodes();
        long[] hashEntries = tables.hashEntries();
        int[] hashResults = tables.hashResults();
        long size = data.byteSize();
        long op = outAt + written;
        for (long i = value; i < count; i++) {
            long end = offset(offsets, offsetBytes, first + i + 1);
            // Positions with 8 bytes left in the value: any symbol fits, one load covers it.
            long fastEnd = end - 7;
            while (pos < fastEnd) {
                long w = data.get(U64, pos);
                int s = shortCodes[(int) w & 0xFFFF];
                int y = FsstMatchTables.scramble((int) w);
                int slot = y >>> CHECK_BITS;
                long e = hashEntries[slot];
                long mask = -1L >>> (MASK_BASE - 8 * ((int) (e >>> ENTRY_LENGTH_SHIFT) & 15));
                int r = ((FsstMatchTables.key(y, w) ^ e) & mask) == 0 ? hashResults[slot] : s;
                out.set(U16, op, (short) r);
                op += (r >>> OUT_LEN_SHIFT) & 3;
                pos += (r >>> IN_LEN_SHIFT) & 15;
            }
            while (pos < end) {
                int avail = (int) (end - pos);
                int r = tables.lookupTail(window(data, size, pos, avail), avail);
                out.set(U16, op, (short) r);
                op += (r >>> OUT_LEN_SHIFT) & 3;
                pos += (r >>> IN_LEN_SHIFT) & 15;
            }
            putOffset(outOffsets, offsetBytes, outOffsetsAt + i + 1, op - outAt);
        }
        return op - outAt;
    }

    /** The {@code avail} (1..7) bytes at {@code pos}, little-endian, zero above; never reads past {@code size}. */
    public static long window(MemorySegment data, long size, long pos, int avail) {
        if (pos + 8 <= size) {
            return data.get(U64, pos) & (-1L >>> (64 - 8 * avail));
        }
        long w = 0;
        for (int k = 0; k < avail; k++) {
            w |= (data.get(ValueLayout.JAVA_BYTE, pos + k) & 0xFFL) << (8 * k);
        }
        return w;
    }

    /** The {@code i}-th unsigned offset of {@code offsetBytes} bytes. */
    public static long offset(MemorySegment offsets, int offsetBytes, long i) {
        return offsetBytes == 4 ? Integer.toUnsignedLong(offsets.getAtIndex(U32, i)) : offsets.getAtIndex(U64, i);
    }

    /** Writes the {@code i}-th offset of {@code offsetBytes} bytes. */
    public static void putOffset(MemorySegment offsets, int offsetBytes, long i, long value) {
        if (offsetBytes == 4) {
            offsets.setAtIndex(U32, i, (int) value);
        } else {
            offsets.setAtIndex(U64, i, value);
        }
    }

    public static void checkOffsetBytes(int offsetBytes) {
        if (offsetBytes != 4 && offsetBytes != 8) {
            throw new IllegalArgumentException("offsets must be 4 or 8 bytes wide, got " + offsetBytes);
        }
    }
}
