package dev.jlance.codec;

import dev.jlance.compression.PerValueCompressed;
import dev.jlance.compression.PerValueCompressor;
import dev.jlance.data.DataBlock;
import dev.jlance.data.VariableWidthBlock;
import dev.jlance.format.CompressiveEncodings;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.memory.SegmentWriter;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Compresses each variable-width value on its own (full-zip pages), so a reader can still fetch
 * single values: every value, empty and null slots included, becomes one frame (see
 * {@link FrameCompressor}); the encoding is {@code general{compression, values: variable{offsets:
 * flat}}} with offsets of the input's width. Official Lance always uses
 * {@link GeneralCompression#perValueDefault()} here.
 *
 * <p>Only zstd is accepted: the 7.0.0 reader hands the empty slice of every null value to the
 * decompressor, which zstd accepts and lz4 rejects ("LZ4 compressed data too short"), so an lz4
 * full-zip page with a null in it cannot be read.
 */
public final class GeneralPerValueCodec implements PerValueCompressor {

    private final GeneralCompression compression;

    public GeneralPerValueCodec(GeneralCompression compression) {
        this.compression = Objects.requireNonNull(compression, "compression");
        if (compression.scheme() != GeneralCompression.Scheme.ZSTD) {
            throw new IllegalArgumentException("per-value compression must be zstd (the official reader cannot decode "
                    + "null values of " + compression.scheme() + " full-zip pages), got " + compression);
        }
    }

    public GeneralCompression compression() {
        return compression;
    }

    @Override
    public PerValueCompressed compressPerValue(DataBlock data, OffHeapArena arena) {
        if (!(data instanceof VariableWidthBlock block)) {
            throw new IllegalArgumentException("per-value general compression needs variable-width values, got "
                    + data.kind());
        }
        long n = block.numValues();
        int w = block.bytesPerOffset();
        MemorySegment values = FrameCompressor.nativeOf(block.data().segment(), arena);
        try (FrameCompressor c = compression.newCompressor()) {
            long bound = 0;
            for (long i = 0; i < n; i++) {
                bound += c.maxFrameSize(block.offset(i + 1) - block.offset(i));
            }
            MemorySegment out = arena.allocate(bound);
            MemorySegment offsets = arena.allocate((n + 1) * w);
            SegmentWriter offsetOut = new SegmentWriter(offsets);
            offsetOut.uint(0, w);
            long written = 0;
            for (long i = 0; i < n; i++) {
                long start = block.offset(i);
                written += c.compress(values.asSlice(start, block.offset(i + 1) - start), out.asSlice(written));
                if (w == 4 && written > 0xFFFF_FFFFL) {
                    throw new IllegalStateException("compressed values exceed the 4 GiB that 32-bit offsets address");
                }
                offsetOut.uint(written, w);
            }
            offsetOut.finish();
            VariableWidthBlock compressed = new VariableWidthBlock(new LanceBuffer(offsets),
                    new LanceBuffer(out.asSlice(0, written)), block.bitsPerOffset(), n);
            return new PerValueCompressed.Variable(compressed,
                    compression.wrap(CompressiveEncodings.variable(block.bitsPerOffset())));
        }
    }

    @Override
    public String toString() {
        return "GeneralPerValueCodec[" + compression + "]";
    }
}
