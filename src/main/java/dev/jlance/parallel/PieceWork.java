package dev.jlance.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
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
 * <p>The calling thread never waits for a piece nobody has started: it offers pieces to the
 * executor, then runs each one no other thread has claimed, and waits only for pieces already
 * running elsewhere. So a busy pool, a pool whose threads are all waiting for core slots, or an
 * executor whose only thread is the caller cannot deadlock it; at worst every piece runs here.
 */
public final class PieceWork {

    private static final ScopedValue<Executor> HELPERS = ScopedValue.newInstance();

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
        List<StartedTask<Void>> offered = offer(helpers, count, piece);
        Throwable failure = runHere(piece, 0, null);
        for (StartedTask<Void> t : offered) {
            if (failure == null) {
                t.runHereIfUnclaimed();
            } else {
                t.skipIfUnclaimed();
            }
        }
        for (int i = 1 + offered.size(); i < count; i++) { // the executor refused these
            failure = failure == null ? runHere(piece, i, null) : failure;
        }
        for (StartedTask<Void> t : offered) {
            failure = firstOf(failure, awaitQuietly(t));
        }
        switch (failure) {
            case null -> {
            }
            case RuntimeException r -> throw r;
            case Error e -> throw e;
            default -> throw new IllegalStateException(failure.getMessage(), failure);
        }
    }

    /** Offers pieces {@code 1..count-1} to {@code helpers}, in order, until it refuses one. */
    private static List<StartedTask<Void>> offer(Executor helpers, int count, IntConsumer piece) {
        List<StartedTask<Void>> offered = new ArrayList<>(count - 1);
        for (int i = 1; i < count; i++) {
            int p = i;
            try {
                offered.add(StartedTask.start(() -> {
                    piece.accept(p);
                    return null;
                }, helpers));
            } catch (RejectedExecutionException e) {
                break;
            }
        }
        return offered;
    }

    private static Throwable runHere(IntConsumer piece, int i, Throwable failure) {
        try {
            piece.accept(i);
            return failure;
        } catch (RuntimeException | Error e) {
            return firstOf(failure, e);
        }
    }

    /** Waits for a piece (running elsewhere, done, or skipped); what it threw, null when it ran well. */
    private static Throwable awaitQuietly(StartedTask<Void> t) {
        try {
            t.result().join();
            return null;
        } catch (CompletionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (CancellationException e) {
            return null; // skipped after another piece failed
        }
    }

    private static Throwable firstOf(Throwable first, Throwable next) {
        if (first == null) {
            return next;
        }
        if (next != null && next != first) {
            first.addSuppressed(next);
        }
        return first;
    }
}
