package dev.jlance.codec.fsst;

import dev.jlance.data.VariableWidthBlock;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.simd.FsstMatchTables;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * Builds an FSST symbol table for a page, as the FSST paper (Boncz, Neumann, Leis, VLDB 2020)
 * describes: take a sample of about {@value #SAMPLE_TARGET} bytes, then repeat rounds of
 * "compress the sample greedily with the current table, counting how often each symbol and each
 * pair of consecutive symbols occurs; rank every symbol and every concatenated pair by gain =
 * count × length (single bytes count 8 times: they save escapes); keep the best 255". Warm-up
 * rounds look at part of the sample only and drop rare candidates less eagerly; refinement rounds
 * look at all of it until they stop helping. The table that compressed the sample best is kept and
 * laid out by symbol length.
 *
 * <p>Count × length assumes a symbol of n bytes stands in for n codes wherever it occurs. On data
 * with no repeats longer than two bytes (hashes, UUIDs, random ids) that overrates the longer
 * symbols the rounds join: "7-4" in a UUID occurs only where the greedy parse happens to stand on
 * the byte before a dash, it saves no more than the pairs it displaces, and it shifts the parse of
 * the bytes after it. So when the best table does not save more than any table of bytes and pairs
 * could (one byte in two), the rounds run a second time with symbols of at most two bytes, and the
 * sample decides between the two. Last, symbols the sample never uses (a byte kept as the fallback
 * of the pairs that start with it, a prefix of a longer symbol) give their codes to the best
 * candidates not in the table, as long as that compresses the sample better.
 *
 * <p>Deterministic: the sample is drawn with a fixed seed and ties are broken by symbol bytes, so
 * the same values always give the same table, on any thread.
 */
public final class FsstTrainer {

    /** Bytes of sample the table is trained on (the sample may exceed it by one piece). */
    public static final int SAMPLE_TARGET = 16 * 1024;
    /** Long values contribute pieces of at most this many bytes to the sample. */
    static final int SAMPLE_PIECE = 512;
    /** Seed of the sample draw: fixed so output is reproducible. */
    static final long SAMPLE_SEED = 0x6A6C616E63654653L;

    /** Share of the sample (in 1/128) each warm-up round looks at: quick first tables, from few lines. */
    private static final int[] WARM_UP = {8, 38, 68, 98};
    /**
     * Rounds on the whole sample after the warm-up, while they improve. The paper's five rounds
     * stop before the table settles: on URLs, e-mails and log lines these rounds save another
     * 10-20% (measured on the corpora of the tests) for about 1 ms more training.
     */
    private static final int MAX_REFINE_ROUNDS = 8;
    /** Refining stops after this many rounds that beat no earlier table of the same run. */
    private static final int PATIENCE = 2;
    private static final int FULL = 128;
    /** Longest FSST symbol. */
    private static final int MAX_LENGTH = 8;
    /** Symbol length limit of the second run, for data whose repeats are no longer than pairs. */
    private static final int PAIRS = 2;
    /** Codes a training table can have: an escape for each byte value, then the symbols. */
    private static final int MAX_CODES = 256 + FsstSymbolTable.MAX_SYMBOLS;
    /** At most this many times unused symbols are replaced. */
    private static final int MAX_REPLACEMENTS = 3;

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private FsstTrainer() {
    }

    /** Trains a table on a sample of {@code block}'s values. */
    public static FsstSymbolTable train(VariableWidthBlock block) {
        try (Workspace work = Workspace.open()) {
            return train(block, work);
        }
    }

    /** Trains a table on a sample of {@code block}'s values in {@code work}'s memory; the table is on the heap. */
    static FsstSymbolTable train(VariableWidthBlock block, Workspace work) {
        return train(sample(block, work), work, null);
    }

    /**
     * Trains a table on a sample of {@code block}'s values in {@code work}'s memory; the table
     * lives in {@code arena} (a page's), off the heap.
     */
    static FsstSymbolTable train(VariableWidthBlock block, Workspace work, OffHeapArena arena) {
        return train(sample(block, work), work, Objects.requireNonNull(arena, "arena"));
    }

    /**
     * Values to train on: {@code bytes} (with at least 8 spare bytes after the last line) cut at
     * {@code bounds[0..lines]}.
     */
    record Sample(byte[] bytes, int[] bounds, int lines) {
        int size() {
            return bounds[lines];
        }
    }

    /**
     * The memory one training (and the compression after it) works in: the sample, the training
     * table, counters and candidates, sized for the largest table once, about 1.2 MB. A thread keeps
     * its idle workspace for its next page, so steady-state training allocates almost nothing.
     */
    static final class Workspace implements AutoCloseable {
        private static final ThreadLocal<Workspace> IDLE = new ThreadLocal<>();

        final byte[] sampleBytes = new byte[SAMPLE_TARGET + SAMPLE_PIECE + 8];
        final int[] sampleBounds = new int[SAMPLE_TARGET + 1];
        final int[] histogram = new int[256];
        final Table table = new Table();
        final Counters counters = new Counters(MAX_CODES);
        final Candidates candidates = new Candidates();
        final Best best = new Best();
        /** The table as it was before {@link #replaceUnused} tried replacements. */
        final long[] keptValues = new long[MAX_CODES];
        final int[] keptLengths = new int[MAX_CODES];
        final boolean[] used = new boolean[MAX_CODES];
        /** The code each symbol of the finished table gets. */
        final int[] codes = new int[FsstSymbolTable.MAX_SYMBOLS];
        final FsstMatchTables matchTables = new FsstMatchTables();

        Workspace() {
        }

        /** The calling thread's idle workspace, or a new one. */
        static Workspace open() {
            Workspace w = IDLE.get();
            if (w == null) {
                return new Workspace();
            }
            IDLE.remove();
            return w;
        }

        /** {@code table}'s lookup tables, compiled into this workspace's (valid until the next call). */
        FsstMatchTables matchTables(FsstSymbolTable table) {
            return table.loadInto(matchTables);
        }

        /** Hands the workspace back to the thread for its next page. */
        @Override
        public void close() {
            IDLE.set(this);
        }
    }

    /**
     * All non-empty values when they add up to at most {@value #SAMPLE_TARGET} bytes; otherwise
     * pieces of up to {@value #SAMPLE_PIECE} bytes around randomly drawn byte positions (so every
     * byte of the page is equally likely to be sampled), until the target is reached.
     */
    static Sample sample(VariableWidthBlock block) {
        return sample(block, new Workspace());
    }

    /** As {@link #sample(VariableWidthBlock)}, in {@code work}'s sample buffers. */
    static Sample sample(VariableWidthBlock block, Workspace work) {
        long n = block.numValues();
        MemorySegment data = block.data().segment();
        long base = n == 0 ? 0 : block.offset(0);
        long total = n == 0 ? 0 : block.offset(n) - base;
        if (total <= SAMPLE_TARGET) {
            byte[] bytes = work.sampleBytes;
            MemorySegment.copy(data, ValueLayout.JAVA_BYTE, base, bytes, 0, (int) total);
            int[] bounds = work.sampleBounds;
            bounds[0] = 0;
            int lines = 0;
            for (long i = 0; i < n; i++) {
                long end = block.offset(i + 1) - base;
                if (end > bounds[lines]) {
                    bounds[++lines] = (int) end;
                }
            }
            return new Sample(bytes, bounds, lines);
        }
        byte[] bytes = work.sampleBytes;
        int[] bounds = work.sampleBounds;
        bounds[0] = 0;
        int lines = 0;
        int size = 0;
        long state = SAMPLE_SEED;
        while (size < SAMPLE_TARGET) {
            state += 0x9E3779B97F4A7C15L;
            long at = base + Long.remainderUnsigned(mix(state), total);
            long value = valueContaining(block, at, n, base, total);
            long start = block.offset(value);
            long end = block.offset(value + 1);
            long pieceStart = start + (at - start) / SAMPLE_PIECE * SAMPLE_PIECE;
            int len = (int) Math.min(end - pieceStart, SAMPLE_PIECE);
            MemorySegment.copy(data, ValueLayout.JAVA_BYTE, pieceStart, bytes, size, len);
            size += len;
            bounds[++lines] = size;
        }
        return new Sample(bytes, bounds, lines);
    }

    /**
     * The value whose bytes include offset {@code at} (so it is not empty): a guess from the average
     * length, widened until it brackets {@code at}, then binary search. Few offsets are touched, which
     * matters because each is likely a cache miss in a large page.
     */
    private static long valueContaining(VariableWidthBlock block, long at, long n, long base, long total) {
        long guess = Math.min(n - 1, (long) ((double) (at - base) / total * n));
        long lo;
        long hi;
        if (block.offset(guess) <= at) {
            lo = guess;
            long step = 1;
            hi = Math.min(n - 1, guess + step);
            while (hi < n - 1 && block.offset(hi) <= at) {
                lo = hi;
                step <<= 1;
                hi = Math.min(n - 1, hi + step);
            }
        } else {
            hi = guess - 1;
            long step = 1;
            lo = Math.max(0, guess - step);
            while (lo > 0 && block.offset(lo) > at) {
                hi = lo - 1;
                step <<= 1;
                lo = Math.max(0, lo - step);
            }
        }
        // invariant: offset(lo) <= at, and the answer is in [lo, hi]
        while (lo < hi) {
            long mid = (lo + hi + 1) >>> 1;
            if (block.offset(mid) <= at) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** splitmix64's finaliser: a fixed, well-mixed hash of {@code z}. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static FsstSymbolTable train(Sample sample, Workspace work, OffHeapArena arena) {
        int[] histogram = byteHistogram(sample, work.histogram);
        int terminator = rarestByte(histogram);
        Table table = work.table;
        table.reset(histogram);
        Counters counters = work.counters;
        counters.reset(table.base + FsstSymbolTable.MAX_SYMBOLS);
        Candidates candidates = work.candidates;
        Best best = work.best;
        best.reset();
        rounds(table, sample, counters, candidates, best, terminator, MAX_LENGTH);
        if (best.gain < pairsBound(sample)) {
            table.clear();
            rounds(table, sample, counters, candidates, best, terminator, PAIRS);
        }
        table.clear();
        for (int code = table.base; code < best.codes; code++) {
            table.add(best.values[code], best.lengths[code]);
        }
        for (int r = 0; r < MAX_REPLACEMENTS; r++) {
            if (!replaceUnused(table, sample, work, terminator, best.maxLength)) {
                break;
            }
        }
        return layOut(table, terminator, work.codes, arena);
    }

    /**
     * The warm-up and refinement rounds from an empty table, with symbols of at most
     * {@code maxLength} bytes; every table they count with competes for {@code best}.
     */
    private static void rounds(Table table, Sample sample, Counters counters, Candidates candidates, Best best,
            int terminator, int maxLength) {
        for (int frac : WARM_UP) {
            round(table, sample, frac, true, counters, best, maxLength);
            makeTable(table, counters, candidates, frac, terminator, maxLength);
        }
        // Refine on the whole sample while it helps: every round can join symbols into longer ones.
        long runBest = Long.MIN_VALUE;
        int stale = 0;
        for (int r = 0; r < MAX_REFINE_ROUNDS && stale < PATIENCE; r++) {
            long gain = round(table, sample, FULL, true, counters, best, maxLength);
            stale = gain > runBest ? 0 : stale + 1;
            runBest = Math.max(runBest, gain);
            makeTable(table, counters, candidates, FULL, terminator, maxLength);
        }
        round(table, sample, FULL, false, counters, best, maxLength);
    }

    /**
     * The most a table of 1- and 2-byte symbols can save on the sample: a code covers two bytes at
     * best, so a line of n bytes takes at least n/2 codes.
     */
    private static long pairsBound(Sample sample) {
        long bound = 0;
        int[] bounds = sample.bounds();
        for (int line = 0; line < sample.lines(); line++) {
            bound += (bounds[line + 1] - bounds[line]) / 2;
        }
        return bound;
    }

    /**
     * Gives the codes of symbols the sample never uses to the best candidates counted with
     * {@code table} (symbols of at most {@code maxLength} bytes, none of those just dropped). Keeps
     * the new table, and returns true, only if it compresses the sample better.
     */
    private static boolean replaceUnused(Table table, Sample sample, Workspace work, int terminator,
            int maxLength) {
        Counters counters = work.counters;
        Candidates candidates = work.candidates;
        counters.clear();
        long gain = compressCount(table, sample, FULL, true, counters);
        int n = table.count;
        long[] values = work.keptValues;
        int[] lengths = work.keptLengths;
        boolean[] used = work.used;
        System.arraycopy(table.values, table.base, values, 0, n);
        System.arraycopy(table.lengths, table.base, lengths, 0, n);
        int unused = 0;
        for (int i = 0; i < n; i++) {
            used[i] = counters.single[table.base + i] > 0;
            unused += used[i] ? 0 : 1;
        }
        if (unused == 0 && table.count == FsstSymbolTable.MAX_SYMBOLS) {
            return false;
        }
        collectCandidates(table, counters, candidates, FULL, terminator, maxLength);
        table.clear();
        for (int i = 0; i < n; i++) {
            if (used[i]) {
                table.add(values[i], lengths[i]);
            }
        }
        fill(table, candidates, (value, length) -> {
            if (table.contains(value, length)) {
                return true;
            }
            for (int i = 0; i < n; i++) {
                if (!used[i] && values[i] == value && lengths[i] == length) {
                    return true;
                }
            }
            return false;
        });
        counters.clear();
        if (compressCount(table, sample, FULL, false, counters) > gain) {
            return true;
        }
        table.clear();
        for (int i = 0; i < n; i++) {
            table.add(values[i], lengths[i]);
        }
        return false;
    }

    /** The table that saved the most so far (codes below the training table's base are escapes). */
    private static final class Best {
        long gain;
        final long[] values = new long[MAX_CODES];
        final int[] lengths = new int[MAX_CODES];
        int codes;
        /** The symbol length limit of the rounds that built it. */
        int maxLength;

        void reset() {
            gain = Long.MIN_VALUE;
            codes = 0;
            maxLength = 0;
        }
    }

    /**
     * Counts with {@code table} (built from symbols of at most {@code maxLength} bytes), remembers it
     * if it beat the best so far, and returns what it saved.
     */
    private static long round(Table table, Sample sample, int frac, boolean pairs, Counters counters, Best best,
            int maxLength) {
        counters.clear();
        long gain = compressCount(table, sample, frac, pairs, counters);
        // a round that happened to draw no line proves nothing
        if (counters.lines > 0 && gain >= best.gain) {
            best.gain = gain;
            best.codes = table.codes();
            System.arraycopy(table.values, 0, best.values, 0, best.codes);
            System.arraycopy(table.lengths, 0, best.lengths, 0, best.codes);
            best.maxLength = maxLength;
        }
        return gain;
    }

    private static int[] byteHistogram(Sample sample, int[] histogram) {
        Arrays.fill(histogram, 0);
        byte[] bytes = sample.bytes();
        int size = sample.size();
        for (int i = 0; i < size; i++) {
            histogram[bytes[i] & 0xFF]++;
        }
        return histogram;
    }

    /** The least frequent byte of the sample (the lowest such byte on ties). */
    private static int rarestByte(int[] histogram) {
        int best = 0;
        for (int b = 1; b < 256; b++) {
            if (histogram[b] < histogram[best]) {
                best = b;
            }
        }
        return best;
    }

    /** Whether a round that looks at {@code frac}/128 of the sample looks at line {@code line}. */
    private static boolean inRound(int line, int frac) {
        return frac >= FULL || (mix(SAMPLE_SEED ^ ((long) line << 8 | frac)) & 127) < frac;
    }

    /**
     * Compresses the round's lines of the sample greedily with {@code table}, counting symbols and
     * (except in the last round) pairs. Returns the bytes saved, escapes costing two.
     */
    private static long compressCount(Table table, Sample sample, int frac, boolean countPairs, Counters counters) {
        byte[] bytes = sample.bytes();
        int[] bounds = sample.bounds();
        int[] lengths = table.lengths;
        int[] byteCodes = table.byteCodes;
        int[] single = counters.single;
        int base = table.base;
        boolean pairs = countPairs;
        long gain = 0;
        for (int line = 0; line < sample.lines(); line++) {
            if (!inRound(line, frac)) {
                continue;
            }
            int pos = bounds[line];
            int end = bounds[line + 1];
            counters.lines++;
            int start1 = pos;
            int code1 = table.longest(bytes, pos, end);
            int len1 = lengths[code1];
            pos += len1;
            gain += len1 - (code1 < base ? 2 : 1);
            while (true) {
                single[code1]++;
                if (len1 != 1) {
                    // the first byte alone is the alternative to this symbol
                    single[table.escapeCodes[bytes[start1] & 0xFF]]++;
                }
                if (pos == end) {
                    break;
                }
                int start2 = pos;
                int code2 = table.longest(bytes, pos, end);
                int len2 = lengths[code2];
                pos += len2;
                gain += len2 - (code2 < base ? 2 : 1);
                if (pairs) {
                    counters.pair(code1, code2);
                    if (len2 > 1) {
                        counters.pair(code1, table.escapeCodes[bytes[start2] & 0xFF]);
                    }
                }
                code1 = code2;
                len1 = len2;
                start1 = start2;
            }
        }
        return gain;
    }

    private static long singleWeight(int length, int count) {
        return length == 1 ? 8L * count : count;
    }

    /**
     * Replaces {@code table}'s symbols by the best of the symbols and pairs counted with it, none
     * longer than {@code maxLength} bytes.
     */
    private static void makeTable(Table table, Counters counters, Candidates candidates, int frac, int terminator,
            int maxLength) {
        collectCandidates(table, counters, candidates, frac, terminator, maxLength);
        table.clear();
        fill(table, candidates, (value, length) -> false);
    }

    /**
     * The symbols and concatenated pairs counted with {@code table}, none longer than
     * {@code maxLength} bytes, with their gains.
     */
    private static void collectCandidates(Table table, Counters counters, Candidates candidates, int frac,
            int terminator, int maxLength) {
        int codes = table.codes();
        candidates.clear(codes + counters.pairCount);
        for (int code = 0; code < codes; code++) {
            int count = counters.single[code];
            if (count != 0) {
                addCandidate(candidates, table.values[code], table.lengths[code],
                        singleWeight(table.lengths[code], count), frac);
            }
        }
        for (int k = 0; k < counters.pairCount; k++) {
            int key = counters.pairs[k];
            int code1 = key / counters.stride;
            int code2 = key % counters.stride;
            int len1 = table.lengths[code1];
            long v1 = table.values[code1];
            long v2 = table.values[code2];
            // multi-byte symbols never contain the terminator byte
            if (len1 == 8 || (v1 & 0xFF) == terminator || (v2 & 0xFF) == terminator) {
                continue;
            }
            int len = Math.min(MAX_LENGTH, len1 + table.lengths[code2]);
            if (len > maxLength) {
                continue;
            }
            long value = v1 | v2 << (8 * len1);
            if (len < 8) {
                value &= (1L << (8 * len)) - 1;
            }
            addCandidate(candidates, value, len, counters.pair[key], frac);
        }
    }

    /** Which candidates {@link #fill} passes over. */
    @FunctionalInterface
    private interface Skip {
        boolean test(long value, int length);
    }

    private static void addCandidate(Candidates candidates, long value, int length, long count, int frac) {
        // rare candidates are noise; early rounds (small frac) keep more of them
        if (count == 0 || count < 5L * frac / 128) {
            return;
        }
        candidates.add(value, length, count * length);
    }

    /**
     * Adds candidates {@code skip} lets through by falling gain (ties: smaller bytes, then shorter)
     * until 255 symbols are in.
     */
    private static void fill(Table table, Candidates candidates, Skip skip) {
        long[] keys = candidates.byGain();
        int hi = candidates.size - 1;
        while (hi >= 0 && table.count < FsstSymbolTable.MAX_SYMBOLS) {
            // keys[lo..hi] share one gain: order them by bytes, then length, so insertion order never matters
            int lo = hi;
            while (lo > 0 && keys[lo - 1] >>> 32 == keys[hi] >>> 32) {
                lo--;
            }
            if (lo == hi) {
                int slot = (int) keys[hi];
                if (!skip.test(candidates.values[slot], candidates.lengths[slot])) {
                    table.add(candidates.values[slot], candidates.lengths[slot]);
                }
            } else {
                int[] run = candidates.slotsByBytes(keys, lo, hi);
                for (int j = 0; j <= hi - lo && table.count < FsstSymbolTable.MAX_SYMBOLS; j++) {
                    if (!skip.test(candidates.values[run[j]], candidates.lengths[run[j]])) {
                        table.add(candidates.values[run[j]], candidates.lengths[run[j]]);
                    }
                }
            }
            hi = lo - 1;
        }
    }

    /**
     * Final code assignment: 2-byte symbols that no longer symbol starts with get the lowest codes
     * (below the suffix limit), the other 2-byte symbols the rest of that range, then 3- to 8-byte
     * symbols by length, then 1-byte symbols.
     */
    private static FsstSymbolTable layOut(Table table, int terminator, int[] codes, OffHeapArena arena) {
        int n = table.count;
        int[] histogram = new int[9];
        for (int i = 0; i < n; i++) {
            histogram[table.lengths[table.base + i]]++;
        }
        int[] next = new int[9];
        next[2] = 0;
        for (int len = 3; len <= 8; len++) {
            next[len] = next[len - 1] + histogram[len - 1];
        }
        next[1] = next[8] + histogram[8];
        int suffixLimit = 0;
        int extended = next[3];
        for (int i = 0; i < n; i++) {
            long v = table.values[table.base + i];
            int len = table.lengths[table.base + i];
            if (len == 2) {
                boolean hasLonger = false;
                for (int k = 0; k < n && !hasLonger; k++) {
                    hasLonger = table.lengths[table.base + k] > 2 && (table.values[table.base + k] & 0xFFFF) == v;
                }
                codes[i] = hasLonger ? --extended : suffixLimit++;
            } else {
                codes[i] = next[len]++;
            }
        }
        // straight into the serialized form, which is all the finished table keeps
        MemorySegment serialized = FsstSymbolTable.newSerialized(n, suffixLimit, terminator, true, arena);
        for (int i = 0; i < n; i++) {
            FsstSymbolTable.putSymbol(serialized, n, codes[i], table.values[table.base + i],
                    table.lengths[table.base + i]);
        }
        return FsstSymbolTable.adopting(serialized);
    }

    /**
     * Sorts the first {@code n} of {@code keys} (none negative) ascending, using {@code scratch}
     * (at least {@code n} longs) and {@code counts} (256 ints) and nothing else: a
     * least-significant-byte radix sort that skips the bytes all keys share. {@code Arrays.sort}
     * allocates a buffer as large as the keys when it finds runs to merge, and candidate keys have
     * runs; training sorts once a round.
     */
    static void sortKeys(long[] keys, int n, long[] scratch, int[] counts) {
        if (n < 64) {
            for (int i = 1; i < n; i++) {
                long k = keys[i];
                int j = i - 1;
                for (; j >= 0 && keys[j] > k; j--) {
                    keys[j + 1] = keys[j];
                }
                keys[j + 1] = k;
            }
            return;
        }
        long[] from = keys;
        long[] to = scratch;
        for (int shift = 0; shift < 64; shift += 8) {
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[(int) (from[i] >>> shift) & 0xFF]++;
            }
            if (counts[(int) (from[0] >>> shift) & 0xFF] == n) {
                continue; // every key has this byte: the pass would not move anything
            }
            int sum = 0;
            for (int b = 0; b < 256; b++) {
                int c = counts[b];
                counts[b] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                long k = from[i];
                to[counts[(int) (k >>> shift) & 0xFF]++] = k;
            }
            long[] t = from;
            from = to;
            to = t;
        }
        if (from != keys) {
            System.arraycopy(from, 0, keys, 0, n);
        }
    }

    /**
     * The table while training. Codes {@code 0..base-1} stand for the escaped bytes that occur in
     * the sample (dense, so the pair counters stay small), codes {@code base..} for the symbols;
     * lookups find the longest symbol as the compressor will ({@link FsstMatchTables}).
     */
    private static final class Table {
        int base;
        final long[] values = new long[MAX_CODES];
        final int[] lengths = new int[MAX_CODES];
        int count;
        /** Escape code of each byte of the sample. */
        final int[] escapeCodes = new int[256];
        /** Code of each byte: its 1-byte symbol or its escape code. */
        final int[] byteCodes = new int[256];
        /** Code of each 2-byte symbol, -1 if none. */
        final int[] shortCodes = new int[65536];
        final long[] hashValues = new long[FsstMatchTables.HASH_SLOTS];
        final int[] hashLengths = new int[FsstMatchTables.HASH_SLOTS];
        final int[] hashCodes = new int[FsstMatchTables.HASH_SLOTS];

        Table() {
            Arrays.fill(shortCodes, -1);
        }

        /** Empties the table and gives an escape code to each byte {@code histogram} counts. */
        void reset(int[] histogram) {
            clear();
            int present = 0;
            for (int b = 0; b < 256; b++) {
                if (histogram[b] > 0) {
                    present++;
                }
            }
            base = present;
            Arrays.fill(escapeCodes, -1);
            int code = 0;
            for (int b = 0; b < 256; b++) {
                if (histogram[b] > 0) {
                    values[code] = b;
                    lengths[code] = 1;
                    escapeCodes[b] = code++;
                }
            }
            System.arraycopy(escapeCodes, 0, byteCodes, 0, 256);
        }

        int codes() {
            return base + count;
        }

        void clear() {
            for (int code = base; code < base + count; code++) {
                long v = values[code];
                switch (lengths[code]) {
                    case 1 -> byteCodes[(int) v] = escapeCodes[(int) v];
                    case 2 -> shortCodes[(int) v] = -1;
                    default -> hashLengths[FsstMatchTables.hashIndex((int) v)] = 0;
                }
            }
            count = 0;
        }

        /** Whether the table holds this symbol. */
        boolean contains(long value, int length) {
            return switch (length) {
                case 1 -> byteCodes[(int) value] >= base;
                case 2 -> shortCodes[(int) value] >= 0;
                default -> {
                    int slot = FsstMatchTables.hashIndex((int) value);
                    yield hashLengths[slot] == length && hashValues[slot] == value;
                }
            };
        }

        /** Adds a symbol unless its hash slot is taken (then the table stays as it was). */
        boolean add(long value, int length) {
            int code = base + count;
            if (length == 1) {
                byteCodes[(int) value] = code;
            } else if (length == 2) {
                shortCodes[(int) value] = code;
            } else {
                int slot = FsstMatchTables.hashIndex((int) value);
                if (hashLengths[slot] != 0) {
                    return false;
                }
                hashValues[slot] = value;
                hashLengths[slot] = length;
                hashCodes[slot] = code;
            }
            values[code] = value;
            lengths[code] = length;
            count++;
            return true;
        }

        /** Code of the longest symbol at {@code pos} that ends by {@code end}, or the byte's escape code. */
        int longest(byte[] bytes, int pos, int end) {
            int avail = Math.min(8, end - pos);
            long w = (long) LONG_LE.get(bytes, pos);
            if (avail < 8) {
                w &= -1L >>> (64 - 8 * avail);
            }
            if (avail >= 3) {
                int slot = FsstMatchTables.hashIndex((int) w);
                int len = hashLengths[slot];
                if (len != 0 && len <= avail && (w & (-1L >>> (64 - 8 * len))) == hashValues[slot]) {
                    return hashCodes[slot];
                }
            }
            if (avail >= 2) {
                int code = shortCodes[(int) w & 0xFFFF];
                if (code >= 0) {
                    return code;
                }
            }
            return byteCodes[(int) w & 0xFF];
        }
    }

    /**
     * Symbol and pair counts of one round. Pair counts are 16 bits (a round sees under 2^16
     * positions) in a square of the dense codes; pairs are listed as they first occur so clearing
     * and reading them touches only what was counted.
     */
    private static final class Counters {
        int stride;
        final int[] single;
        final char[] pair;
        int[] pairs = new int[4096];
        int pairCount;
        int lines;

        Counters(int maxCodes) {
            stride = maxCodes;
            single = new int[maxCodes];
            pair = new char[maxCodes * maxCodes];
        }

        /** Zero counts for a table of {@code codes} codes. */
        void reset(int codes) {
            clear();
            stride = codes;
        }

        void pair(int code1, int code2) {
            int key = code1 * stride + code2;
            if (pair[key]++ == 0) {
                if (pairCount == pairs.length) {
                    pairs = Arrays.copyOf(pairs, pairs.length * 2);
                }
                pairs[pairCount++] = key;
            }
        }

        void clear() {
            Arrays.fill(single, 0, stride, 0);
            for (int k = 0; k < pairCount; k++) {
                pair[pairs[k]] = 0;
            }
            pairCount = 0;
            lines = 0;
        }
    }

    /** Candidate symbols keyed by (bytes, length), summing the gains of duplicates. */
    private static final class Candidates {
        long[] values = new long[0];
        int[] lengths = new int[0];
        long[] gains = new long[0];
        int[] used = new int[0];
        /** {@link #byGain}'s keys and {@link #slotsByBytes}'s run, reused from call to call. */
        private long[] keys = new long[0];
        private long[] sortScratch = new long[0];
        private final int[] sortCounts = new int[256];
        private int[] run = new int[0];
        private int[] merge = new int[0];
        int mask;
        int size;

        /** Empties the set and makes room for {@code expected} candidates. */
        void clear(int expected) {
            int capacity = Integer.highestOneBit(Math.max(16, expected * 2 + 1)) << 1;
            if (capacity > values.length) {
                values = new long[capacity];
                lengths = new int[capacity];
                gains = new long[capacity];
                used = new int[capacity];
            } else {
                for (int k = 0; k < size; k++) {
                    lengths[used[k]] = 0;
                }
                capacity = values.length;
            }
            mask = capacity - 1;
            size = 0;
        }

        void add(long value, int length, long gain) {
            int slot = (int) mix(value * 31 + length) & mask;
            while (lengths[slot] != 0) {
                if (values[slot] == value && lengths[slot] == length) {
                    gains[slot] += gain;
                    return;
                }
                slot = (slot + 1) & mask;
            }
            values[slot] = value;
            lengths[slot] = length;
            gains[slot] = gain;
            used[size++] = slot;
        }

        /** {@code gain << 32 | slot} of every candidate, ascending, in the first {@link #size} keys. */
        long[] byGain() {
            if (keys.length < size) {
                keys = new long[used.length];
                sortScratch = new long[used.length];
            }
            for (int k = 0; k < size; k++) {
                keys[k] = gains[used[k]] << 32 | used[k];
            }
            sortKeys(keys, size, sortScratch, sortCounts);
            return keys;
        }

        /**
         * The slots of {@code keys[lo..hi]} ordered by symbol bytes (unsigned), then length, in the
         * first {@code hi - lo + 1} entries of the returned array.
         */
        int[] slotsByBytes(long[] keys, int lo, int hi) {
            int k = hi - lo + 1;
            if (run.length < k) {
                run = new int[used.length];
                merge = new int[used.length];
            }
            for (int j = 0; j < k; j++) {
                run[j] = (int) keys[lo + j];
            }
            // bottom-up merge sort: runs of tied gains can hold thousands of rare candidates
            int[] from = run;
            int[] to = merge;
            for (int width = 1; width < k; width <<= 1) {
                for (int left = 0; left < k; left += 2 * width) {
                    int mid = Math.min(left + width, k);
                    int end = Math.min(left + 2 * width, k);
                    int a = left;
                    int b = mid;
                    for (int out = left; out < end; out++) {
                        to[out] = b >= end || (a < mid && before(from[a], from[b])) ? from[a++] : from[b++];
                    }
                }
                int[] t = from;
                from = to;
                to = t;
            }
            if (from != run) {
                System.arraycopy(from, 0, run, 0, k);
            }
            return run;
        }

        /** Whether the candidate in slot {@code a} sorts before the one in slot {@code b} (they differ). */
        private boolean before(int a, int b) {
            int c = Long.compareUnsigned(values[a], values[b]);
            return c != 0 ? c < 0 : lengths[a] < lengths[b];
        }
    }
}
