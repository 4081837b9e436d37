package dev.jlance.codec;

import dev.jlance.compression.MiniBlockChunks;
import dev.jlance.compression.MiniBlockCompressed;
import dev.jlance.compression.MiniBlockCompressor;
import dev.jlance.data.DataBlock;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.format.CompressiveEncodings;
import dev.jlance.format.pb.Encodings21;
import dev.jlance.format.pb.Encodings21.CompressiveEncoding;
import dev.jlance.memory.Layouts;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.schema.FieldEncodingParams.ByteStreamSplitMode;
import dev.jlance.simd.ByteStreamSplitKernels;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Byte-stream-split for 32- and 64-bit values ({@code byte_stream_split{values: flat{W}}}): within
 * each chunk of n values, byte j of value i moves to position {@code j·n + i}, so bytes of the same
 * significance sit together and a general compressor wrapped around it finds them. It does not
 * shrink anything on its own; official Lance uses it only under zstd/lz4.
 *
 * <p>Chunks hold 1024 values (32-bit) or 512 (64-bit), 4 KiB either way; the last holds the rest.
 */
public final class ByteStreamSplitCodec implements MiniBlockCompressor {

    public static final ByteStreamSplitCodec INSTANCE = new ByteStreamSplitCodec();

    /** Values sampled, from the start of the page, for the byte-position entropy. */
    public static final int ENTROPY_SAMPLE = 64;
    /** Auto mode's sensitivity: splitting pays when the mean entropy is below this × 8 bits. */
    public static final double AUTO_SENSITIVITY = 0.5;

    private static final ByteStreamSplitKernels KERNELS = ByteStreamSplitKernels.get();

    private ByteStreamSplitCodec() {
    }

    /** Values per chunk for a width (only 32 and 64 are supported). */
    public static int valuesPerChunk(int bitsPerValue) {
        return switch (bitsPerValue) {
            case 32 -> 1024;
            case 64 -> 512;
            default -> throw new IllegalArgumentException("byte-stream-split needs 32- or 64-bit values, got "
                    + bitsPerValue);
        };
    }

    /** The encoding for values of {@code bitsPerValue} bits. */
    public static CompressiveEncoding encoding(int bitsPerValue) {
        return CompressiveEncoding.newBuilder()
                .setByteStreamSplit(Encodings21.ByteStreamSplit.newBuilder()
                        .setValues(CompressiveEncodings.flat(bitsPerValue)))
                .build();
    }

    @Override
    public MiniBlockCompressed compressMiniBlock(DataBlock data, OffHeapArena arena) {
        if (!(data instanceof FixedWidthBlock block)) {
            throw new IllegalArgumentException("byte-stream-split needs fixed-width values, got " + data.kind());
        }
        int bits = block.bitsPerValue();
        int perChunk = valuesPerChunk(bits);
        int width = bits / 8;
        long n = block.numValues();
        MemorySegment src = block.data().segment();
        MemorySegment out = arena.allocateUninitialized(n * width); // every byte is split into
        MiniBlockChunks.Builder chunks = MiniBlockChunks.builder(1, (int) ((n + perChunk - 1) / perChunk), arena);
        for (long start = 0; start < n; start += perChunk) {
            int count = (int) Math.min(perChunk, n - start);
            long offset = start * width;
            long bytes = (long) count * width;
            KERNELS.split(src.asSlice(offset, bytes), out.asSlice(offset, bytes), width);
            boolean last = start + count == n;
            chunks.add((int) bytes, last ? 0 : Integer.numberOfTrailingZeros(count));
        }
        return new MiniBlockCompressed(List.of(out), chunks.build(), n, encoding(bits));
    }

    /**
     * Whether byte-stream-split should be used for {@code data} under {@code mode}: never for widths
     * other than 32 and 64 bits or when off, always when on, and in auto mode when the mean
     * {@linkplain #bytePositionEntropy entropy} of the byte positions is under 4 bits (Lance's
     * {@code should_use_bss}). It does not check that general compression was requested; callers do.
     */
    public static boolean shouldUse(FixedWidthBlock data, ByteStreamSplitMode mode) {
        if (data.bitsPerValue() != 32 && data.bitsPerValue() != 64) {
            return false;
        }
        return switch (mode) {
            case OFF -> false;
            case ON -> true;
            case AUTO -> {
                long[] entropies = bytePositionEntropy(data);
                if (entropies.length == 0) {
                    yield false;
                }
                long sum = 0;
                for (long e : entropies) {
                    sum += e;
                }
                yield (double) sum / entropies.length / 1000.0 < AUTO_SENSITIVITY * 8.0;
            }
        };
    }

    /**
     * Shannon entropy (bits, × 1000, truncated) of each byte position over the first
     * {@link #ENTROPY_SAMPLE} values; empty for an empty block. Lance's {@code BytePositionEntropy}
     * statistic. (Computed here rather than in {@code BlockStatistics} because only this decision
     * reads it.)
     */
    public static long[] bytePositionEntropy(FixedWidthBlock data) {
        int samples = (int) Math.min(data.numValues(), ENTROPY_SAMPLE);
        if (samples == 0 || data.bitsPerValue() % 8 != 0) {
            return new long[0];
        }
        int width = data.bytesPerValue();
        MemorySegment s = data.data().segment();
        long[] out = new long[width];
        int[] counts = new int[256];
        for (int pos = 0; pos < width; pos++) {
            java.util.Arrays.fill(counts, 0);
            for (int i = 0; i < samples; i++) {
                counts[s.get(Layouts.U8, (long) i * width + pos) & 0xFF]++;
            }
            double entropy = 0;
            for (int c : counts) {
                if (c > 0) {
                    double p = (double) c / samples;
                    entropy -= p * log2(p);
                }
            }
            out[pos] = (long) (entropy * 1000.0);
        }
        return out;
    }

    private static final double LN2 = Math.log(2.0);

    private static double log2(double x) {
        return Math.log(x) / LN2;
    }

    @Override
    public String toString() {
        return "ByteStreamSplitCodec";
    }
}
