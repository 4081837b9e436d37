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
            switch (width) {
                case 1 -> {
                    byte prev = s.get(Layouts.U8, 0);
                    for (int i = 1; i < len; i++) {
                        byte v = s.get(Layouts.U8, i);
                        if (v != prev) {
                            if (k == ends.length) {
                                ends = grow(ends);
                            }
                            ends[k++] = i;
                            prev = v;
                        }
                    }
                }
                case 2 -> {
                    short prev = s.get(Layouts.U16, 0);
                    for (int i = 1; i < len; i++) {
                        short v = s.get(Layouts.U16, 2L * i);
                        if (v != prev) {
                            if (k == ends.length) {
                                ends = grow(ends);
                            }
                            ends[k++] = i;
                            prev = v;
                        }
                    }
                }
                case 4 -> {
                    int prev = s.get(Layouts.U32, 0);
                    for (int i = 1; i < len; i++) {
                        int v = s.get(Layouts.U32, 4L * i);
                        if (v != prev) {
                            if (k == ends.length) {
                                ends = grow(ends);
                            }
                            ends[k++] = i;
                            prev = v;
                        }
                    }
                }
                case 8 -> {
                    long prev = s.get(Layouts.U64, 0);
                    for (int i = 1; i < len; i++) {
                        long v = s.get(Layouts.U64, 8L * i);
                        if (v != prev) {
                            if (k == ends.length) {
                                ends = grow(ends);
                            }
                            ends[k++] = i;
                            prev = v;
                        }
                    }
                }
                default -> throw new IllegalArgumentException("RLE needs 1, 2, 4 or 8-byte values, got " + width);
            }
            if (k == ends.length) {
                ends = grow(ends);
            }
            ends[k++] = len;
        }
        return new RunEnds(ends, k);
    }

    private static int[] grow(int[] ends) {
        return Arrays.copyOf(ends, ends.length * 2);
    }

    /** Ends (exclusive) of the runs, in order; entries past the last run are garbage. */
    int[] ends() {
        return ends;
    }

    /** Index of the run holding value {@code pos} (which must be below the block's size). */
    int runAt(long pos) {
        int r = cursor;
        if (r > 0 && pos < ends[r - 1]) {
            r = Arrays.binarySearch(ends, 0, count, (int) pos);
            r = r >= 0 ? r + 1 : -r - 1; // the first run ending after pos
        }
        while (ends[r] <= pos) {
            r++;
        }
        cursor = r;
        return r;
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
