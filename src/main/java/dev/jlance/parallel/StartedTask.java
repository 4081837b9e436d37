package dev.jlance.parallel;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A task handed to an executor. Whichever thread claims it first runs it: an executor thread, or
 * a thread that would otherwise sit waiting ({@link #runHereIfUnclaimed()}), so a writer over its
 * in-flight budget encodes the page it waits for when no pool thread has started it, a closing
 * writer encodes whatever is left, and a writer copying a batch copies columns the
 * executor has not got to yet.
 *
 * @param <T> what the task produces
 */
public final class StartedTask<T> {

    private final Callable<T> task;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final AtomicBoolean claimed = new AtomicBoolean();

    private StartedTask(Callable<T> task) {
        this.task = task;
    }

    /**
     * Hands {@code task} to {@code executor}. When the executor refuses it, its exception comes out
     * of this call and the task has not run (the caller discards it).
     */
    public static <T> StartedTask<T> start(Callable<T> task, Executor executor) {
        StartedTask<T> started = new StartedTask<>(task);
        executor.execute(started::runHereIfUnclaimed);
        return started;
    }

    /** Completes with the task's result, or with what it threw. */
    public CompletableFuture<T> result() {
        return result;
    }

    /** Runs the task on the calling thread unless another thread has claimed it; true when it ran here. */
    public boolean runHereIfUnclaimed() {
        if (!claimed.compareAndSet(false, true)) {
            return false;
        }
        try {
            result.complete(task.call());
        } catch (Throwable e) {
            result.completeExceptionally(e);
        }
        return true;
    }
}
