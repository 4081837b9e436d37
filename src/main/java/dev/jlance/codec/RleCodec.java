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
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
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
 * power-of-two prefix (at most 4096 values, at least 64, 128 or 256 for 8-, 4/8- and 1-byte values)
 * whose encoding fits. Like official Lance, a prefix is measured in whole runs, recorded at the
 * first value after the run that reached it: when that run crosses the cut, the chunk's entries
 * cover a few values past its count (readers stop at the count; the next chunk starts at the cut).
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
        int width = data.bitsPerValue() / 8;
        MemorySegment s = data.data().segment();
        long total = 0;
        for (long pos = 0; pos < n; ) {
            long runEnd = runEnd(s, width, pos, n);
            total += entries(runEnd - pos);
            pos = runEnd;
        }
        return total * (width + 1);
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
        return compress(block, arena, true);
    }

    /** Longs per chunk in a page's cut plan. */
    private static final int PLAN_LONGS = 4;

    /**
     * Compresses {@code block}; {@code searchShortRuns} false walks every run even when all are
     * short (the reference the searching path is tested against).
     */
    static MiniBlockCompressed compress(FixedWidthBlock block, OffHeapArena arena, boolean searchShortRuns) {
        checkWidth(block.bitsPerValue());
        RunEnds runs = RunEnds.scan(block.data().segment(), block.bitsPerValue() / 8, block.numValues());
        try {
            // With no run longer than one entry holds, every run is one entry: chunks are found by
            // searching the run ends and runs are written without splitting.
            return compress(block, runs, arena, searchShortRuns && !runs.anyLongerThan(MAX_RUN));
        } finally {
            runs.release();
        }
    }

    private static MiniBlockCompressed compress(FixedWidthBlock block, RunEnds runs, OffHeapArena arena,
            boolean shortRuns) {
        int bits = block.bitsPerValue();
        int width = bits / 8;
        long n = block.numValues();
        MemorySegment src = block.data().segment();
        // Plan the cuts first: each chunk's entry count gives the buffers' exact sizes.
        // per chunk, PLAN_LONGS longs: start, count, entries, covered
        long[] plan = new long[PLAN_LONGS * (int) Math.min(1 << 12, n / 2048 + 1)]; // grows past the guess
        int chunkCount = 0;
        long totalEntries = 0;
        for (long start = 0; start < n; ) {
            long[] cut = shortRuns ? shortRunsChunk(runs, bits, start, n) : nextChunk(runs, bits, start, n);
            if (PLAN_LONGS * (chunkCount + 1) > plan.length) {
                plan = Arrays.copyOf(plan, plan.length * 2);
            }
            int at = PLAN_LONGS * chunkCount++;
            plan[at] = start;
            plan[at + 1] = cut[0];
            plan[at + 2] = cut[1];
            plan[at + 3] = cut.length > 2 ? cut[2] : cut[0];
            totalEntries += cut[1];
            start += cut[0];
        }

        // every planned entry is written (checked below), so no zeroing pass
        MemorySegment values = arena.allocateUninitialized(totalEntries * width);
        MemorySegment lengths = arena.allocateUninitialized(totalEntries);
        MiniBlockChunks.Builder chunks = MiniBlockChunks.builder(2, chunkCount, arena);
        long entry = 0;
        for (int c = 0; c < chunkCount; c++) {
            int p = PLAN_LONGS * c;
            long from = plan[p];
            long to = from + plan[p + 3];
            long entries = shortRuns ? writeShortRuns(runs, src, width, from, to, values, lengths, entry)
                    : writeRuns(runs, src, width, from, to, values, lengths, entry);
            if (entries != plan[p + 2]) {
                throw new IllegalStateException("RLE chunk planned " + plan[p + 2] + " entries, wrote " + entries);
            }
            entry += entries;
            boolean last = c == chunkCount - 1;
            chunks.add((int) (entries * width), (int) entries, last ? 0 : Long.numberOfTrailingZeros(plan[p + 1]));
        }
        return new MiniBlockCompressed(List.of(values, lengths), chunks.build(), n, encoding(bits));
    }

    /**
     * The chunk starting at {@code start}: {@code {values, entries}}. One pass over the runs of at
     * most 4096 values records the entries of every power-of-two prefix (a run still open at the cut
     * counts up to the cut) and of the whole window; it stops early once no longer prefix can fit.
     */
    static long[] nextChunk(RunEnds runs, int bits, long start, long n) {
        long[] official = officialChunk(runs, bits / 8, start, n);
        return official != null ? official : splitChunk(runs, bits, start, n);
    }

    /**
     * Official Lance's chunk (its rolling encoder, replayed run by run): {@code {values, entries,
     * covered}}, or null when it finds none (then {@link #splitChunk} decides).
     */
    static long[] officialChunk(RunEnds runs, int width, long start, long n) {
        long remaining = n - start;
        long window = Math.min(remaining, FlatCodec.MAX_MINIBLOCK_VALUES);
        long maxEntries = FlatCodec.MAX_MINIBLOCK_BYTES / (width + 1);
        long checkpoint = width == 1 ? 256 : width == 2 ? 128 : 64;
        long total = 0; // values in closed runs
        long entries = 0;
        long[] saved = null;
        long limit = start + window;
        int[] ends = runs.ends();
        int r = runs.runAt(start);
        long pos = start;
        long runEnd = Math.min(ends[r], limit);
        while (runEnd < limit) {
            // the value at runEnd differs: the run [pos, runEnd) closes there
            long need = entries(runEnd - pos);
            if (entries + need > maxEntries) {
                return saved;
            }
            entries += need;
            total = runEnd - start;
            long nextEnd = Math.min(ends[++r], limit);
            // one checkpoint may be recorded per value of the next run, all with the same total
            for (long steps = nextEnd - runEnd; steps > 0 && checkpoint <= Math.min(total, remaining); steps--) {
                saved = new long[] {checkpoint, entries, total};
                checkpoint <<= 1;
            }
            pos = runEnd;
            runEnd = nextEnd;
        }
        long last = entries(runEnd - pos);
        if (entries + last <= maxEntries) {
            entries += last;
            total = runEnd - start;
        }
        if (total == remaining || Long.bitCount(total) == 1) {
            return new long[] {total, entries, total};
        }
        return saved;
    }

    /**
     * {@link #nextChunk} for a block whose runs all fit one entry: {@link #officialChunk}'s answer
     * without walking every run. There, each run closing inside the window adds one entry and
     * records the checkpoints its total has reached; here a binary search over the run ends finds,
     * for each checkpoint, the first close that reaches it, and the window's close count comes from
     * where its end falls. (The walk records at most one checkpoint per value of the run after a
     * close; that limit never matters here: a close reaches two checkpoints at once only below 512
     * values, as no run is longer than 255, while the recorded checkpoint is the answer only when the
     * entry limit is reached, after 909 values or more, so one is always recorded by then.)
     */
    static long[] shortRunsChunk(RunEnds runs, int bits, long start, long n) {
        int width = bits / 8;
        long remaining = n - start;
        long window = Math.min(remaining, FlatCodec.MAX_MINIBLOCK_VALUES);
        long maxEntries = FlatCodec.MAX_MINIBLOCK_BYTES / (width + 1);
        long limit = start + window;
        int[] ends = runs.ends();
        int first = runs.runAt(start);
        long closes = runs.firstEndingAtOrAfter(first, limit) - first; // runs ending inside the window
        if (closes <= maxEntries) {
            long entries = closes;
            long total = closes == 0 ? 0 : ends[first + (int) closes - 1] - start;
            if (entries < maxEntries) { // the run reaching the window's end
                entries++;
                total = window;
            }
            if (total == remaining || Long.bitCount(total) == 1) {
                return new long[] {total, entries, total};
            }
        }
        // the entry limit stopped the walk: the chunk is the last checkpoint reached before it
        long[] saved = null;
        int k = first;
        for (long checkpoint = width == 1 ? 256 : width == 2 ? 128 : 64; ; checkpoint <<= 1) {
            k = runs.firstEndingAtOrAfter(k, start + checkpoint); // the first run whose close reaches it
            long close = k - first + 1L;
            if (close > Math.min(closes, maxEntries)) {
                return saved != null ? saved : splitChunk(runs, bits, start, n);
            }
            saved = new long[] {checkpoint, close, ends[k] - start};
        }
    }

    /** The chunk when official's encoder finds none: the largest fitting prefix, its last run cut. */
    static long[] splitChunk(RunEnds runs, int bits, long start, long n) {
        int width = bits / 8;
        long remaining = n - start;
        long window = Math.min(remaining, FlatCodec.MAX_MINIBLOCK_VALUES);
        long end = start + window;
        long maxEntries = FlatCodec.MAX_MINIBLOCK_BYTES / (width + 1);
        long[] entriesAt = new long[13]; // [k] = entries of the first 2^k values
        Arrays.fill(entriesAt, Long.MAX_VALUE);
        long closed = 0; // entries of the runs already ended
        long cut = 2; // the next power-of-two prefix to record
        long pos = start;
        while (pos < end && closed <= maxEntries) {
            long runEnd = runs.endOf(pos, end);
            for (; cut <= window && start + cut <= runEnd; cut <<= 1) {
                entriesAt[Long.numberOfTrailingZeros(cut)] = closed + entries(start + cut - pos);
            }
            closed += entries(runEnd - pos);
            pos = runEnd;
        }
        long all = pos == end ? closed : Long.MAX_VALUE;
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

    /**
     * Writes the runs of values {@code [from, to)} (a run going on past {@code to} is cut there) as
     * entries starting at entry {@code entry}; returns the entries written.
     */
    private static long writeRuns(RunEnds runs, MemorySegment src, int width, long from, long to,
            MemorySegment values, MemorySegment lengths, long entry) {
        long e = entry;
        int[] ends = runs.ends();
        int r = runs.runAt(from);
        for (long pos = from; pos < to; ) {
            long runEnd = Math.min(ends[r++], to);
            for (long length = runEnd - pos; length > 0; length -= MAX_RUN) {
                copyValue(src, pos, values, e, width);
                lengths.set(Layouts.U8, e, (byte) Math.min(length, MAX_RUN));
                e++;
            }
            pos = runEnd;
        }
        return e - entry;
    }

    /** {@link #writeRuns} when every run is one entry: one loop per width, nothing to split. */
    private static long writeShortRuns(RunEnds runs, MemorySegment src, int width, long from, long to,
            MemorySegment values, MemorySegment lengths, long entry) {
        int[] ends = runs.ends();
        int r = runs.runAt(from);
        int last = runs.firstEndingAtOrAfter(r, to); // the run holding value to - 1
        long e = entry;
        long pos = from;
        // runs r .. last - 1 end inside [from, to); the last one is cut at to
        switch (width) {
            case 1 -> {
                for (; r < last; r++, e++) {
                    values.set(Layouts.U8, e, src.get(Layouts.U8, pos));
                    lengths.set(Layouts.U8, e, (byte) (ends[r] - pos));
                    pos = ends[r];
                }
            }
            case 2 -> {
                for (; r < last; r++, e++) {
                    values.setAtIndex(Layouts.U16, e, src.getAtIndex(Layouts.U16, pos));
                    lengths.set(Layouts.U8, e, (byte) (ends[r] - pos));
                    pos = ends[r];
                }
            }
            case 4 -> {
                for (; r < last; r++, e++) {
                    values.setAtIndex(Layouts.U32, e, src.getAtIndex(Layouts.U32, pos));
                    lengths.set(Layouts.U8, e, (byte) (ends[r] - pos));
                    pos = ends[r];
                }
            }
            default -> {
                for (; r < last; r++, e++) {
                    values.setAtIndex(Layouts.U64, e, src.getAtIndex(Layouts.U64, pos));
                    lengths.set(Layouts.U8, e, (byte) (ends[r] - pos));
                    pos = ends[r];
                }
            }
        }
        copyValue(src, pos, values, e, width);
        lengths.set(Layouts.U8, e, (byte) (Math.min(ends[last], to) - pos));
        return e + 1 - entry;
    }

    private static void copyValue(MemorySegment src, long from, MemorySegment dst, long to, int width) {
        switch (width) {
            case 1 -> dst.set(Layouts.U8, to, src.get(Layouts.U8, from));
            case 2 -> dst.setAtIndex(Layouts.U16, to, src.getAtIndex(Layouts.U16, from));
            case 4 -> dst.setAtIndex(Layouts.U32, to, src.getAtIndex(Layouts.U32, from));
            default -> dst.setAtIndex(Layouts.U64, to, src.getAtIndex(Layouts.U64, from));
        }
    }

    /**
     * End (exclusive) of the run starting at value {@code from}, at most {@code limit}. A run that
     * goes on past its second value is measured with one bulk comparison of the values against
     * their predecessors ({@link MemorySegment#mismatch}, vectorised by the JDK).
     */
    static long runEnd(MemorySegment s, int width, long from, long limit) {
        long next = from + 1;
        if (next >= limit || !sameValue(s, width, from, next)) {
            return Math.min(next, limit);
        }
        long m = MemorySegment.mismatch(s, next * width, limit * width, s, from * width, (limit - 1) * width);
        return m < 0 ? limit : next + m / width;
    }

    private static boolean sameValue(MemorySegment s, int width, long a, long b) {
        return switch (width) {
            case 1 -> s.get(Layouts.U8, a) == s.get(Layouts.U8, b);
            case 2 -> s.getAtIndex(Layouts.U16, a) == s.getAtIndex(Layouts.U16, b);
            case 4 -> s.getAtIndex(Layouts.U32, a) == s.getAtIndex(Layouts.U32, b);
            default -> s.getAtIndex(Layouts.U64, a) == s.getAtIndex(Layouts.U64, b);
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
