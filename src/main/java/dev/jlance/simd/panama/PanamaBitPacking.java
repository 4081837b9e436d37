package dev.jlance.simd.panama;

import dev.jlance.simd.BitPacking;
import java.lang.foreign.MemorySegment;

/**
 * The Vector API FastLanes kernels, in two forms per value width: generic code with run-time
 * shifts (one method for every bit width) and generated code unrolled per bit width, which is 2-3
 * times faster once C2 has compiled it (see {@code PanamaBitPacking{8,16,32,64}}).
 *
 * <p>Until C2 compiles it, Vector API code runs boxed, some 25 times slower than the scalar twin, and
 * each unrolled width is a method of its own that needs thousands of calls to get there: a file
 * whose chunks use a dozen widths spent seconds in that state (measured: 400,000 blocks over eight
 * widths took 10 s unrolled, 1 s generic). So each width starts on the generic code, which every
 * width warms, and moves to its unrolled code only after {@value #DEFAULT_SPECIALIZE_AFTER} blocks,
 * when the faster code is likely to repay its warm-up. {@value #SPECIALIZE_AFTER_PROPERTY} sets that
 * number (0: unrolled from the start, -1: never).
 */
public class PanamaBitPacking implements BitPacking {

    /** System property: blocks of one value and bit width packed generically before the unrolled code takes over. */
    public static final String SPECIALIZE_AFTER_PROPERTY = "jlance.simd.bitpack.specializeAfter";
    /** About as many blocks as the unrolled code's warm-up costs in generic packing time. */
    public static final int DEFAULT_SPECIALIZE_AFTER = 1 << 21;

    private static final int NEVER = -1;

    /** Blocks per width before the unrolled code, or {@link #NEVER}. */
    private final int specializeAfter;
    /** Blocks seen per value width (index log2(T) - 3) and bit width, for pack and for unpack. */
    private final int[][] packs = counters();
    private final int[][] unpacks = counters();

    public PanamaBitPacking() {
        this(Integer.getInteger(SPECIALIZE_AFTER_PROPERTY, DEFAULT_SPECIALIZE_AFTER));
    }

    PanamaBitPacking(int specializeAfter) {
        if (specializeAfter < 0 && specializeAfter != NEVER) {
            throw new IllegalArgumentException(SPECIALIZE_AFTER_PROPERTY + " must be -1 (never) or more, got "
                    + specializeAfter);
        }
        this.specializeAfter = specializeAfter;
    }

    /** Always the generic code: for tests and benchmarks. */
    public static final class Generic extends PanamaBitPacking {
        public Generic() {
            super(NEVER);
        }
    }

    /** Always the unrolled code: for tests and benchmarks. */
    public static final class Unrolled extends PanamaBitPacking {
        public Unrolled() {
            super(0);
        }
    }

    private static int[][] counters() {
        return new int[][] {new int[9], new int[17], new int[33], new int[65]};
    }

    /**
     * Counts a block and says whether it goes to the unrolled code. The counts are plain ints shared
     * by all threads: a count lost to a race only delays the switch, and once past the limit they
     * are only read.
     */
    private boolean unrolled(int[][] counts, int bitsPerValue, int bitWidth) {
        if (specializeAfter == NEVER) {
            return false;
        }
        int[] c = counts[Integer.numberOfTrailingZeros(bitsPerValue) - 3];
        int n = c[bitWidth];
        if (n >= specializeAfter) {
            return true;
        }
        c[bitWidth] = n + 1;
        return false;
    }

    /** Whether blocks of this value and bit width now go to the unrolled pack code. */
    boolean packsUnrolled(int bitsPerValue, int bitWidth) {
        return specializeAfter != NEVER
                && packs[Integer.numberOfTrailingZeros(bitsPerValue) - 3][bitWidth] >= specializeAfter;
    }

    @Override
    public void pack(int bitsPerValue, int bitWidth, MemorySegment in, long inOffset, MemorySegment out,
            long outOffset) {
        BitPacking.checkWidths(bitsPerValue, bitWidth);
        if (bitWidth == 0) {
            return;
        }
        if (unrolled(packs, bitsPerValue, bitWidth)) {
            switch (bitsPerValue) {
                case 8 -> PanamaBitPacking8.pack(bitWidth, in, inOffset, out, outOffset);
                case 16 -> PanamaBitPacking16.pack(bitWidth, in, inOffset, out, outOffset);
                case 32 -> PanamaBitPacking32.pack(bitWidth, in, inOffset, out, outOffset);
                default -> PanamaBitPacking64.pack(bitWidth, in, inOffset, out, outOffset);
            }
        } else {
            switch (bitsPerValue) {
                case 8 -> PanamaBitPacking8.packGeneric(bitWidth, in, inOffset, out, outOffset);
                case 16 -> PanamaBitPacking16.packGeneric(bitWidth, in, inOffset, out, outOffset);
                case 32 -> PanamaBitPacking32.packGeneric(bitWidth, in, inOffset, out, outOffset);
                default -> PanamaBitPacking64.packGeneric(bitWidth, in, inOffset, out, outOffset);
            }
        }
    }

    @Override
    public void unpack(int bitsPerValue, int bitWidth, MemorySegment in, long inOffset, MemorySegment out,
            long outOffset) {
        BitPacking.checkWidths(bitsPerValue, bitWidth);
        if (bitWidth == 0) {
            out.asSlice(outOffset, 128L * bitsPerValue).fill((byte) 0);
            return;
        }
        if (unrolled(unpacks, bitsPerValue, bitWidth)) {
            switch (bitsPerValue) {
                case 8 -> PanamaBitPacking8.unpack(bitWidth, in, inOffset, out, outOffset);
                case 16 -> PanamaBitPacking16.unpack(bitWidth, in, inOffset, out, outOffset);
                case 32 -> PanamaBitPacking32.unpack(bitWidth, in, inOffset, out, outOffset);
                default -> PanamaBitPacking64.unpack(bitWidth, in, inOffset, out, outOffset);
            }
        } else {
            switch (bitsPerValue) {
                case 8 -> PanamaBitPacking8.unpackGeneric(bitWidth, in, inOffset, out, outOffset);
                case 16 -> PanamaBitPacking16.unpackGeneric(bitWidth, in, inOffset, out, outOffset);
                case 32 -> PanamaBitPacking32.unpackGeneric(bitWidth, in, inOffset, out, outOffset);
                default -> PanamaBitPacking64.unpackGeneric(bitWidth, in, inOffset, out, outOffset);
            }
        }
    }

}
