package dev.jlance.repdef;

/**
 * The level arrays a thread's shredding works in, handed back and reused batch after batch, so
 * that steady-state shredding allocates no arrays. Arrays come back as long as asked or longer:
 * users go by their own counts, never by an array's length. A thread keeps a few idle arrays of
 * each kind, none larger than {@value #KEEP_MAX} entries.
 */
final class LevelScratch {

    /** Idle arrays kept per kind. */
    private static final int KEEP = 8;
    /** Arrays longer than this go to the garbage collector rather than back to the thread. */
    private static final int KEEP_MAX = 1 << 24;
    private static final ThreadLocal<LevelScratch> MINE = ThreadLocal.withInitial(LevelScratch::new);

    private final short[][] shorts = new short[KEEP][];
    private final int[][] ints = new int[KEEP][];

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
        return a;
    }

    /**
     * Takes {@code a} back (null is ignored); its last user must be done with it. A full scratch
     * keeps the longer arrays.
     */
    void give(short[] a) {
        if (a == null || a.length > KEEP_MAX) {
            return;
        }
        int slot = 0;
        for (int i = 0; i < KEEP; i++) {
            if (shorts[i] == null) {
                shorts[i] = a;
                return;
            }
            if (shorts[i].length < shorts[slot].length) {
                slot = i;
            }
        }
        if (shorts[slot].length < a.length) {
            shorts[slot] = a;
        }
    }

    /** As {@link #give(short[])}. */
    void give(int[] a) {
        if (a == null || a.length > KEEP_MAX) {
            return;
        }
        int slot = 0;
        for (int i = 0; i < KEEP; i++) {
            if (ints[i] == null) {
                ints[i] = a;
                return;
            }
            if (ints[i].length < ints[slot].length) {
                slot = i;
            }
        }
        if (ints[slot].length < a.length) {
            ints[slot] = a;
        }
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
