package dev.jlance.codec;

import dev.jlance.compression.MiniBlockChunks;
import dev.jlance.compression.MiniBlockCompressed;
import dev.jlance.compression.MiniBlockCompressor;
import dev.jlance.data.BlockStatistics;
import dev.jlance.data.DataBlock;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.format.pb.Encodings21;
import dev.jlance.format.pb.Encodings21.CompressiveEncoding;
import dev.jlance.memory.Layouts;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.simd.BitPacking;
import dev.jlance.simd.ValueStatsKernel;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Mini-block bit-packing with the width stored in each chunk ({@code inline_bitpacking}, NOTES §7.3):
 * chunks of exactly 1024 values, each packed at the width its own values need. A chunk's buffer is
 * one {@code T}-bit word holding the width {@code W}, then the {@code 1024 * W / T} FastLanes words;
 * the last chunk holds the remaining values, zero-padded to 1024 before packing.
 *
 * <p>The width of a chunk is the significant bits of the OR of its values as unsigned, so one
 * negative signed value makes the chunk full width, as in official Lance.
 */
public final class InlineBitpackingCodec implements MiniBlockCompressor {

    /** log2 of the values in every chunk but the last. */
    public static final int LOG_CHUNK_VALUES = 10;

    /** The block {@link #bitWidths} describe, or null. */
    private final DataBlock measured;
    private final byte[] bitWidths;

    private InlineBitpackingCodec(DataBlock measured, byte[] bitWidths) {
        this.measured = measured;
        this.bitWidths = bitWidths;
    }

    /** Measures each chunk's width when compressing. */
    public static InlineBitpackingCodec create() {
        return new InlineBitpackingCodec(null, null);
    }

    /**
     * Takes each chunk's width from the page's statistics (computed once, shared with the decision)
     * when compressing that very block; any other block is measured.
     */
    public static InlineBitpackingCodec forStatistics(BlockStatistics stats) {
        return new InlineBitpackingCodec(stats.block(), stats.bitWidthsShared());
    }

    /** True for the value widths this codec packs: 8, 16, 32 and 64 bits. */
    public static boolean supports(int bitsPerValue) {
        return bitsPerValue == 8 || bitsPerValue == 16 || bitsPerValue == 32 || bitsPerValue == 64;
    }

    /** {@code inline_bitpacking{uncompressed_bits_per_value = T}}. */
    public static CompressiveEncoding encoding(int bitsPerValue) {
        return CompressiveEncoding.newBuilder()
                .setInlineBitpacking(Encodings21.InlineBitpacking.newBuilder().setUncompressedBitsPerValue(bitsPerValue))
                .build();
    }

    /** Bytes of a chunk packed at {@code bitWidth}: {@code (1 + 1024 * W / T) * T / 8}. */
    public static long chunkBytes(int bitsPerValue, int bitWidth) {
        return bitsPerValue / 8 + BitPacking.packedBytes(bitWidth);
    }

    /** Bytes all chunks of a page with these per-chunk widths take: what a strategy weighs against raw. */
    public static long compressedBytes(int bitsPerValue, byte[] bitWidths) {
        long total = 0;
        for (int w : bitWidths) {
            total += chunkBytes(bitsPerValue, w);
        }
        return total;
    }

    @Override
    public MiniBlockCompressed compressMiniBlock(DataBlock data, OffHeapArena arena) {
        FixedWidthBlock block = requireWordWidth(data);
        int t = block.bitsPerValue();
        int bytes = t / 8;
        long n = block.numValues();
        int chunks = (int) ((n + BitPacking.BLOCK_VALUES - 1) / BitPacking.BLOCK_VALUES);
        byte[] widths = bitWidths;
        if (data != measured) {
            // Packing at a width narrower than the values would lose bits: measure unless known.
            widths = new byte[chunks];
            ValueStatsKernel.kernel().widthsAndRuns(t, block.data().segment(), n, widths);
        }
        MemorySegment values = block.data().segment();
        // each chunk's word and packed words are all stored (packers set every output word before
        // or-ing into it), so no zeroing pass
        MemorySegment out = arena.allocateUninitialized(compressedBytes(t, widths));
        long pos = 0;
        BitPacking kernel = BitPacking.kernel();
        MiniBlockChunks.Builder chunkList = MiniBlockChunks.builder(1, chunks, arena);
        for (int c = 0; c < chunks; c++) {
            int w = widths[c];
            BitPacking.checkWidths(t, w);
            long first = (long) c * BitPacking.BLOCK_VALUES;
            long count = Math.min(BitPacking.BLOCK_VALUES, n - first);
            writeWord(out, pos, bytes, w);
            MemorySegment source = values;
            long sourceOffset = first * bytes;
            if (count < BitPacking.BLOCK_VALUES && w > 0) {
                // The short last chunk is packed as a full block whose missing values are zeros.
                source = arena.allocate((long) BitPacking.BLOCK_VALUES * bytes);
                MemorySegment.copy(values, sourceOffset, source, 0, count * bytes);
                sourceOffset = 0;
            }
            kernel.pack(t, w, source, sourceOffset, out, pos + bytes);
            pos += chunkBytes(t, w);
            boolean last = c == chunks - 1;
            chunkList.add((int) chunkBytes(t, w), last ? 0 : LOG_CHUNK_VALUES);
        }
        if (pos != out.byteSize()) {
            throw new IllegalStateException("packed " + pos + " bytes into a buffer of " + out.byteSize());
        }
        return new MiniBlockCompressed(List.of(out), chunkList.build(), n, encoding(t));
    }

    /** Stores {@code value} as a little-endian word of {@code bytes} bytes. */
    static void writeWord(MemorySegment s, long offset, int bytes, long value) {
        switch (bytes) {
            case 1 -> s.set(Layouts.U8, offset, (byte) value);
            case 2 -> s.set(Layouts.U16, offset, (short) value);
            case 4 -> s.set(Layouts.U32, offset, (int) value);
            default -> s.set(Layouts.U64, offset, value);
        }
    }

    private static FixedWidthBlock requireWordWidth(DataBlock data) {
        if (data instanceof FixedWidthBlock f && supports(f.bitsPerValue())) {
            return f;
        }
        throw new IllegalArgumentException("inline bit-packing needs 8, 16, 32 or 64-bit values, got " + data.kind());
    }
}
