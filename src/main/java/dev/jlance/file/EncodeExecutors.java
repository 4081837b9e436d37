package dev.jlance.file;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** jlance's shared pool for encode tasks: one daemon thread per core. */
final class EncodeExecutors {

    private static final class Holder {
        static final ExecutorService SHARED = create();
    }

    private EncodeExecutors() {
    }

    static ExecutorService shared() {
        return Holder.SHARED;
    }

    /** A pool of {@code threads} daemon threads for one writer, which shuts it down. */
    static ExecutorService ownPool(int threads) {
        return pool(threads, "jlance-writer-encode-");
    }

    private static ExecutorService create() {
        return pool(Math.max(1, Runtime.getRuntime().availableProcessors()), "jlance-encode-");
    }

    private static ExecutorService pool(int threads, String prefix) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
