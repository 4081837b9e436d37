package dev.jlance.codec;

import dev.jlance.compression.MiniBlockChunk;
import dev.jlance.compression.MiniBlockCompressed;
import dev.jlance.compression.MiniBlockCompressor;
import dev.jlance.data.DataBlock;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.format.CompressiveEncodings;
import dev.jlance.format.pb.Encodings21;
import dev.jlance.format.pb.Encodings21.CompressiveEncoding;
import dev.jlance.memory.Layouts;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.memory.SegmentWriter;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Run-length encoding for mini-block pages of 8/16/32/64-bit values
 * ({@code rle{values: flat{W}, run_lengths: flat{8}}}). Each chunk has two value buffers: the value
 * of every run (raw, W bits) and its length as a u8; runs longer than 255 become several entries of
 * 255 and one with the rest. Values are compared bit for bit (floats included).
 *
 * <p>Chunks are cut as official Lance 7.0.0 cuts them (checked against its output): when the rest of
 * the page is at most {@link FlatCodec#MAX_MINIBLOCK_VALUES} values and encodes within
 * {@link FlatCodec#MAX_MINIBLOCK_BYTES}, it is the last chunk; otherwise the chunk is the largest
 * power-of-two prefix (at most 4096 values) whose encoding fits, a run crossing the cut being split
 * there.
 */
public final class RleCodec implements MiniBlockCompressor {

    public static final RleCodec INSTANCE = new RleCodec();

    /** Longest run one entry holds. */
    public static final int MAX_RUN = 255;

    private RleCodec() {
    }

    /** The encoding for values of {@code bitsPerValue} bits. */
    public static CompressiveEncoding encoding(int bitsPerValue) {
        return CompressiveEncoding.newBuilder()
                .setRle(Encodings21.Rle.newBuilder()
                        .setValues(CompressiveEncodings.flat(bitsPerValue))
                        .setRunLengths(CompressiveEncodings.flat(8)))
                .build();
    }

    /** Entries (value + u8 length) a run of {@code length} values takes. */
    static long entries(long length) {
        return (length + MAX_RUN - 1) / MAX_RUN;
    }

    /**
     * Bytes the whole block takes run-length encoded (values plus lengths, all chunks): an estimate
     * for the compression strategy, exact except where chunk cuts split a run.
     */
    public static long encodedSize(FixedWidthBlock data) {
        checkWidth(data.bitsPerValue());
        long n = data.numValues();
        if (n == 0) {
            return 0;
        }
        int bits = data.bitsPerValue();
        MemorySegment s = data.data().segment();
        long total = 0;
        long runStart = 0;
        long prev = read(s, 0, bits);
        for (long i = 1; i < n; i++) {
            long v = read(s, i, bits);
            if (v != prev) {
                total += entries(i - runStart);
                runStart = i;
                prev = v;
            }
        }
        total += entries(n - runStart);
        return total * (bits / 8 + 1);
    }

    /**
     * Official Lance's size estimate for an RLE page, from the run count alone:
     * {@code min(runs + n/255, n)} entries of {@code W/8 + 1} bytes (long runs are assumed split).
     * Official 7.0.0 picks RLE when this is below the raw size and not above its inline-bitpacking
     * estimate (with {@code lance-encoding:rle-threshold} set it also requires
     * {@code runs < n · threshold}). Checked against 7.0.0's choices: {@code [1,0,0]} int32 and
     * int64 runs of 2 take RLE, int8 runs of 2 stay flat.
     */
    public static long estimatedBytes(long numValues, long runCount, int bitsPerValue) {
        checkWidth(bitsPerValue);
        long entries = Math.min(runCount + numValues / MAX_RUN, numValues);
        return entries * (bitsPerValue / 8 + 1);
    }

    @Override
    public MiniBlockCompressed compressMiniBlock(DataBlock data, OffHeapArena arena) {
        if (!(data instanceof FixedWidthBlock block)) {
            throw new IllegalArgumentException("RLE needs fixed-width values, got " + data.kind());
        }
        int bits = block.bitsPerValue();
        checkWidth(bits);
        int width = bits / 8;
        long n = block.numValues();
        MemorySegment src = block.data().segment();

        // Plan the cuts first: each chunk's entry count gives the buffers' exact sizes.
        List<long[]> plan = new ArrayList<>(); // {start, count, entries}
        long totalEntries = 0;
        for (long start = 0; start < n; ) {
            long[] cut = nextChunk(src, bits, start, n);
            plan.add(new long[] {start, cut[0], cut[1]});
            totalEntries += cut[1];
            start += cut[0];
        }

        MemorySegment values = arena.allocate(totalEntries * width);
        MemorySegment lengths = arena.allocate(totalEntries);
        SegmentWriter valueOut = new SegmentWriter(values);
        SegmentWriter lengthOut = new SegmentWriter(lengths);
        List<MiniBlockChunk> chunks = new ArrayList<>(plan.size());
        for (int c = 0; c < plan.size(); c++) {
            long[] p = plan.get(c);
            long entries = writeRuns(src, bits, p[0], p[0] + p[1], valueOut, lengthOut);
            if (entries != p[2]) {
                throw new IllegalStateException("RLE chunk planned " + p[2] + " entries, wrote " + entries);
            }
            boolean last = c == plan.size() - 1;
            chunks.add(new MiniBlockChunk(new int[] {(int) (entries * width), (int) entries},
                    last ? 0 : Long.numberOfTrailingZeros(p[1])));
        }
        valueOut.finish();
        lengthOut.finish();
        return new MiniBlockCompressed(List.of(values, lengths), chunks, n, encoding(bits));
    }

    /**
     * The chunk starting at {@code start}: {@code {values, entries}}. One pass over at most 4096
     * values records the entries of every power-of-two prefix (a run still open at the cut counts up
     * to the cut) and of the whole window.
     */
    static long[] nextChunk(MemorySegment src, int bits, long start, long n) {
        long remaining = n - start;
        long window = Math.min(remaining, FlatCodec.MAX_MINIBLOCK_VALUES);
        long maxEntries = FlatCodec.MAX_MINIBLOCK_BYTES / (bits / 8 + 1);
        long[] entriesAt = new long[13]; // [k] = entries of the first 2^k values
        long closed = 0; // entries of the runs already ended
        long runStart = start;
        long prev = read(src, start, bits);
        for (long i = start + 1; i < start + window; i++) {
            long v = read(src, i, bits);
            if (v != prev) {
                closed += entries(i - runStart);
                runStart = i;
                prev = v;
            }
            long prefix = i - start + 1;
            if ((prefix & (prefix - 1)) == 0) {
                entriesAt[Long.numberOfTrailingZeros(prefix)] = closed + entries(i + 1 - runStart);
            }
        }
        long all = closed + entries(start + window - runStart);
        if (remaining <= FlatCodec.MAX_MINIBLOCK_VALUES && all <= maxEntries) {
            return new long[] {remaining, all};
        }
        for (int k = 63 - Long.numberOfLeadingZeros(window); k >= 1; k--) {
            if (entriesAt[k] <= maxEntries) {
                return new long[] {1L << k, entriesAt[k]};
            }
        }
        // unreachable: two values take at most two entries of at most 9 bytes
        throw new IllegalStateException("no RLE chunk of two or more values fits " + FlatCodec.MAX_MINIBLOCK_BYTES
                + " bytes");
    }

    /** Writes the runs of values {@code [from, to)} (a run going on past {@code to} is cut there); returns the entries written. */
    private static long writeRuns(MemorySegment src, int bits, long from, long to, SegmentWriter valueOut,
            SegmentWriter lengthOut) {
        int width = bits / 8;
        long written = 0;
        long runStart = from;
        long prev = read(src, from, bits);
        for (long i = from + 1; i <= to; i++) {
            long v = i < to ? read(src, i, bits) : 0;
            if (i < to && v == prev) {
                continue;
            }
            for (long length = i - runStart; length > 0; length -= MAX_RUN) {
                valueOut.uint(prev, width);
                lengthOut.u8((int) Math.min(length, MAX_RUN));
                written++;
            }
            runStart = i;
            prev = v;
        }
        return written;
    }

    private static long read(MemorySegment s, long index, int bits) {
        return switch (bits) {
            case 8 -> s.get(Layouts.U8, index);
            case 16 -> s.getAtIndex(Layouts.U16, index);
            case 32 -> s.getAtIndex(Layouts.U32, index);
            case 64 -> s.getAtIndex(Layouts.U64, index);
            default -> throw new IllegalArgumentException("bits " + bits);
        };
    }

    private static void checkWidth(int bits) {
        if (bits != 8 && bits != 16 && bits != 32 && bits != 64) {
            throw new IllegalArgumentException("RLE needs 8, 16, 32 or 64-bit values, got " + bits);
        }
    }

    @Override
    public String toString() {
        return "RleCodec";
    }
}
