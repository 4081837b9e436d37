package dev.jlance.codec;

import dev.jlance.compression.BlockCompressed;
import dev.jlance.compression.BlockCompressor;
import dev.jlance.compression.ChunkedBlocks;
import dev.jlance.data.BlockStatistics;
import dev.jlance.data.DataBlock;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.format.CompressiveEncodings;
import dev.jlance.format.pb.Encodings21;
import dev.jlance.format.pb.Encodings21.CompressiveEncoding;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.simd.BitPacking;
import dev.jlance.simd.ValueStatsKernel;
import java.lang.foreign.MemorySegment;

/**
 * Block bit-packing at one width recorded in the encoding ({@code out_of_line_bitpacking}, NOTES
 * §7.4), for repetition/definition levels and dictionary indices: consecutive FastLanes blocks of
 * {@code 1024 * W / T} words. A short tail of {@code n} values is packed as a zero-padded block
 * when that is smaller ({@code W * (1024 - n) < (T - W) * n}), else appended as {@code n} raw
 * words; the reader tells the two apart by the buffer's length, which the rule keeps unambiguous
 * (a packed tail is only chosen when it has more words than the raw one).
 *
 * <p>The mini-block writer calls a level compressor once per chunk with that chunk's slice, but the
 * page records one encoding: so the width is fixed at construction, from the whole page
 * ({@link #forStatistics}), and every slice is packed at it.
 */
public final class OutOfLineBitpackingCodec implements BlockCompressor {

    private final int bitWidth;

    /** Packs every block at {@code bitWidth} bits (0 to 64; at most the values' width). */
    public OutOfLineBitpackingCodec(int bitWidth) {
        if (bitWidth < 0 || bitWidth > 64) {
            throw new IllegalArgumentException("bit width " + bitWidth + " is outside 0..64");
        }
        this.bitWidth = bitWidth;
    }

    /** Packs at the widest chunk of the page's values: one width that holds every slice. */
    public static OutOfLineBitpackingCodec forStatistics(BlockStatistics stats) {
        return new OutOfLineBitpackingCodec(stats.maxBitWidth());
    }

    public int bitWidth() {
        return bitWidth;
    }

    /** Encodings by [log2(T/8)][W], built once: levels of every chunk ask for one. */
    private static final CompressiveEncoding[][] ENCODINGS = new CompressiveEncoding[4][];

    static {
        for (int k = 0; k < 4; k++) {
            int t = 8 << k;
            ENCODINGS[k] = new CompressiveEncoding[t + 1];
            for (int w = 0; w <= t; w++) {
                ENCODINGS[k][w] = buildEncoding(t, w);
            }
        }
    }

    /** {@code out_of_line_bitpacking{uncompressed_bits_per_value = T, values: flat{W}}}. */
    public static CompressiveEncoding encoding(int bitsPerValue, int bitWidth) {
        int k = Integer.numberOfTrailingZeros(bitsPerValue) - 3;
        if (Integer.bitCount(bitsPerValue) == 1 && k >= 0 && k < 4 && bitWidth >= 0 && bitWidth <= bitsPerValue) {
            return ENCODINGS[k][bitWidth];
        }
        return buildEncoding(bitsPerValue, bitWidth);
    }

    private static CompressiveEncoding buildEncoding(int bitsPerValue, int bitWidth) {
        return CompressiveEncoding.newBuilder()
                .setOutOfLineBitpacking(Encodings21.OutOfLineBitpacking.newBuilder()
                        .setUncompressedBitsPerValue(bitsPerValue)
                        .setValues(CompressiveEncodings.flat(bitWidth)))
                .build();
    }

    /** Whether a tail of {@code tail} values (1..1023) is packed as a padded block rather than stored raw. */
    public static boolean packsTail(int bitsPerValue, int bitWidth, long tail) {
        return (long) bitWidth * (BitPacking.BLOCK_VALUES - tail) < (long) (bitsPerValue - bitWidth) * tail;
    }

    /** Bytes {@code numValues} values of {@code T} bits take packed at {@code W}. */
    public static long compressedBytes(int bitsPerValue, int bitWidth, long numValues) {
        long blocks = numValues / BitPacking.BLOCK_VALUES;
        long tail = numValues % BitPacking.BLOCK_VALUES;
        long bytes = blocks * BitPacking.packedBytes(bitWidth);
        if (tail > 0) {
            bytes += packsTail(bitsPerValue, bitWidth, tail) ? BitPacking.packedBytes(bitWidth)
                    : tail * (bitsPerValue / 8);
        }
        return bytes;
    }

    @Override
    public BlockCompressed compressBlock(DataBlock data, OffHeapArena arena) {
        FixedWidthBlock block = requirePackable(data);
        int t = block.bitsPerValue();
        long n = block.numValues();
        MemorySegment values = block.data().segment();
        BitPacking kernel = BitPacking.kernel();
        requireFits(kernel, t, values, n);
        MemorySegment out = arena.allocate(compressedBytes(t, bitWidth, n));
        pack(kernel, t, values, 0, n, out, 0, arena, null);
        return new BlockCompressed(out, encoding(t, bitWidth));
    }

    /**
     * Each chunk packed on its own as {@link #compressBlock} packs it, straight from the block into
     * one buffer: a page's levels, without a slice and a result per chunk.
     */
    @Override
    public ChunkedBlocks compressChunks(FixedWidthBlock block, long[] chunkValues, int numChunks, long[] ends,
            OffHeapArena arena) {
        requirePackable(block);
        int t = block.bitsPerValue();
        long n = block.numValues();
        MemorySegment values = block.data().segment();
        BitPacking kernel = BitPacking.kernel();
        requireFits(kernel, t, values, n);
        long total = 0;
        long count = 0;
        for (int c = 0; c < numChunks; c++) {
            total += compressedBytes(t, bitWidth, chunkValues[c]);
            ends[c] = total;
            count += chunkValues[c];
        }
        if (count != n) {
            throw new IllegalArgumentException("chunks hold " + count + " values, the block " + n);
        }
        MemorySegment out = arena.allocate(total);
        MemorySegment padded = null;
        long first = 0;
        for (int c = 0; c < numChunks; c++) {
            padded = pack(kernel, t, values, first, chunkValues[c], out, c == 0 ? 0 : ends[c - 1], arena, padded);
            first += chunkValues[c];
        }
        return new ChunkedBlocks(out, ends, numChunks, encoding(t, bitWidth));
    }

    private static FixedWidthBlock requirePackable(DataBlock data) {
        if (!(data instanceof FixedWidthBlock block) || !InlineBitpackingCodec.supports(block.bitsPerValue())) {
            throw new IllegalArgumentException("out-of-line bit-packing needs 8, 16, 32 or 64-bit values, got "
                    + data.kind());
        }
        return block;
    }

    /**
     * Packs values {@code first..first+n} of {@code values} into {@code out} from {@code at}: whole
     * blocks, then the tail packed as a zero-padded block or stored raw ({@link #packsTail}).
     *
     * @param padded a block-sized scratch from an earlier call, or null
     * @return the scratch, for the next call
     */
    private MemorySegment pack(BitPacking kernel, int t, MemorySegment values, long first, long n, MemorySegment out,
            long at, OffHeapArena arena, MemorySegment padded) {
        BitPacking.checkWidths(t, bitWidth);
        int bytes = t / 8;
        long blocks = n / BitPacking.BLOCK_VALUES;
        long packed = BitPacking.packedBytes(bitWidth);
        long blockBytes = (long) BitPacking.BLOCK_VALUES * bytes;
        long from = first * bytes;
        for (long b = 0; b < blocks; b++) {
            kernel.pack(t, bitWidth, values, from + b * blockBytes, out, at + b * packed);
        }
        long tail = n % BitPacking.BLOCK_VALUES;
        if (tail > 0) {
            long tailAt = at + blocks * packed;
            if (packsTail(t, bitWidth, tail)) {
                if (padded == null) {
                    padded = arena.allocate(blockBytes);
                } else {
                    padded.fill((byte) 0);
                }
                MemorySegment.copy(values, from + blocks * blockBytes, padded, 0, tail * bytes);
                kernel.pack(t, bitWidth, padded, 0, out, tailAt);
            } else {
                MemorySegment.copy(values, from + blocks * blockBytes, out, tailAt, tail * bytes);
            }
        }
        return padded;
    }

    /** The thread's chunk widths for {@link #requireFits}, reused page after page. */
    private static final ThreadLocal<byte[]> WIDTHS = ThreadLocal.withInitial(() -> new byte[64]);

    /** Packing drops the bits above the width: refuse values that have any rather than lose them. */
    private void requireFits(BitPacking kernel, int t, MemorySegment values, long n) {
        if (bitWidth == t || n == 0) {
            return;
        }
        int chunks = (int) ((n + BitPacking.BLOCK_VALUES - 1) / BitPacking.BLOCK_VALUES);
        byte[] widths = WIDTHS.get();
        if (widths.length < chunks) {
            widths = new byte[Math.max(chunks, widths.length * 2)];
            WIDTHS.set(widths);
        }
        ValueStatsKernel.kernel().widthsAndRuns(t, values, n, widths);
        for (int c = 0; c < chunks; c++) {
            if (widths[c] > bitWidth) {
                throw new IllegalArgumentException("values " + c * BitPacking.BLOCK_VALUES + ".. need " + widths[c]
                        + " bits, more than the " + bitWidth + " this out-of-line bit-packing was built for");
            }
        }
    }
}
