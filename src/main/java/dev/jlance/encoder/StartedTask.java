package dev.jlance.encoder;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An encode task handed to an executor. Whichever thread claims it first runs it: an executor
 * thread, or a thread that would otherwise sit waiting for pages ({@link #runHereIfUnclaimed()}),
 * so a writer over its in-flight budget encodes instead of idling.
 */
public final class StartedTask {

    private final EncodeTask task;
    private final CompletableFuture<EncodedPage> page = new CompletableFuture<>();
    private final AtomicBoolean claimed = new AtomicBoolean();

    private StartedTask(EncodeTask task) {
        this.task = task;
    }

    /**
     * Hands {@code task} to {@code executor}. When the executor refuses it, its exception comes out
     * of this call and the task has not run (the caller discards it).
     */
    static StartedTask start(EncodeTask task, Executor executor) {
        StartedTask started = new StartedTask(task);
        executor.execute(started::runHereIfUnclaimed);
        return started;
    }

    /** Completes with the task's page, or with what it threw. */
    public CompletableFuture<EncodedPage> page() {
        return page;
    }

    /** Runs the task on the calling thread unless another thread has claimed it; true when it ran here. */
    public boolean runHereIfUnclaimed() {
        if (!claimed.compareAndSet(false, true)) {
            return false;
        }
        try {
            page.complete(task.call());
        } catch (Throwable e) {
            page.completeExceptionally(e);
        }
        return true;
    }
}
