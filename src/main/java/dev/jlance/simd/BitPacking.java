package dev.jlance.simd;

import java.lang.foreign.MemorySegment;

/**
 * FastLanes bit-packing of 1024-value blocks, in the exact layout Lance writes (NOTES §7.3), and the
 * bit-width statistic that chooses the packed width.
 *
 * <p>A block holds 1024 unsigned values of {@code T} bits ({@code T} = 8, 16, 32 or 64). It is
 * read as {@code T} rows of {@code LANES = 1024 / T} values: row {@code r} is the contiguous run
 * starting at input index {@code FL_ORDER[r / 8] * 16 + (r % 8) * 128}. Lane {@code l} concatenates
 * the low {@code W} bits of rows 0, 1, 2, … of its column LSB-first into {@code W} words of
 * {@code T} bits; word {@code k} of every lane is stored contiguously at output word
 * {@code k * LANES}. So a block packs into exactly {@code 1024 * W / T} words, and every load and
 * store of a row or word is a contiguous run of {@code LANES * T = 1024} bits.
 *
 * <p>All data is little-endian, addressed by byte offsets into segments. Kernels trust their
 * arguments beyond what segment bounds checks catch; {@link #checkWidths} is the check callers
 * run once per page or call.
 */
public interface BitPacking {

    /** Values in one block. */
    int BLOCK_VALUES = 1024;

    /** Loads the kernel once: the Vector API implementation when usable, else {@link ScalarBitPacking}. */
    static BitPacking kernel() {
        return Loaded.KERNEL;
    }

    /** Words of {@code T} bits a block packs into at width {@code W}: {@code 1024 * W / T}. */
    static int packedWords(int bitsPerValue, int bitWidth) {
        checkWidths(bitsPerValue, bitWidth);
        return BLOCK_VALUES * bitWidth / bitsPerValue;
    }

    /** Bytes a block packs into at width {@code W}: {@code 128 * W}, whatever {@code T}. */
    static long packedBytes(int bitWidth) {
        return 128L * bitWidth;
    }

    /** Throws unless {@code T} is 8, 16, 32 or 64 and {@code 0 <= W <= T}. */
    static void checkWidths(int bitsPerValue, int bitWidth) {
        checkValueBits(bitsPerValue);
        if (bitWidth < 0 || bitWidth > bitsPerValue) {
            throw new IllegalArgumentException("bit width " + bitWidth + " is outside 0.." + bitsPerValue);
        }
    }

    /** Throws unless {@code T} is 8, 16, 32 or 64. */
    static void checkValueBits(int bitsPerValue) {
        if (bitsPerValue != 8 && bitsPerValue != 16 && bitsPerValue != 32 && bitsPerValue != 64) {
            throw new IllegalArgumentException("bit-packing needs 8, 16, 32 or 64-bit values, got " + bitsPerValue);
        }
    }

    /**
     * Packs the block of 1024 {@code T}-bit values at {@code in[inOffset]} to width {@code W} into
     * {@code 1024 * W / T} words at {@code out[outOffset]}. Only the low {@code W} bits of each value
     * are kept. {@code W = 0} writes nothing.
     */
    void pack(int bitsPerValue, int bitWidth, MemorySegment in, long inOffset, MemorySegment out, long outOffset);

    /** The inverse of {@link #pack}: writes 1024 values (zeros when {@code W = 0}). */
    void unpack(int bitsPerValue, int bitWidth, MemorySegment in, long inOffset, MemorySegment out, long outOffset);

    /** Holds the loaded kernel; initialised on the first {@link #kernel()} call. */
    final class Loaded {
        static final BitPacking KERNEL = KernelProvider.load(BitPacking.class, "PanamaBitPacking", ScalarBitPacking::new);

        private Loaded() {
        }
    }
}
