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

    private static ExecutorService create() {
        AtomicInteger n = new AtomicInteger();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "jlance-encode-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
