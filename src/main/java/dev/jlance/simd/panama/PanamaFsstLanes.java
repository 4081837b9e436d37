package dev.jlance.simd.panama;

import static dev.jlance.simd.FsstMatchTables.IN_LEN_SHIFT;
import static dev.jlance.simd.FsstMatchTables.OUT_LEN_SHIFT;

import dev.jlance.simd.FsstKernels;
import dev.jlance.simd.FsstMatchTables;
import dev.jlance.simd.ScalarFsstKernels;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * FSST compression with one cursor per vector lane. The values are split into as many runs of
 * about equal bytes as there are lanes, and each lane walks its run greedily, as the scalar kernel
 * would, one symbol per step; all lanes step together. Unlike {@link PanamaFsstKernels}, which
 * matches every position and then walks, no position inside a symbol is matched, and no serial
 * walk follows. It pays on long values: a lane leaves the vector loop at the end of every value.
 *
 * <p>A lane's 8-byte window starts anywhere, and the Vector API gathers only from arrays, so the
 * input is first copied into a {@code long[]}; a window is two gathered words shifted together.
 * A step's result words go to a buffer of the lane's own; whenever a lane reaches the last 7 bytes
 * of a value (where a window would cross into the next value), every lane's buffer is turned into
 * codes, and that lane finishes the value with the scalar tail lookup. Each lane writes its codes
 * in its own share of the output (twice its input bytes, the worst case), and the shares are
 * joined at the end, their offsets rebased. The bytes are those of the scalar kernel.
 */
public final class PanamaFsstLanes implements FsstKernels {

    private static final VectorSpecies<Long> LONGS = PanamaSupport.LONGS;
    private static final VectorSpecies<Integer> INDEX = PanamaFsstKernels.INDEX;
    private static final int LANES = LONGS.length();
    /** Result words a lane buffers before they are turned into codes. */
    private static final int BUFFERED = 256;
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Values shorter than this on average leave the lanes too often (measured: about even at 120 bytes). */
    static final int MIN_AVERAGE_VALUE_BYTES = 256;
    /** Enough values that no lane starts empty, with room to spare. */
    static final int MIN_VALUES_PER_LANE = 4;
    /** The input's heap copy stays per thread: pages over 2 MiB are compressed in pieces of about 1 MiB. */
    static final long MAX_INPUT_BYTES = 2L << 20;

    private static final ThreadLocal<Lanes> LANE_STATE = ThreadLocal.withInitial(Lanes::new);

    /** Whether values {@code first..first+count-1} are long enough, and numerous enough, for the lanes. */
    static boolean pays(MemorySegment offsets, int offsetBytes, long first, long count) {
        if (count < (long) MIN_VALUES_PER_LANE * LANES) {
            return false;
        }
        long bytes = ScalarFsstKernels.offset(offsets, offsetBytes, first + count)
                - ScalarFsstKernels.offset(offsets, offsetBytes, first);
        return bytes <= MAX_INPUT_BYTES && bytes >= MIN_AVERAGE_VALUE_BYTES * count;
    }

    /** Each lane's cursor, kept in arrays between vector loops. */
    private static final class Lanes {
        long[] words = new long[0];
        final int[] results = new int[LANES * BUFFERED];
        final long[] pos = new long[LANES];
        final long[] fastEnd = new long[LANES];
        final long[] end = new long[LANES];
        final long[] value = new long[LANES];
        final long[] op = new long[LANES];
        final long[] base = new long[LANES];
        final int[] buffered = new int[LANES];
        final long[] runStart = new long[LANES + 1];
        final int[] wordIndex = new int[LANES];
        final int[] slots = new int[LANES];
        final int[] shorts = new int[LANES];
        final int[] resultIndex = new int[LANES];
    }

    @Override
    public long compress(FsstMatchTables tables, MemorySegment data, MemorySegment offsets, long first,
            int offsetBytes, long count, MemorySegment out, long outAt, MemorySegment outOffsets, long outOffsetsAt) {
        ScalarFsstKernels.checkOffsetBytes(offsetBytes);
        ScalarFsstKernels.putOffset(outOffsets, offsetBytes, outOffsetsAt, 0);
        if (count == 0) {
            return 0;
        }
        Lanes s = LANE_STATE.get();
        long start = ScalarFsstKernels.offset(offsets, offsetBytes, first);
        long bytes = ScalarFsstKernels.offset(offsets, offsetBytes, first + count) - start;
        copyToWords(s, data, start, bytes);
        splitIntoRuns(s, offsets, offsetBytes, first, count, start, bytes);
        for (int k = 0; k < LANES; k++) {
            s.value[k] = s.runStart[k];
            s.pos[k] = ScalarFsstKernels.offset(offsets, offsetBytes, first + s.value[k]) - start;
            s.base[k] = outAt + 2 * s.pos[k];
            s.op[k] = s.base[k];
            s.end[k] = s.value[k] < s.runStart[k + 1]
                    ? ScalarFsstKernels.offset(offsets, offsetBytes, first + s.value[k] + 1) - start
                    : s.pos[k];
            s.fastEnd[k] = s.end[k] - 7;
            s.buffered[k] = 0;
        }
        while (bringLanesToWholeWindows(s, tables, data, offsets, offsetBytes, first, start, out, outOffsets,
                outOffsetsAt)) {
            stepTogether(s, tables);
        }
        long total = 0;
        for (int k = 0; k < LANES; k++) {
            finishLane(s, k, tables, data, offsets, offsetBytes, first, start, out, outOffsets, outOffsetsAt);
            long length = s.op[k] - s.base[k];
            if (k > 0) {
                MemorySegment.copy(out, s.base[k], out, outAt + total, length);
                for (long v = s.runStart[k] + 1; v <= s.runStart[k + 1]; v++) {
                    long at = outOffsetsAt + v;
                    ScalarFsstKernels.putOffset(outOffsets, offsetBytes, at,
                            ScalarFsstKernels.offset(outOffsets, offsetBytes, at) + total);
                }
            }
            total += length;
        }
        return total;
    }

    /** The input bytes, little-endian, into {@code s.words}, with a zero word after them. */
    private static void copyToWords(Lanes s, MemorySegment data, long start, long bytes) {
        int whole = (int) (bytes >>> 3);
        if (s.words.length < whole + 2) {
            s.words = new long[Math.max(whole + 2, 2 * s.words.length)];
        }
        MemorySegment.copy(data, U64, start, s.words, 0, whole);
        long last = 0;
        for (long b = (long) whole << 3; b < bytes; b++) {
            last |= (data.get(ValueLayout.JAVA_BYTE, start + b) & 0xFFL) << (8 * (b & 7));
        }
        s.words[whole] = last;
        s.words[whole + 1] = 0;
    }

    /** {@code s.runStart[k]}: the first value of lane {@code k}'s run, relative to {@code first}; runs of about equal bytes. */
    private static void splitIntoRuns(Lanes s, MemorySegment offsets, int offsetBytes, long first, long count,
            long start, long bytes) {
        s.runStart[0] = 0;
        s.runStart[LANES] = count;
        for (int k = 1; k < LANES; k++) {
            long lo = first + s.runStart[k - 1];
            long hi = first + count;
            long target = start + k * bytes / LANES;
            while (lo < hi) {
                long mid = (lo + hi) >>> 1;
                if (ScalarFsstKernels.offset(offsets, offsetBytes, mid) < target) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            s.runStart[k] = lo - first;
        }
    }

    /**
     * Turns every lane's buffered results into codes, then moves each lane past the ends of values
     * until it stands where a whole window fits in its value.
     *
     * @return false when some lane has finished its run (the vector loop ends there)
     */
    private static boolean bringLanesToWholeWindows(Lanes s, FsstMatchTables tables, MemorySegment data,
            MemorySegment offsets, int offsetBytes, long first, long start, MemorySegment out, MemorySegment outOffsets,
            long outOffsetsAt) {
        long size = data.byteSize();
        for (int k = 0; k < LANES; k++) {
            flush(s, k, out);
            long p = s.pos[k];
            long o = s.op[k];
            while (p >= s.fastEnd[k]) {
                if (s.value[k] >= s.runStart[k + 1]) {
                    s.pos[k] = p;
                    s.op[k] = o;
                    return false;
                }
                long e = s.end[k];
                while (p < e) {
                    int avail = (int) (e - p);
                    int r = tables.lookupTail(ScalarFsstKernels.window(data, size, start + p, avail), avail);
                    out.set(U16, o, (short) r);
                    o += (r >>> OUT_LEN_SHIFT) & 3;
                    p += (r >>> IN_LEN_SHIFT) & 15;
                }
                s.value[k]++;
                ScalarFsstKernels.putOffset(outOffsets, offsetBytes, outOffsetsAt + s.value[k], o - s.base[k]);
                s.end[k] = s.value[k] < s.runStart[k + 1]
                        ? ScalarFsstKernels.offset(offsets, offsetBytes, first + s.value[k] + 1) - start
                        : p;
                s.fastEnd[k] = s.end[k] - 7;
            }
            s.pos[k] = p;
            s.op[k] = o;
        }
        return true;
    }

    /** Lane {@code k}'s buffered result words as codes in its share of the output. */
    private static void flush(Lanes s, int k, MemorySegment out) {
        long o = s.op[k];
        int[] results = s.results;
        for (int j = k * BUFFERED, stop = j + s.buffered[k]; j < stop; j++) {
            int r = results[j];
            out.set(U16, o, (short) r);
            o += (r >>> OUT_LEN_SHIFT) & 3;
        }
        s.op[k] = o;
        s.buffered[k] = 0;
    }

    /**
     * Steps every lane one symbol at a time while all of them stand where a whole window fits in
     * their value, up to {@link #BUFFERED} steps.
     */
    private static void stepTogether(Lanes s, FsstMatchTables tables) {
        long[] words = s.words;
        int[] shortCodes = tables.shortCodes();
        long[] entries = tables.hashEntries();
        LongVector p = LongVector.fromArray(LONGS, s.pos, 0);
        LongVector fast = LongVector.fromArray(LONGS, s.fastEnd, 0);
        IntVector at = IntVector.zero(INDEX).addIndex(BUFFERED);
        for (int step = 0; step < BUFFERED && p.lt(fast).allTrue(); step++) {
            ((IntVector) p.lanewise(VectorOperators.LSHR, 3).convertShape(VectorOperators.L2I, INDEX, 0))
                    .intoArray(s.wordIndex, 0);
            LongVector low = LongVector.fromArray(LONGS, words, 0, s.wordIndex, 0);
            LongVector high = LongVector.fromArray(LONGS, words, 1, s.wordIndex, 0);
            LongVector shift = p.and(7).lanewise(VectorOperators.LSHL, 3);
            // (high << 1) << (63 - shift): no bits of high when shift is 0, where a shift by 64 would keep them all
            LongVector w = low.lanewise(VectorOperators.LSHR, shift)
                    .or(high.lanewise(VectorOperators.LSHL, 1).lanewise(VectorOperators.LSHL, shift.neg().add(63)));
            IntVector r = PanamaFsstKernels.resultWords(w, shortCodes, entries, s.slots, s.shorts);
            at.intoArray(s.resultIndex, 0);
            r.intoArray(s.results, 0, s.resultIndex, 0);
            at = at.add(1);
            p = p.add((LongVector) r.lanewise(VectorOperators.LSHR, IN_LEN_SHIFT).and(15)
                    .convertShape(VectorOperators.I2L, LONGS, 0));
        }
        p.intoArray(s.pos, 0);
        at.sub(IntVector.zero(INDEX).addIndex(BUFFERED)).intoArray(s.buffered, 0);
    }

    /**
     * The rest of lane {@code k}'s run after the vector loop: the value it stands in with the
     * scalar kernel, the whole values after it with the block kernel, both in the lane's share.
     */
    private static void finishLane(Lanes s, int k, FsstMatchTables tables, MemorySegment data, MemorySegment offsets,
            int offsetBytes, long first, long start, MemorySegment out, MemorySegment outOffsets, long outOffsetsAt) {
        flush(s, k, out);
        long value = s.value[k];
        long runEnd = s.runStart[k + 1];
        if (value >= runEnd) {
            return;
        }
        s.op[k] = s.base[k] + ScalarFsstKernels.finish(tables, data, offsets, first, offsetBytes, value + 1, value,
                start + s.pos[k], s.op[k] - s.base[k], out, s.base[k], outOffsets, outOffsetsAt);
        value++;
        if (value < runEnd) {
            long written = s.op[k] - s.base[k];
            long codes = PanamaFsstKernels.blocks(tables, data, offsets, first + value, offsetBytes, runEnd - value, out,
                    s.op[k], outOffsets, outOffsetsAt + value);
            // the block kernel numbered its offsets from its own start
            for (long v = value; v <= runEnd; v++) {
                long at = outOffsetsAt + v;
                ScalarFsstKernels.putOffset(outOffsets, offsetBytes, at,
                        ScalarFsstKernels.offset(outOffsets, offsetBytes, at) + written);
            }
            s.op[k] += codes;
        }
    }
}
