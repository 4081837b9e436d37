package dev.jlance.codec;

import dev.jlance.compression.BlockCompressed;
import dev.jlance.compression.BlockCompressor;
import dev.jlance.compression.MiniBlockChunks;
import dev.jlance.compression.MiniBlockCompressed;
import dev.jlance.compression.MiniBlockCompressor;
import dev.jlance.compression.PerValueCompressed;
import dev.jlance.compression.PerValueCompressor;
import dev.jlance.data.DataBlock;
import dev.jlance.data.VariableWidthBlock;
import dev.jlance.format.CompressiveEncodings;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.memory.SegmentWriter;
import dev.jlance.simd.OffsetsKernel;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * Variable-width values stored as they are ({@code variable{offsets: flat}}). In a mini-block chunk
 * the buffer is the chunk's offsets, rebased to point inside the buffer, then the value bytes,
 * padded to the offset width.
 */
public final class VariableCodec implements MiniBlockCompressor, PerValueCompressor, BlockCompressor {

    /** A chunk grows (by doubling its value count) while offsets plus bytes stay within this. */
    public static final long AIM_CHUNK_BYTES = 4 * 1024;
    private static final byte PAD = 0x48;
    private static final OffsetsKernel OFFSETS = OffsetsKernel.kernel();

    public static final VariableCodec INSTANCE = new VariableCodec(AIM_CHUNK_BYTES);

    private final long chunkBytes;

    private VariableCodec(long chunkBytes) {
        this.chunkBytes = chunkBytes;
    }

    /**
     * A codec whose mini-block chunks aim at {@code chunkBytes} instead of {@link #AIM_CHUNK_BYTES}
     * ({@code lance-encoding:minichunk-size}).
     */
    public static VariableCodec withChunkBytes(long chunkBytes) {
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunk bytes must be positive: " + chunkBytes);
        }
        return chunkBytes == AIM_CHUNK_BYTES ? INSTANCE : new VariableCodec(chunkBytes);
    }

    @Override
    public MiniBlockCompressed compressMiniBlock(DataBlock data, OffHeapArena arena) {
        VariableWidthBlock block = requireVariable(data);
        int w = block.bytesPerOffset();
        long n = block.numValues();
        // counting the chunks first (a few offsets each) sizes the chunk table exactly
        int numChunks = 1;
        for (long start = 0, end; (end = nextChunkEnd(block, start, w, chunkBytes)) != n; start = end) {
            numChunks++;
        }
        MiniBlockChunks.Builder cut = MiniBlockChunks.builder(1, numChunks, arena);
        long total = 0;
        long start = 0;
        while (true) {
            long end = nextChunkEnd(block, start, w, chunkBytes);
            long bytes = block.offset(end) - block.offset(start);
            long size = (end - start + 1) * w + bytes;
            long padded = (size + w - 1) / w * w;
            boolean last = end == n;
            cut.add((int) padded, last ? 0 : Long.numberOfTrailingZeros(end - start));
            total += padded;
            if (last) {
                break;
            }
            start = end;
        }
        MiniBlockChunks chunks = cut.build();
        // offsets, bytes and padding cover every byte (checked below), so no zeroing pass
        MemorySegment out = arena.allocateUninitialized(total);
        MemorySegment values = block.data().segment();
        MemorySegment offsets = block.offsets().segment();
        long at = 0;
        long s = 0;
        for (int c = 0; c < chunks.size(); c++) {
            // chunk c holds values [s, e): its offsets (e - s + 1 of them, rebased past themselves), then its bytes
            long e = c == chunks.size() - 1 ? n : s + (1L << chunks.logNumValues(c));
            long base = block.offset(s);
            long count = e - s + 1;
            long header = count * w;
            if (w == 4) {
                OFFSETS.rebase32(offsets, s, out, at, count, (int) (header - base));
            } else {
                OFFSETS.rebase64(offsets, s, out, at, count, header - base);
            }
            long bytes = block.offset(e) - base;
            MemorySegment.copy(values, base, out, at + header, bytes);
            long used = header + bytes;
            long padded = chunks.bufferSize(c, 0);
            if (padded < used || padded - used >= w) {
                throw new IllegalStateException("chunk " + c + " planned " + padded + " bytes, holds " + used);
            }
            for (long p = at + used; p < at + padded; p++) {
                out.set(ValueLayout.JAVA_BYTE, p, PAD);
            }
            at += padded;
            s = e;
        }
        if (at != total) {
            throw new IllegalStateException("chunks wrote " + at + " bytes of " + total);
        }
        return new MiniBlockCompressed(List.of(out), chunks, n, CompressiveEncodings.variable(block.bitsPerOffset()));
    }

    /**
     * Where the chunk starting at value {@code start} ends (exclusive): double the count while the
     * chunk (offsets plus bytes) fits in {@link #AIM_CHUNK_BYTES} and keep the last count that fit;
     * when the rest of the page fits, take all of it. A single value is taken even if it is larger.
     *
     * <p>Official Lance 7.0.0 does exactly this (observed: 300 nulls then 250-byte strings are cut
     * into 256, 32, 16, 16, ... values). The Nov-2025 source instead took the doubling that
     * overflowed, which can build chunks over the 32 KiB a 2.1 chunk may hold.
     */
    static long nextChunkEnd(VariableWidthBlock block, long start, int w) {
        return nextChunkEnd(block, start, w, AIM_CHUNK_BYTES);
    }

    static long nextChunkEnd(VariableWidthBlock block, long start, int w, long aim) {
        long n = block.numValues();
        long base = block.offset(start);
        long count = 1;
        long next = 2;
        while (true) {
            if (start + next > n) {
                long rest = block.offset(n) - base + (n - start + 1) * w;
                return rest <= aim ? n : start + count;
            }
            long size = block.offset(start + next) - base + (next + 1) * w;
            if (size > aim) {
                return start + count;
            }
            count = next;
            next *= 2;
        }
    }

    @Override
    public PerValueCompressed compressPerValue(DataBlock data, OffHeapArena arena) {
        VariableWidthBlock block = requireVariable(data);
        return new PerValueCompressed.Variable(block, CompressiveEncodings.variable(block.bitsPerOffset()));
    }

    /**
     * The block form (dictionaries): offset width in bits and where the bytes start, both as one
     * offset-width word, then the offsets as they are, then the bytes.
     */
    @Override
    public BlockCompressed compressBlock(DataBlock data, OffHeapArena arena) {
        VariableWidthBlock block = requireVariable(data);
        int w = block.bytesPerOffset();
        long n = block.numValues();
        long base = block.offset(0);
        long bytes = block.offset(n) - base;
        long header = 2L * w + (n + 1) * w;
        MemorySegment out = arena.allocate(header + bytes);
        SegmentWriter writer = new SegmentWriter(out);
        writer.uint(block.bitsPerOffset(), w);
        writer.uint(header, w);
        for (long i = 0; i <= n; i++) {
            writer.uint(block.offset(i) - base, w);
        }
        writer.bytes(block.data().segment(), base, bytes);
        writer.finish();
        return new BlockCompressed(out, CompressiveEncodings.variable(block.bitsPerOffset()));
    }

    private static VariableWidthBlock requireVariable(DataBlock data) {
        if (data instanceof VariableWidthBlock v) {
            return v;
        }
        throw new IllegalArgumentException("variable encoding needs variable-width values, got " + data.kind());
    }
}
