package dev.jlance.repdef;

/**
 * The level arrays a thread's shredding works in, handed back and reused batch after batch, so
 * that steady-state shredding allocates no arrays. Arrays come back as long as asked or longer:
 * users go by their own counts, never by an array's length. A thread keeps a few idle arrays of
 * each kind, {@value #KEEP_BYTES} bytes of them at most; what does not fit goes to the garbage
 * collector.
 */
final class LevelScratch {

    /** Idle arrays kept per kind. */
    private static final int KEEP = 8;
    /** The most bytes of idle arrays a thread keeps. */
    private static final long KEEP_BYTES = 32L << 20;
    private static final ThreadLocal<LevelScratch> MINE = ThreadLocal.withInitial(LevelScratch::new);

    private final short[][] shorts = new short[KEEP][];
    private final int[][] ints = new int[KEEP][];
    /** Bytes of the idle arrays held. */
    private long keptBytes;

    private LevelScratch() {
    }

    /** The calling thread's scratch. */
    static LevelScratch get() {
        return MINE.get();
    }

    /** An array of at least {@code n} shorts, contents undefined. */
    short[] shorts(int n) {
        int best = -1;
        for (int i = 0; i < KEEP; i++) {
            short[] a = shorts[i];
            if (a != null && a.length >= n && (best < 0 || a.length < shorts[best].length)) {
                best = i;
            }
        }
        if (best < 0) {
            return new short[roundUp(n)];
        }
        short[] a = shorts[best];
        shorts[best] = null;
        keptBytes -= 2L * a.length;
        return a;
    }

    /** An array of at least {@code n} ints, contents undefined. */
    int[] ints(int n) {
        int best = -1;
        for (int i = 0; i < KEEP; i++) {
            int[] a = ints[i];
            if (a != null && a.length >= n && (best < 0 || a.length < ints[best].length)) {
                best = i;
            }
        }
        if (best < 0) {
            return new int[roundUp(n)];
        }
        int[] a = ints[best];
        ints[best] = null;
        keptBytes -= 4L * a.length;
        return a;
    }

    /**
     * Takes {@code a} back (null is ignored); its last user must be done with it. A full scratch
     * keeps the longer arrays.
     */
    void give(short[] a) {
        if (a == null) {
            return;
        }
        int slot = -1;
        for (int i = 0; i < KEEP; i++) {
            if (shorts[i] == null) {
                slot = i;
                break;
            }
            if (slot < 0 || shorts[i].length < shorts[slot].length) {
                slot = i;
            }
        }
        long freed = shorts[slot] == null ? 0 : 2L * shorts[slot].length;
        boolean longer = shorts[slot] == null || shorts[slot].length < a.length;
        if (longer && keptBytes - freed + 2L * a.length <= KEEP_BYTES) {
            shorts[slot] = a;
            keptBytes += 2L * a.length - freed;
        }
    }

    /** As {@link #give(short[])}. */
    void give(int[] a) {
        if (a == null) {
            return;
        }
        int slot = -1;
        for (int i = 0; i < KEEP; i++) {
            if (ints[i] == null) {
                slot = i;
                break;
            }
            if (slot < 0 || ints[i].length < ints[slot].length) {
                slot = i;
            }
        }
        long freed = ints[slot] == null ? 0 : 4L * ints[slot].length;
        boolean longer = ints[slot] == null || ints[slot].length < a.length;
        if (longer && keptBytes - freed + 4L * a.length <= KEEP_BYTES) {
            ints[slot] = a;
            keptBytes += 4L * a.length - freed;
        }
    }

    /** Bytes of idle arrays this thread holds (for tests). */
    long keptBytes() {
        return keptBytes;
    }

    /** Room for growth: a power of two, so arrays of similar batches fit each other. */
    private static int roundUp(int n) {
        if (n <= 64) {
            return 64;
        }
        int p = Integer.highestOneBit(n - 1) << 1;
        return p > 0 ? p : Integer.MAX_VALUE - 8;
    }
}
