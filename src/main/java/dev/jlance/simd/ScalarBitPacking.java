package dev.jlance.simd;

import dev.jlance.memory.Layouts;
import java.lang.foreign.MemorySegment;

/**
 * The scalar twin of the FastLanes kernels: the layout in {@link BitPacking} walked row by row,
 * each row's lanes as one contiguous run. The reference the Vector API kernels are tested against
 * (itself tested against a bit-by-bit model), and the fallback when the Vector API is absent.
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

    /**
     * Row by row, each row's lanes in a contiguous run: a value goes into its word (which the row
     * that started the word set, and later rows OR into) and, when it straddles the word's end,
     * its high bits start the next word.
     */
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
        long rowBytes = (long) lanes * bytes;
        long mask = w == 64 ? -1L : (1L << w) - 1;
        for (int row = 0; row < t; row++) {
            long from = inOffset + (long) bytes * index(row, 0);
            int bit = row * w;
            int shift = bit % t;
            long to = outOffset + (bit / t) * rowBytes;
            boolean spills = shift + w > t;
            // One loop per value width, so the lane loop has no width switch inside.
            switch (t) {
                case 8 -> packRow8(in, from, out, to, (int) mask, shift, spills);
                case 16 -> packRow16(in, from, out, to, (int) mask, shift, spills);
                case 32 -> packRow32(in, from, out, to, (int) mask, shift, spills);
                default -> packRow64(in, from, out, to, mask, shift, spills);
            }
        }
    }

    private static void packRow8(MemorySegment in, long from, MemorySegment out, long to, int mask, int shift,
            boolean spills) {
        if (shift == 0) {
            for (int lane = 0; lane < 128; lane++) {
                out.set(Layouts.U8, to + lane, (byte) (in.get(Layouts.U8, from + lane) & mask));
            }
        } else {
            for (int lane = 0; lane < 128; lane++) {
                int v = in.get(Layouts.U8, from + lane) & mask;
                out.set(Layouts.U8, to + lane, (byte) (out.get(Layouts.U8, to + lane) | v << shift));
            }
        }
        if (spills) {
            for (int lane = 0; lane < 128; lane++) {
                int v = in.get(Layouts.U8, from + lane) & mask;
                out.set(Layouts.U8, to + 128 + lane, (byte) (v >>> (8 - shift)));
            }
        }
    }

    private static void packRow16(MemorySegment in, long from, MemorySegment out, long to, int mask, int shift,
            boolean spills) {
        if (shift == 0) {
            for (int lane = 0; lane < 64; lane++) {
                out.set(Layouts.U16, to + 2L * lane, (short) (in.get(Layouts.U16, from + 2L * lane) & mask));
            }
        } else {
            for (int lane = 0; lane < 64; lane++) {
                int v = in.get(Layouts.U16, from + 2L * lane) & mask;
                out.set(Layouts.U16, to + 2L * lane, (short) (out.get(Layouts.U16, to + 2L * lane) | v << shift));
            }
        }
        if (spills) {
            for (int lane = 0; lane < 64; lane++) {
                int v = in.get(Layouts.U16, from + 2L * lane) & mask;
                out.set(Layouts.U16, to + 128 + 2L * lane, (short) (v >>> (16 - shift)));
            }
        }
    }

    private static void packRow32(MemorySegment in, long from, MemorySegment out, long to, int mask, int shift,
            boolean spills) {
        if (shift == 0) {
            for (int lane = 0; lane < 32; lane++) {
                out.set(Layouts.U32, to + 4L * lane, in.get(Layouts.U32, from + 4L * lane) & mask);
            }
        } else {
            for (int lane = 0; lane < 32; lane++) {
                int v = in.get(Layouts.U32, from + 4L * lane) & mask;
                out.set(Layouts.U32, to + 4L * lane, out.get(Layouts.U32, to + 4L * lane) | v << shift);
            }
        }
        if (spills) {
            for (int lane = 0; lane < 32; lane++) {
                int v = in.get(Layouts.U32, from + 4L * lane) & mask;
                out.set(Layouts.U32, to + 128 + 4L * lane, v >>> (32 - shift));
            }
        }
    }

    private static void packRow64(MemorySegment in, long from, MemorySegment out, long to, long mask, int shift,
            boolean spills) {
        if (shift == 0) {
            for (int lane = 0; lane < 16; lane++) {
                out.set(Layouts.U64, to + 8L * lane, in.get(Layouts.U64, from + 8L * lane) & mask);
            }
        } else {
            for (int lane = 0; lane < 16; lane++) {
                long v = in.get(Layouts.U64, from + 8L * lane) & mask;
                out.set(Layouts.U64, to + 8L * lane, out.get(Layouts.U64, to + 8L * lane) | v << shift);
            }
        }
        if (spills) {
            for (int lane = 0; lane < 16; lane++) {
                long v = in.get(Layouts.U64, from + 8L * lane) & mask;
                out.set(Layouts.U64, to + 128 + 8L * lane, v >>> (64 - shift));
            }
        }
    }

    /** Row by row, as {@link #pack}: each value from its word, plus the next word's low bits if it straddles. */
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
        long rowBytes = (long) lanes * bytes;
        long mask = w == 64 ? -1L : (1L << w) - 1;
        for (int row = 0; row < t; row++) {
            long to = outOffset + (long) bytes * index(row, 0);
            int bit = row * w;
            int shift = bit % t;
            long from = inOffset + (bit / t) * rowBytes;
            boolean spills = shift + w > t;
            for (int lane = 0; lane < lanes; lane++) {
                long at = from + (long) lane * bytes;
                long v = read(in, at, t) >>> shift;
                if (spills) {
                    v |= read(in, at + rowBytes, t) << (t - shift);
                }
                write(out, to + (long) lane * bytes, t, v & mask);
            }
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
