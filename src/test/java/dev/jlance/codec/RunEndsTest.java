package dev.jlance.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * Lookups against plain scans of the ends: the run holding a value, forwards, backwards and
     * jumping; the first run ending at or after a value from any run on; whether a run is longer
     * than a length, at lengths around the longest.
     */
    @Test
    void lookupsAgreeWithPlainScans() {
        SplittableRandom rng = new SplittableRandom(11);
        try (Arena arena = Arena.ofShared()) {
            for (int n : new int[] {1, 2, 5, 300, 4097, 20_000}) {
                for (int maxRun : new int[] {1, 3, 255, 256, 1000}) {
                    long[] values = new long[n];
                    long value = 0;
                    for (int i = 0; i < n; value++) {
                        int len = 1 + rng.nextInt(maxRun);
                        for (int k = 0; k < len && i < n; k++) {
                            values[i++] = value;
                        }
                    }
                    List<Integer> expected = naive(values);
                    int longest = 0;
                    for (int r = 0, prev = 0; r < expected.size(); prev = expected.get(r), r++) {
                        longest = Math.max(longest, expected.get(r) - prev);
                    }
                    RunEnds runs = RunEnds.scan(store(arena, values, 8), 8, n);
                    try {
                        String at = "n " + n + ", runs up to " + maxRun;
                        if (n > maxRun) {
                            assertTrue(expected.size() > 1, at + ": the values make several runs");
                        }
                        assertEquals(expected.size(), runs.count(), at);
                        for (int length : new int[] {longest - 1, longest, longest + 1}) {
                            assertEquals(longest > length, runs.anyLongerThan(length), at + ", length " + length);
                        }
                        for (int probe = 0; probe < 400; probe++) {
                            int pos = rng.nextInt(n);
                            int holding = 0;
                            while (expected.get(holding) <= pos) {
                                holding++;
                            }
                            assertEquals(holding, runs.runAt(pos), at + ", value " + pos);
                            int from = rng.nextInt(expected.size() + 1);
                            long target = rng.nextInt(n + 2);
                            int first = from;
                            while (first < expected.size() && expected.get(first) < target) {
                                first++;
                            }
                            assertEquals(first, runs.firstEndingAtOrAfter(from, target),
                                    at + ", from run " + from + ", value " + target);
                        }
                    } finally {
                        runs.release();
                    }
                }
            }
        }
    }
}
