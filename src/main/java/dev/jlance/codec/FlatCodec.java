package dev.jlance.codec;

import dev.jlance.compression.BlockCompressed;
import dev.jlance.compression.BlockCompressor;
import dev.jlance.compression.MiniBlockChunks;
import dev.jlance.compression.MiniBlockCompressed;
import dev.jlance.compression.MiniBlockCompressor;
import dev.jlance.compression.PerValueCompressed;
import dev.jlance.compression.PerValueCompressor;
import dev.jlance.data.DataBlock;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.format.CompressiveEncodings;
import dev.jlance.memory.OffHeapArena;
import java.lang.foreign.MemorySegment;
import java.util.List;

/** Fixed-width values stored as they are ({@code flat}): every layout's fallback. */
public final class FlatCodec implements MiniBlockCompressor, PerValueCompressor, BlockCompressor {

    /** A mini-block chunk aims below this many bytes (Lance: 8 KiB minus the chunk header). */
    public static final long MAX_MINIBLOCK_BYTES = 8 * 1024 - 6;
    /** A mini-block chunk holds at most this many values. */
    public static final long MAX_MINIBLOCK_VALUES = 4096;

    public static final FlatCodec INSTANCE = new FlatCodec();

    private FlatCodec() {
    }

    /**
     * Values per non-last chunk, as a log2: start at two values (eight for widths that are not a
     * whole number of bytes, so chunks never split a byte) and double while the chunk stays under
     * {@link #MAX_MINIBLOCK_BYTES} and {@link #MAX_MINIBLOCK_VALUES}.
     */
    public static int logValuesPerChunk(int bitsPerValue) {
        boolean byteAligned = bitsPerValue % 8 == 0;
        long bytesPerWord = byteAligned ? bitsPerValue / 8 : bitsPerValue;
        long size = 2 * bytesPerWord;
        int log = byteAligned ? 1 : 3;
        long count = byteAligned ? 2 : 8;
        if (size >= MAX_MINIBLOCK_BYTES) {
            throw new IllegalArgumentException(bitsPerValue + "-bit values are too wide for mini-block chunks");
        }
        while (2 * size < MAX_MINIBLOCK_BYTES && 2 * count <= MAX_MINIBLOCK_VALUES) {
            log++;
            size *= 2;
            count *= 2;
        }
        return log;
    }

    @Override
    public MiniBlockCompressed compressMiniBlock(DataBlock data, OffHeapArena arena) {
        FixedWidthBlock block = requireFixed(data);
        int bits = block.bitsPerValue();
        int log = logValuesPerChunk(bits);
        long perChunk = 1L << log;
        long bytesPerChunk = perChunk * bits / 8;
        long n = block.numValues();
        long totalBytes = (n * bits + 7) / 8;
        MiniBlockChunks.Builder chunks = MiniBlockChunks.builder(1, (int) Math.min(Integer.MAX_VALUE,
                (n + perChunk - 1) / perChunk), arena);
        long done = 0;
        long bytesDone = 0;
        while (done + perChunk <= n) {
            chunks.add((int) bytesPerChunk, log);
            done += perChunk;
            bytesDone += bytesPerChunk;
        }
        if (done < n) {
            chunks.add((int) (totalBytes - bytesDone), 0);
        }
        MemorySegment values = block.data().segment().asSlice(0, totalBytes);
        return new MiniBlockCompressed(List.of(values), chunks.build(), n, CompressiveEncodings.flat(bits));
    }

    @Override
    public PerValueCompressed compressPerValue(DataBlock data, OffHeapArena arena) {
        FixedWidthBlock block = requireFixed(data);
        return new PerValueCompressed.Fixed(block, CompressiveEncodings.flat(block.bitsPerValue()));
    }

    @Override
    public BlockCompressed compressBlock(DataBlock data, OffHeapArena arena) {
        FixedWidthBlock block = requireFixed(data);
        long bytes = (block.numValues() * block.bitsPerValue() + 7) / 8;
        return new BlockCompressed(block.data().segment().asSlice(0, bytes), CompressiveEncodings.flat(block.bitsPerValue()));
    }

    private static FixedWidthBlock requireFixed(DataBlock data) {
        if (data instanceof FixedWidthBlock f) {
            return f;
        }
        throw new IllegalArgumentException("flat encoding needs fixed-width values, got " + data.kind());
    }
}
