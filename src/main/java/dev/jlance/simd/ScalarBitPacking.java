package dev.jlance.simd;

import dev.jlance.memory.Layouts;
import java.lang.foreign.MemorySegment;

/**
 * The scalar twin of the FastLanes kernels: a direct reading of the layout in {@link BitPacking},
 * one lane at a time, one row after the other. The reference the Vector API kernels are tested
 * against, and the fallback when the Vector API is absent.
 */
public final class ScalarBitPacking implements BitPacking {

    /** FastLanes' transpose: row group {@code g} starts at input index {@code FL_ORDER[g] * 16}. */
    private static final int[] FL_ORDER = {0, 4, 2, 6, 1, 5, 3, 7};

    public ScalarBitPacking() {
    }

    /** Input index of row {@code row}, lane {@code lane}. */
    static int index(int row, int lane) {
        return FL_ORDER[row >>> 3] * 16 + (row & 7) * 128 + lane;
    }

    @Override
    public void pack(int bitsPerValue, int bitWidth, MemorySegment in, long inOffset, MemorySegment out,
            long outOffset) {
        BitPacking.checkWidths(bitsPerValue, bitWidth);
        int t = bitsPerValue;
        int w = bitWidth;
        if (w == 0) {
            return;
        }
        int lanes = BLOCK_VALUES / t;
        int bytes = t / 8;
        long mask = w == 64 ? -1L : (1L << w) - 1;
        for (int lane = 0; lane < lanes; lane++) {
            long word = 0;
            for (int row = 0; row < t; row++) {
                long v = read(in, inOffset + (long) bytes * index(row, lane), t) & mask;
                int bit = row * w;
                int shift = bit % t;
                word |= v << shift;
                if (shift + w >= t) {
                    // The word is full: store it and carry the bits of v that did not fit.
                    write(out, outOffset + (long) bytes * ((bit / t) * lanes + lane), t, word);
                    word = shift + w == t ? 0 : v >>> (t - shift);
                }
            }
        }
    }

    @Override
    public void unpack(int bitsPerValue, int bitWidth, MemorySegment in, long inOffset, MemorySegment out,
            long outOffset) {
        BitPacking.checkWidths(bitsPerValue, bitWidth);
        int t = bitsPerValue;
        int w = bitWidth;
        int bytes = t / 8;
        if (w == 0) {
            out.asSlice(outOffset, (long) BLOCK_VALUES * bytes).fill((byte) 0);
            return;
        }
        int lanes = BLOCK_VALUES / t;
        long mask = w == 64 ? -1L : (1L << w) - 1;
        for (int lane = 0; lane < lanes; lane++) {
            for (int row = 0; row < t; row++) {
                int bit = row * w;
                int word = bit / t;
                int shift = bit % t;
                long v = read(in, inOffset + (long) bytes * (word * lanes + lane), t) >>> shift;
                if (shift + w > t) {
                    // The value continues in the lane's next word.
                    v |= read(in, inOffset + (long) bytes * ((word + 1) * lanes + lane), t) << (t - shift);
                }
                write(out, outOffset + (long) bytes * index(row, lane), t, v & mask);
            }
        }
    }

    @Override
    public void bitWidths(int bitsPerValue, MemorySegment in, long inOffset, long numValues, int[] widths) {
        BitPacking.checkValueBits(bitsPerValue);
        int bytes = bitsPerValue / 8;
        int chunks = (int) ((numValues + BLOCK_VALUES - 1) / BLOCK_VALUES);
        for (int c = 0; c < chunks; c++) {
            long start = (long) c * BLOCK_VALUES;
            long end = Math.min(numValues, start + BLOCK_VALUES);
            long or = 0;
            for (long i = start; i < end; i++) {
                or |= read(in, inOffset + i * bytes, bitsPerValue);
            }
            widths[c] = 64 - Long.numberOfLeadingZeros(or);
        }
    }

    /** The {@code t}-bit value at byte offset {@code offset}, zero-extended. */
    private static long read(MemorySegment s, long offset, int t) {
        return switch (t) {
            case 8 -> s.get(Layouts.U8, offset) & 0xFFL;
            case 16 -> s.get(Layouts.U16, offset) & 0xFFFFL;
            case 32 -> s.get(Layouts.U32, offset) & 0xFFFF_FFFFL;
            default -> s.get(Layouts.U64, offset);
        };
    }

    /** Stores the low {@code t} bits of {@code v}. */
    private static void write(MemorySegment s, long offset, int t, long v) {
        switch (t) {
            case 8 -> s.set(Layouts.U8, offset, (byte) v);
            case 16 -> s.set(Layouts.U16, offset, (short) v);
            case 32 -> s.set(Layouts.U32, offset, (int) v);
            default -> s.set(Layouts.U64, offset, v);
        }
    }
}
