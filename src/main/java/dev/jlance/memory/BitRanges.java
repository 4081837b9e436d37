package dev.jlance.memory;

import java.lang.foreign.MemorySegment;

/**
 * Ranges of LSB-first bitmaps (Arrow validity, packed booleans): copying a range that starts
 * anywhere to a position that starts anywhere, counting the bits that are clear, and setting a
 * range. Bits are addressed as {@code byte i >>> 3, bit i & 7}.
 */
public final class BitRanges {

    private BitRanges() {
    }

    /** Whether bit {@code i} of {@code bitmap} is set. */
    public static boolean get(MemorySegment bitmap, long i) {
        return (bitmap.get(Layouts.U8, i >>> 3) & (1 << (i & 7))) != 0;
    }

    /**
     * Copies bits {@code [srcBit, srcBit + count)} of {@code src} to {@code dst} from bit
     * {@code dstBit} on. Destination bits outside the range keep their value.
     */
    public static void copy(MemorySegment src, long srcBit, MemorySegment dst, long dstBit, long count) {
        if (count <= 0) {
            return;
        }
        if ((srcBit & 7) == 0 && (dstBit & 7) == 0) {
            long bytes = count >>> 3;
            MemorySegment.copy(src, srcBit >>> 3, dst, dstBit >>> 3, bytes);
            long done = bytes << 3;
            if (done < count) {
                copySlow(src, srcBit + done, dst, dstBit + done, count - done);
            }
            return;
        }
        long i = 0;
        // whole 64-bit words while both sides have room for an unaligned long read/write
        for (; i + 64 <= count; i += 64) {
            long word = readWord(src, srcBit + i);
            writeWord(dst, dstBit + i, word);
        }
        if (i < count) {
            copySlow(src, srcBit + i, dst, dstBit + i, count - i);
        }
    }

    /**
     * The first clear bit in {@code [fromBit, toBit)}, or {@code toBit} when all are set: a word at
     * a time, for bitmaps that are mostly set (validity with few nulls).
     */
    public static long nextClear(MemorySegment bitmap, long fromBit, long toBit) {
        long i = fromBit;
        for (; i + 64 <= toBit; i += 64) {
            long word = readWord(bitmap, i);
            if (word != -1L) {
                return i + Long.numberOfTrailingZeros(~word);
            }
        }
        if (i < toBit && (i >>> 3) + 9 <= bitmap.byteSize()) { // room for a word past the end: mask it
            long clear = ~readWord(bitmap, i) & (-1L >>> (64 - (toBit - i)));
            return clear == 0 ? toBit : i + Long.numberOfTrailingZeros(clear);
        }
        for (; i < toBit; i++) {
            if (!get(bitmap, i)) {
                return i;
            }
        }
        return toBit;
    }

    /** Sets bits {@code [fromBit, fromBit + count)} of {@code bitmap}. */
    public static void setRange(MemorySegment bitmap, long fromBit, long count) {
        long i = fromBit;
        long end = fromBit + count;
        while (i < end && (i & 7) != 0) {
            setBit(bitmap, i++);
        }
        long bytes = (end - i) >>> 3;
        if (bytes > 0) {
            bitmap.asSlice(i >>> 3, bytes).fill((byte) -1);
            i += bytes << 3;
        }
        while (i < end) {
            setBit(bitmap, i++);
        }
    }

    /** Number of clear bits (nulls, for validity) in {@code [fromBit, fromBit + count)}. */
    public static long countClear(MemorySegment bitmap, long fromBit, long count) {
        long set = 0;
        long i = 0;
        for (; i + 64 <= count; i += 64) {
            set += Long.bitCount(readWord(bitmap, fromBit + i));
        }
        for (; i < count; i++) {
            if (get(bitmap, fromBit + i)) {
                set++;
            }
        }
        return count - set;
    }

    /**
     * Bits {@code [fromBit, fromBit + count)} as a new bitmap of {@code ceil(count / 8)} bytes,
     * the way Arrow's {@code Buffer::bit_slice} (and so official Lance) cuts one: a range that
     * starts on a byte boundary is taken byte for byte, so the unused high bits of its last byte
     * are the bitmap's following bits; any other range is shifted down, its unused bits clear.
     */
    public static void sliceInto(MemorySegment bitmap, long fromBit, long count, MemorySegment out, long outByte) {
        long bytes = (count + 7) >>> 3;
        if ((fromBit & 7) == 0) {
            MemorySegment.copy(bitmap, fromBit >>> 3, out, outByte, bytes);
            return;
        }
        out.asSlice(outByte, bytes).fill((byte) 0);
        copy(bitmap, fromBit, out, outByte << 3, count);
    }

    private static void setBit(MemorySegment bitmap, long i) {
        long b = i >>> 3;
        bitmap.set(Layouts.U8, b, (byte) (bitmap.get(Layouts.U8, b) | (1 << (i & 7))));
    }

    private static void copySlow(MemorySegment src, long srcBit, MemorySegment dst, long dstBit, long count) {
        for (long k = 0; k < count; k++) {
            long d = dstBit + k;
            long b = d >>> 3;
            int mask = 1 << (d & 7);
            int v = dst.get(Layouts.U8, b);
            dst.set(Layouts.U8, b, (byte) (get(src, srcBit + k) ? v | mask : v & ~mask));
        }
    }

    /** The 64 bits starting at bit {@code bit} (the bitmap must hold them all). */
    private static long readWord(MemorySegment s, long bit) {
        long b = bit >>> 3;
        int shift = (int) (bit & 7);
        long lo = s.get(Layouts.U64, b);
        if (shift == 0) {
            return lo;
        }
        long hi = s.get(Layouts.U8, b + 8) & 0xFFL;
        return (lo >>> shift) | (hi << (64 - shift));
    }

    private static void writeWord(MemorySegment s, long bit, long word) {
        long b = bit >>> 3;
        int shift = (int) (bit & 7);
        if (shift == 0) {
            s.set(Layouts.U64, b, word);
            return;
        }
        long lowMask = (1L << shift) - 1;
        long lo = s.get(Layouts.U64, b);
        s.set(Layouts.U64, b, (lo & lowMask) | (word << shift));
        int hi = s.get(Layouts.U8, b + 8) & 0xFF;
        int keep = hi & ~(int) lowMask;
        s.set(Layouts.U8, b + 8, (byte) (keep | (int) (word >>> (64 - shift)) & (int) lowMask));
    }
}
