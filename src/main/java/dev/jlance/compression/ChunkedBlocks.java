package dev.jlance.compression;

import dev.jlance.format.pb.Encodings21.CompressiveEncoding;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Consecutive chunks of a block, each compressed on its own, laid end to end in one buffer: chunk
 * {@code c} is {@code data[start(c), ends[c])}. One buffer per page instead of a compressed block,
 * a slice and a few wrappers per chunk; the ends go to an array the caller provides (and may reuse).
 *
 * @param data every chunk's bytes, in order
 * @param ends where each chunk's bytes end in {@code data}, in its first {@code numChunks} entries
 * @param numChunks chunks
 * @param encoding how a reader decompresses each chunk (the same for all of them); null when
 *     there are no chunks
 */
public record ChunkedBlocks(MemorySegment data, long[] ends, int numChunks, CompressiveEncoding encoding) {
    public ChunkedBlocks {
        Objects.requireNonNull(data, "data");
        Objects.checkFromIndexSize(0, numChunks, ends.length);
        long previous = 0;
        for (int c = 0; c < numChunks; c++) {
            long end = ends[c];
            if (end < previous) {
                throw new IllegalArgumentException("chunk ends go backwards: " + end + " after " + previous);
            }
            previous = end;
        }
        if (previous > data.byteSize()) {
            throw new IllegalArgumentException("chunks end at " + previous + ", past the " + data.byteSize()
                    + " bytes of data");
        }
    }

    /** Where chunk {@code c}'s bytes start in {@link #data}. */
    public long start(int c) {
        return c == 0 ? 0 : ends[c - 1];
    }

    /** Bytes of chunk {@code c}. */
    public long size(int c) {
        return ends[c] - start(c);
    }
}
