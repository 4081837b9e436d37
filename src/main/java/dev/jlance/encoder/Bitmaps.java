package dev.jlance.encoder;

import dev.jlance.memory.Layouts;
import java.lang.foreign.MemorySegment;

/** LSB-first bitmap helpers. */
public final class Bitmaps {

    private Bitmaps() {
    }

    /**
     * Copies bits {@code [0, count)} of {@code src} to {@code dst} starting at bit {@code dstBit}.
     * Bits of {@code dst} past the copied range are left as they were; {@code dst} must be zero
     * there for a clean result (arena memory is).
     */
    public static void copyBits(MemorySegment src, long count, MemorySegment dst, long dstBit) {
        int shift = (int) (dstBit & 7);
        long dstByte = dstBit >>> 3;
        long fullBytes = count >>> 3;
        int tailBits = (int) (count & 7);
        if (shift == 0) {
            MemorySegment.copy(src, 0, dst, dstByte, fullBytes);
            if (tailBits > 0) {
                int b = src.get(Layouts.U8, fullBytes) & ((1 << tailBits) - 1);
                dst.set(Layouts.U8, dstByte + fullBytes, (byte) b);
            }
            return;
        }
        for (long i = 0; i < fullBytes; i++) {
            orByte(dst, dstByte + i, (src.get(Layouts.U8, i) & 0xFF) << shift);
        }
        if (tailBits > 0) {
            orByte(dst, dstByte + fullBytes, (src.get(Layouts.U8, fullBytes) & ((1 << tailBits) - 1)) << shift);
        }
    }

    /** Writes bit i of {@code bits} as byte i (0 or 1) of {@code out}, for i in {@code [0, count)}. */
    public static void unpackToBytes(MemorySegment bits, long count, MemorySegment out) {
        for (long i = 0; i < count; i++) {
            out.set(Layouts.U8, i, (byte) ((bits.get(Layouts.U8, i >>> 3) >>> (i & 7)) & 1));
        }
    }

    /** ORs the low 16 bits of {@code bits} into bytes {@code at} and {@code at + 1} (when non-zero). */
    private static void orByte(MemorySegment dst, long at, int bits) {
        dst.set(Layouts.U8, at, (byte) (dst.get(Layouts.U8, at) | bits));
        int high = bits >>> 8;
        if (high != 0) {
            dst.set(Layouts.U8, at + 1, (byte) (dst.get(Layouts.U8, at + 1) | high));
        }
    }
}
