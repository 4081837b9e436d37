package dev.jlance.repdef;

import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

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

    private final Idle<short[]> shorts = new Idle<>(short[]::new, a -> a.length, Short.BYTES);
    private final Idle<int[]> ints = new Idle<>(int[]::new, a -> a.length, Integer.BYTES);
    /** Bytes of the idle arrays held, of both kinds. */
    private long keptBytes;

    private LevelScratch() {
    }

    /** The calling thread's scratch. */
    static LevelScratch get() {
        return MINE.get();
    }

    /** An array of at least {@code n} shorts, contents undefined. */
    short[] shorts(int n) {
        return shorts.take(n);
    }

    /** An array of at least {@code n} ints, contents undefined. */
    int[] ints(int n) {
        return ints.take(n);
    }

    /**
     * Takes {@code a} back (null is ignored); its last user must be done with it. A full scratch
     * keeps the longer arrays.
     */
    void give(short[] a) {
        shorts.give(a);
    }

    /** As {@link #give(short[])}. */
    void give(int[] a) {
        ints.give(a);
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

    /** The idle arrays of one kind. */
    private final class Idle<A> {
        private final Object[] slots = new Object[KEEP];
        private final IntFunction<A> create;
        private final ToIntFunction<A> length;
        private final int elementBytes;

        Idle(IntFunction<A> create, ToIntFunction<A> length, int elementBytes) {
            this.create = create;
            this.length = length;
            this.elementBytes = elementBytes;
        }

        @SuppressWarnings("unchecked")
        private A at(int slot) {
            return (A) slots[slot];
        }

        /** The shortest idle array of at least {@code n} elements, or a new one. */
        A take(int n) {
            int best = -1;
            for (int i = 0; i < KEEP; i++) {
                A a = at(i);
                if (a != null && length.applyAsInt(a) >= n
                        && (best < 0 || length.applyAsInt(a) < length.applyAsInt(at(best)))) {
                    best = i;
                }
            }
            if (best < 0) {
                return create.apply(roundUp(n));
            }
            A a = at(best);
            slots[best] = null;
            keptBytes -= bytes(a);
            return a;
        }

        /** Keeps {@code a} in a free slot, else in place of the shortest idle array if longer. */
        void give(A a) {
            if (a == null) {
                return;
            }
            int slot = -1;
            for (int i = 0; i < KEEP; i++) {
                if (slots[i] == null) {
                    slot = i;
                    break;
                }
                if (slot < 0 || length.applyAsInt(at(i)) < length.applyAsInt(at(slot))) {
                    slot = i;
                }
            }
            A old = at(slot);
            long freed = old == null ? 0 : bytes(old);
            boolean longer = old == null || length.applyAsInt(old) < length.applyAsInt(a);
            if (longer && keptBytes - freed + bytes(a) <= KEEP_BYTES) {
                slots[slot] = a;
                keptBytes += bytes(a) - freed;
            }
        }

        private long bytes(A a) {
            return (long) elementBytes * length.applyAsInt(a);
        }
    }
}
