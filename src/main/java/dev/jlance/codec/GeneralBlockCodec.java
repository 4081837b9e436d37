package dev.jlance.codec;

import dev.jlance.compression.BlockCompressed;
import dev.jlance.compression.BlockCompressor;
import dev.jlance.data.DataBlock;
import dev.jlance.memory.OffHeapArena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Compresses the whole output of another block compressor as one frame
 * ({@code general{compression, values: <inner>}}): what Lance 2.2 does for large level streams and
 * dictionaries, and for any block when compression is requested. The official reader decodes it in
 * 2.1 files too.
 */
public final class GeneralBlockCodec implements BlockCompressor {

    private final BlockCompressor inner;
    private final GeneralCompression compression;

    public GeneralBlockCodec(BlockCompressor inner, GeneralCompression compression) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.compression = Objects.requireNonNull(compression, "compression");
    }

    @Override
    public BlockCompressed compressBlock(DataBlock data, OffHeapArena arena) {
        BlockCompressed plain = inner.compressBlock(data, arena);
        MemorySegment src = FrameCompressor.nativeOf(plain.data(), arena);
        try (FrameCompressor c = compression.newCompressor()) {
            MemorySegment out = arena.allocate(c.maxFrameSize(src.byteSize()));
            long n = c.compress(src, out);
            return new BlockCompressed(out.asSlice(0, n), compression.wrap(plain.encoding()));
        }
    }

    @Override
    public String toString() {
        return "GeneralBlockCodec[" + compression + ", " + inner + "]";
    }
}
