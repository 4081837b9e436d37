package dev.jlance.compression;

import dev.jlance.data.DataBlock;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.OffHeapArena;
import java.lang.foreign.MemorySegment;

/**
 * Compresses a whole block into one buffer: repetition/definition levels (chunk by chunk, each
 * chunk's slice on its own) and dictionaries.
 */
public interface BlockCompressor {
    /** The result may be a view of {@code data} (flat values are): copy it if it must outlive the input. */
    BlockCompressed compressBlock(DataBlock data, OffHeapArena arena);

    /**
     * Compresses {@code block} in consecutive chunks of {@code chunkValues[c]} values
     * ({@code c < numChunks}), each on its own exactly as {@link #compressBlock} would compress that
     * slice, into one buffer; each chunk's end goes to {@code ends}. This default compresses slice by
     * slice and gathers the results; a compressor on the hot path (levels of large pages) writes
     * straight into one buffer instead.
     */
    default ChunkedBlocks compressChunks(FixedWidthBlock block, long[] chunkValues, int numChunks, long[] ends,
            OffHeapArena arena) {
        int bits = block.bitsPerValue();
        if (bits % 8 != 0) {
            throw new IllegalArgumentException("chunks of " + bits + "-bit values do not start on bytes");
        }
        long bytes = bits / 8;
        BlockCompressed[] parts = new BlockCompressed[numChunks];
        long at = 0;
        long total = 0;
        for (int c = 0; c < parts.length; c++) {
            MemorySegment slice = block.data().segment().asSlice(at * bytes, chunkValues[c] * bytes);
            parts[c] = compressBlock(new FixedWidthBlock(new LanceBuffer(slice), bits, chunkValues[c]), arena);
            at += chunkValues[c];
            total += parts[c].data().byteSize();
            ends[c] = total;
        }
        if (at != block.numValues()) {
            throw new IllegalArgumentException("chunks hold " + at + " values, the block " + block.numValues());
        }
        MemorySegment out = arena.allocateUninitialized(total);
        for (int c = 0; c < parts.length; c++) {
            MemorySegment.copy(parts[c].data(), 0, out, c == 0 ? 0 : ends[c - 1], parts[c].data().byteSize());
        }
        return new ChunkedBlocks(out, ends, numChunks, parts.length == 0 ? null : parts[0].encoding());
    }
}
