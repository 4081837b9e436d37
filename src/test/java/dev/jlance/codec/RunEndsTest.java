package dev.jlance.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RunEndsTest {

    /** The run ends found value by value, the plain way. */
    private static List<Integer> naive(long[] values) {
        List<Integer> ends = new ArrayList<>();
        for (int i = 1; i < values.length; i++) {
            if (values[i] != values[i - 1]) {
                ends.add(i);
            }
        }
        if (values.length > 0) {
            ends.add(values.length);
        }
        return ends;
    }

    private static MemorySegment store(Arena arena, long[] values, int width) {
        MemorySegment s = arena.allocate(Math.max(1, (long) values.length * width) + 16);
        s.fill((byte) 0x77); // bytes past the values must not count
        for (int i = 0; i < values.length; i++) {
            switch (width) {
                case 1 -> s.set(ValueLayout.JAVA_BYTE, i, (byte) values[i]);
                case 2 -> s.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i, (short) values[i]);
                case 4 -> s.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i, (int) values[i]);
                default -> s.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, values[i]);
            }
        }
        return s;
    }

    /** The first {@code count} run ends, scanned by a new thread: its scratch array starts small and grows. */
    private static int[] onFreshThread(MemorySegment s, int width, int n, int count) {
        int[][] out = new int[1][];
        Thread t = Thread.ofPlatform().start(() -> {
            RunEnds runs = RunEnds.scan(s, width, n);
            out[0] = java.util.Arrays.copyOf(runs.ends(), count);
            runs.release();
        });
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return out[0];
    }

    /** Runs that are all short, all long, and that start or end on each side of every 4096-value block seam. */
    @Test
    void findsEveryRunEndAcrossBlockSeamsAndWidths() {
        SplittableRandom rng = new SplittableRandom(3);
        try (Arena arena = Arena.ofShared()) {
            for (int width : new int[] {1, 2, 4, 8}) {
                for (int n : new int[] {0, 1, 2, 3, 4095, 4096, 4097, 8191, 8192, 8193, 12_289, 70_001}) {
                    for (int pattern = 0; pattern < 4; pattern++) {
                        long[] values = new long[n];
                        long v = 0;
                        for (int i = 0; i < n; i++) {
                            boolean change = switch (pattern) {
                                case 0 -> rng.nextInt(2) == 0; // runs of about two
                                case 1 -> i % 4096 == 0 || i % 4096 == 4095; // seams on both sides
                                case 2 -> rng.nextInt(5000) == 0; // long runs across blocks
                                default -> true; // every value a run
                            };
                            if (change && i > 0) {
                                // differ only in the top byte of the width: no bit may be ignored
                                v += 1L << (8 * (width - 1)) | (rng.nextInt(2) == 0 ? 0 : 1);
                            }
                            values[i] = v & (width == 8 ? -1L : (1L << (8 * width)) - 1);
                            if (i > 0 && change && values[i] == values[i - 1]) {
                                values[i] ^= 1; // truncation made them equal again
                            }
                        }
                        MemorySegment stored = store(arena, values, width);
                        int[] fresh = onFreshThread(stored, width, n, naive(values).size());
                        RunEnds runs = RunEnds.scan(stored, width, n);
                        try {
                            List<Integer> expected = naive(values);
                            for (int r = 0; r < expected.size(); r++) {
                                assertEquals(expected.get(r), runs.ends()[r],
                                        "width " + width + ", n " + n + ", pattern " + pattern + ", run " + r);
                                assertEquals(expected.get(r), fresh[r], "on a fresh thread, run " + r);
                            }
                            if (n > 0) {
                                assertEquals(expected.size() - 1, runs.runAt(n - 1), "runs of width " + width + ", n " + n);
                            }
                        } finally {
                            runs.release();
                        }
                    }
                }
            }
        }
    }
}
