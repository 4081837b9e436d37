package dev.jlance.codec;

import dev.jlance.memory.Layouts;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The runs of equal consecutive values of a block, found in one pass: RLE plans its chunks and
 * then writes them, and both walk runs many times, so they look the ends up here rather than
 * compare values again. Values are compared bit for bit.
 *
 * <p>The ends live in a per-thread array that grows as needed and is dropped when a block needed
 * more than {@value #KEEP_ENTRIES} of them, so steady-state encoding allocates nothing.
 */
final class RunEnds {

    private static final int KEEP_ENTRIES = 1 << 20;
    private static final ThreadLocal<int[]> SCRATCH = ThreadLocal.withInitial(() -> new int[4096]);

    private int[] ends;
    private int count;
    /** The run the last lookup found: lookups mostly move forward. */
    private int cursor;

    private RunEnds(int[] ends, int count) {
        this.ends = ends;
        this.count = count;
    }

    /**
     * The runs of the first {@code n} values of {@code width} bytes in {@code s}; {@link #release()}
     * hands the scratch array back to the thread.
     */
    static RunEnds scan(MemorySegment s, int width, long n) {
        if (n > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("a block of " + n + " values is too large for RLE");
        }
        int[] ends = SCRATCH.get();
        int k = 0;
        int len = (int) n;
        if (len > 0) {
            // Branch-free: every index is stored and kept only where the value changes, which
            // short random runs would otherwise pay for in mispredicted branches. Room for a whole
            // block is made before it, so the array grows with the runs, not with the values.
            for (int base = 1; base < len; base += BLOCK) {
                int stop = (int) Math.min(len, (long) base + BLOCK);
                if (ends.length < k + (stop - base)) {
                    ends = grow(ends, k + (stop - base));
                }
                k = switch (width) {
                    case 1 -> changes1(s, base, stop, ends, k);
                    case 2 -> changes2(s, base, stop, ends, k);
                    case 4 -> changes4(s, base, stop, ends, k);
                    case 8 -> changes8(s, base, stop, ends, k);
                    default -> throw new IllegalArgumentException("RLE needs 1, 2, 4 or 8-byte values, got " + width);
                };
            }
            if (k == ends.length) {
                ends = grow(ends, k + 1);
            }
            ends[k++] = len;
        }
        return new RunEnds(ends, k);
    }

    /** Values scanned between checks of the array's room. */
    private static final int BLOCK = 4096;

    // One loop per width: each index i in [from, to) where the value differs from value i - 1 is
    // appended to ends at k; returns the new k.
    private static int changes1(MemorySegment s, int from, int to, int[] ends, int k) {
        byte prev = s.get(Layouts.U8, from - 1);
        for (int i = from; i < to; i++) {
            byte v = s.get(Layouts.U8, i);
            ends[k] = i;
            k += v != prev ? 1 : 0;
            prev = v;
        }
        return k;
    }

    private static int changes2(MemorySegment s, int from, int to, int[] ends, int k) {
        short prev = s.getAtIndex(Layouts.U16, from - 1);
        for (int i = from; i < to; i++) {
            short v = s.getAtIndex(Layouts.U16, i);
            ends[k] = i;
            k += v != prev ? 1 : 0;
            prev = v;
        }
        return k;
    }

    private static int changes4(MemorySegment s, int from, int to, int[] ends, int k) {
        int prev = s.getAtIndex(Layouts.U32, from - 1);
        for (int i = from; i < to; i++) {
            int v = s.getAtIndex(Layouts.U32, i);
            ends[k] = i;
            k += v != prev ? 1 : 0;
            prev = v;
        }
        return k;
    }

    private static int changes8(MemorySegment s, int from, int to, int[] ends, int k) {
        long prev = s.getAtIndex(Layouts.U64, from - 1);
        for (int i = from; i < to; i++) {
            long v = s.getAtIndex(Layouts.U64, i);
            ends[k] = i;
            k += v != prev ? 1 : 0;
            prev = v;
        }
        return k;
    }

    private static int[] grow(int[] ends, int atLeast) {
        return Arrays.copyOf(ends, Math.max(atLeast, ends.length * 2));
    }

    /** Ends (exclusive) of the runs, in order; entries past the last run are garbage. */
    int[] ends() {
        return ends;
    }

    /** Number of runs. */
    int count() {
        return count;
    }

    /**
     * Index of the first run from {@code from} on whose end is at least {@code value}; {@link #count()}
     * if none. Every run holds a value, so the search spans no more runs than values up to {@code value}.
     */
    int firstEndingAtOrAfter(int from, long value) {
        long startOfFrom = from == 0 ? 0 : ends[from - 1];
        int lo = from;
        int hi = (int) Math.min(count, from + Math.max(0, value - startOfFrom) + 1);
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Whether some run holds more than {@code length} values. */
    boolean anyLongerThan(int length) {
        if (count == 0) {
            return false;
        }
        // ORs the signs of length - run: a plain reduction, which the JIT vectorises
        int signs = length - ends[0];
        for (int r = 1; r < count; r++) {
            signs |= length - (ends[r] - ends[r - 1]);
        }
        return signs < 0;
    }

    /** Index of the run holding value {@code pos} (which must be below the block's size). */
    int runAt(long pos) {
        int from = cursor;
        if (from > 0 && pos < ends[from - 1]) {
            from = 0; // behind the last lookup: search from the first run
        }
        cursor = firstEndingAtOrAfter(from, pos + 1);
        return cursor;
    }

    /**
     * End (exclusive) of the run holding value {@code pos}, at most {@code limit}; as
     * {@link RleCodec#runEnd} but without reading the values.
     */
    long endOf(long pos, long limit) {
        return Math.min(ends[runAt(pos)], limit);
    }

    /** Hands the scratch array back for the thread's next block (or drops it when it grew large). */
    void release() {
        SCRATCH.set(ends.length <= KEEP_ENTRIES ? ends : new int[4096]);
        ends = null;
    }
}
