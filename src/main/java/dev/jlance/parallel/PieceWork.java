package dev.jlance.parallel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Lets one encode task share a long pass with idle threads of the executor it runs on. A page is
 * the unit of parallel work, so a write whose last page is long (an FSST page of free text takes
 * tens of milliseconds) ends with one core busy and the other idle; a codec that can cut its pass
 * into independent pieces runs them through {@link #run}, and whichever threads are free take some.
 *
 * <p>The executor is bound for the duration of a task ({@link #withHelpers}, a scoped value), so the
 * codecs deep inside need no parameter for it. Outside a binding, {@link #run} runs every piece on
 * the calling thread.
 *
 * <p>The pieces are handed out by a counter: the calling thread and a few helpers offered to the
 * executor (one fewer than the cores) each take the next piece nobody has taken until none is
 * left. So the calling thread never waits for a piece nobody has started, only for pieces already
 * running elsewhere: a busy pool, a pool whose threads all wait for core slots, or an executor
 * whose only thread is the caller cannot deadlock it, and at worst every piece runs here. A run
 * costs a handful of objects however many pieces it has (the writer keeps heap allocation per row
 * near zero).
 */
public final class PieceWork {

    private static final ScopedValue<Executor> HELPERS = ScopedValue.newInstance();

    /** Helpers offered per run: with the calling thread, one thread per core. */
    private static final int MAX_HELPERS = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);

    private PieceWork() {
    }

    /** Calls {@code task} with {@code executor} offered to the pieces of its {@link #run}s. */
    public static <T> T withHelpers(Executor executor, Callable<T> task) throws Exception {
        return ScopedValue.where(HELPERS, executor).call(task::call);
    }

    /**
     * Runs {@code piece.accept(i)} once for every {@code i} in {@code 0..count-1}, on this thread or
     * on the executor of the enclosing {@link #withHelpers}, and returns once all have run. Pieces must
     * not depend on each other's order. When any piece fails, the pieces not started yet are skipped,
     * the ones running elsewhere are waited for (they may use the caller's memory), and the first
     * failure is thrown with the others suppressed.
     */
    public static void run(int count, IntConsumer piece) {
        if (count < 0) {
            throw new IllegalArgumentException("negative piece count: " + count);
        }
        Executor helpers = HELPERS.isBound() ? HELPERS.get() : null;
        if (helpers == null || count <= 1) {
            for (int i = 0; i < count; i++) {
                piece.accept(i);
            }
            return;
        }
        Job job = new Job(count, piece, Thread.currentThread());
        for (int h = Math.min(count - 1, MAX_HELPERS); h > 0; h--) {
            try {
                helpers.execute(job);
            } catch (RejectedExecutionException e) {
                break; // the pieces no helper takes run here
            }
        }
        job.takePieces();
        job.awaitAll();
        switch (job.failure()) {
            case null -> {
            }
            case RuntimeException r -> throw r;
            case Error e -> throw e;
            case Throwable t -> throw new IllegalStateException(t.getMessage(), t);
        }
    }

    /** One run's pieces: a counter hands them out; the caller waits for the count of finished ones. */
    private static final class Job implements Runnable {
        private static final VarHandle NEXT;
        private static final VarHandle FINISHED;

        static {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                NEXT = lookup.findVarHandle(Job.class, "next", int.class);
                FINISHED = lookup.findVarHandle(Job.class, "finished", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final int count;
        private final IntConsumer piece;
        private final Thread caller;
        /** The next piece nobody has taken. */
        private volatile int next;
        /** Pieces run or skipped. */
        private volatile int finished;
        private volatile boolean failed;
        /**
         * The first failure, the others suppressed in it. Written under this object's lock before
         * the piece counts as finished; the caller reads it after seeing every piece finished.
         */
        private Throwable failure;

        Job(int count, IntConsumer piece, Thread caller) {
            this.count = count;
            this.piece = piece;
            this.caller = caller;
        }

        /** A helper thread: takes pieces until none is left (nothing, when it comes too late). */
        @Override
        public void run() {
            takePieces();
        }

        /** Takes the next piece nobody has taken until none is left; after a failure, skips them. */
        void takePieces() {
            for (int i = (int) NEXT.getAndAdd(this, 1); i < count; i = (int) NEXT.getAndAdd(this, 1)) {
                if (!failed) {
                    try {
                        piece.accept(i);
                    } catch (RuntimeException | Error e) {
                        fail(e);
                    }
                }
                if ((int) FINISHED.getAndAdd(this, 1) + 1 == count && Thread.currentThread() != caller) {
                    LockSupport.unpark(caller);
                }
            }
        }

        private synchronized void fail(Throwable e) {
            if (failure == null) {
                failure = e;
            } else if (failure != e) {
                failure.addSuppressed(e);
            }
            failed = true;
        }

        /** The caller, once no piece is left to take: waits for the pieces still running elsewhere. */
        void awaitAll() {
            boolean interrupted = false;
            while (finished < count) {
                LockSupport.park(this);
                interrupted |= Thread.interrupted(); // pieces use the caller's memory: keep waiting
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized Throwable failure() {
            return failure;
        }
    }
}
