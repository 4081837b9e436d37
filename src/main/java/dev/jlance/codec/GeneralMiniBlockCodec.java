package dev.jlance.codec;

import dev.jlance.compression.MiniBlockChunks;
import dev.jlance.compression.MiniBlockCompressed;
import dev.jlance.compression.MiniBlockCompressor;
import dev.jlance.data.DataBlock;
import dev.jlance.memory.OffHeapArena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Wraps another mini-block compressor and compresses, chunk by chunk, its first value buffer with
 * zstd or lz4 ({@code general{compression, values: <inner>}}). As official Lance does, it only tries
 * when the inner first buffer holds at least {@link #MIN_BUFFER_BYTES} for the whole page, and keeps
 * the result only when the compressed buffer is smaller than the original; otherwise the inner
 * result is returned unchanged. The other value buffers (e.g. RLE's run lengths) stay as they are.
 */
public final class GeneralMiniBlockCodec implements MiniBlockCompressor {

    /** Below this many bytes of first buffer per page compression is not tried (Lance's threshold). */
    public static final long MIN_BUFFER_BYTES = 4 * 1024;

    private final MiniBlockCompressor inner;
    private final GeneralCompression compression;

    public GeneralMiniBlockCodec(MiniBlockCompressor inner, GeneralCompression compression) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.compression = Objects.requireNonNull(compression, "compression");
    }

    public MiniBlockCompressor inner() {
        return inner;
    }

    public GeneralCompression compression() {
        return compression;
    }

    @Override
    public MiniBlockCompressed compressMiniBlock(DataBlock data, OffHeapArena arena) {
        MiniBlockCompressed plain = inner.compressMiniBlock(data, arena);
        if (plain.buffers().isEmpty() || plain.buffers().getFirst().byteSize() < MIN_BUFFER_BYTES) {
            return plain;
        }
        MemorySegment first = FrameCompressor.nativeOf(plain.buffers().getFirst(), arena);
        MiniBlockChunks chunks = plain.chunks();
        try (FrameCompressor c = compression.newCompressor()) {
            long bound = 0;
            for (int k = 0; k < chunks.size(); k++) {
                bound += c.maxFrameSize(chunks.bufferSize(k, 0));
            }
            MemorySegment out = arena.allocate(bound);
            MiniBlockChunks.Builder packed = MiniBlockChunks.builder(chunks.numBuffers(), chunks.size(), arena);
            int[] sizes = new int[chunks.numBuffers()];
            long in = 0;
            long written = 0;
            for (int k = 0; k < chunks.size(); k++) {
                int size = chunks.bufferSize(k, 0);
                long n = c.compress(first.asSlice(in, size), out.asSlice(written));
                for (int b = 0; b < sizes.length; b++) {
                    sizes[b] = chunks.bufferSize(k, b);
                }
                sizes[0] = Math.toIntExact(n);
                packed.add(sizes, chunks.logNumValues(k));
                in += size;
                written += n;
            }
            if (written >= in) {
                return plain;
            }
            List<MemorySegment> buffers = new ArrayList<>(plain.buffers());
            buffers.set(0, out.asSlice(0, written));
            return new MiniBlockCompressed(buffers, packed.build(), plain.numValues(),
                    compression.wrap(plain.encoding()));
        }
    }

    @Override
    public String toString() {
        return "GeneralMiniBlockCodec[" + compression + ", " + inner + "]";
    }
}
