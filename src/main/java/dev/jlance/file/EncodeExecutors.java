package dev.jlance.file;

import dev.jlance.parallel.BackgroundPriority;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * jlance's pools for encode tasks. Their threads take one of the {@link CoreSlots#MACHINE} slots
 * for each task, so a pool and the writers feeding it run no more threads at once than there are
 * cores, and run at a {@link BackgroundPriority lower priority}, so a writer's thread that wakes
 * with work does not wait for one of them to finish its page.
 */
final class EncodeExecutors {

    private static final class Holder {
        static final ExecutorService SHARED = create();
    }

    /** A fixed pool whose threads hold a core slot while they run a task. */
    private static final class SlottedPool extends ThreadPoolExecutor {
        private final CoreSlots slots;

        SlottedPool(int threads, String prefix, CoreSlots slots) {
            super(threads, threads, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), daemons(prefix));
            this.slots = slots;
        }

        @Override
        protected void beforeExecute(Thread t, Runnable r) {
            slots.acquireForTask();
        }

        @Override
        protected void afterExecute(Runnable r, Throwable t) {
            slots.releaseTask();
        }
    }

    private EncodeExecutors() {
    }

    /** The pool every writer without executor options shares: one daemon thread per core. */
    static ExecutorService shared() {
        return Holder.SHARED;
    }

    /** A pool of {@code threads} daemon threads for one writer, which shuts it down. */
    static ExecutorService ownPool(int threads) {
        return slottedPool(threads, "jlance-writer-encode-", CoreSlots.MACHINE);
    }

    /** A fixed pool of daemon threads named {@code prefix}N, each holding one of {@code slots} per task. */
    static ExecutorService slottedPool(int threads, String prefix, CoreSlots slots) {
        return new SlottedPool(threads, prefix, slots);
    }

    private static ExecutorService create() {
        return slottedPool(Math.max(1, Runtime.getRuntime().availableProcessors()), "jlance-encode-",
                CoreSlots.MACHINE);
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Runnable lowered = () -> {
                BackgroundPriority.lowerCurrentThread();
                r.run();
            };
            Thread t = new Thread(lowered, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
