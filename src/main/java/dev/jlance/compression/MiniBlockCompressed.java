package dev.jlance.compression;

import dev.jlance.format.pb.Encodings21.CompressiveEncoding;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Objects;

/**
 * A page's values cut into mini-block chunks.
 *
 * @param buffers one segment per value buffer; chunk i's part of buffer b follows chunk i-1's
 * @param chunks the chunks, in order
 * @param numValues values in the page
 * @param encoding how a reader decompresses a chunk
 */
public record MiniBlockCompressed(List<MemorySegment> buffers, MiniBlockChunks chunks, long numValues,
        CompressiveEncoding encoding) {
    public MiniBlockCompressed {
        buffers = List.copyOf(buffers);
        Objects.requireNonNull(chunks, "chunks");
    }

    /** The same from a list of chunk objects. */
    public MiniBlockCompressed(List<MemorySegment> buffers, List<MiniBlockChunk> chunks, long numValues,
            CompressiveEncoding encoding) {
        this(buffers, MiniBlockChunks.of(chunks), numValues, encoding);
    }

    /** Values in chunk {@code i}. */
    public long chunkValues(int i, long valuesBefore) {
        return i == chunks.size() - 1 ? numValues - valuesBefore : 1L << chunks.logNumValues(i);
    }
}
