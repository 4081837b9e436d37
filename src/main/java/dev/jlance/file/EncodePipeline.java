package dev.jlance.file;

import dev.jlance.encoder.EncodeTask;
import dev.jlance.encoder.EncodedPage;
import dev.jlance.parallel.StartedTask;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Encode tasks in flight, in the order their pages go into the file. Tasks run on the executor;
 * the writer's own thread hands pages to the file, in submission order, whenever it comes by:
 * {@link #writeFinished()} takes the pages already done without waiting, {@link #awaitBelow} waits
 * only while more input than the budget is in flight, {@link #pace} spreads that wait over the
 * calls, {@link #writeAll()} waits for everything.
 *
 * <p>So a {@code write} returns as soon as its batch is buffered, while earlier pages encode on
 * other cores. Only the writer's thread touches the queue and the file, so neither needs a lock;
 * a task's page reaches that thread through its future. While it waits for one, the writer's
 * thread gives its {@link CoreSlots core slot} to the pool.
 */
final class EncodePipeline {

    /** Writes one page into the file; the pipeline closes the page afterwards. */
    @FunctionalInterface
    interface PageWriter {
        void write(EncodedPage page) throws IOException;
    }

    /** A task whose page is not written yet; {@code task} is null when the executor refused it. */
    private record InFlight(CompletableFuture<EncodedPage> page, long inputBytes, StartedTask<EncodedPage> task) {
    }

    private final Executor executor;
    private final PageWriter writer;
    private final CoreSlots slots;
    private final ArrayDeque<InFlight> queue = new ArrayDeque<>();
    private long inFlightBytes;
    private final DrainRate drain = new DrainRate();

    EncodePipeline(Executor executor, PageWriter writer) {
        this(executor, writer, CoreSlots.NONE);
    }

    /** {@code slots}: the writer's thread gives its core slot back while it waits for a page. */
    EncodePipeline(Executor executor, PageWriter writer, CoreSlots slots) {
        this.executor = executor;
        this.writer = writer;
        this.slots = slots;
    }

    /** Starts every task; their pages will be written after those submitted before. */
    void submit(List<EncodeTask> tasks) {
        for (int i = 0; i < tasks.size(); i++) {
            EncodeTask t = tasks.get(i);
            StartedTask<EncodedPage> started;
            try {
                started = t.startOn(executor);
            } catch (RuntimeException e) { // rejected: this task and the ones not yet started never run
                for (int j = i; j < tasks.size(); j++) {
                    tasks.get(j).discard();
                }
                // kept in line so abort() reports it
                queue.addLast(new InFlight(CompletableFuture.failedFuture(e), t.inputBytes(), null));
                inFlightBytes += t.inputBytes();
                throw e;
            }
            queue.addLast(new InFlight(started.result(), t.inputBytes(), started));
            inFlightBytes += t.inputBytes();
        }
    }

    /** Writes the pages at the head of the queue that are already encoded; never waits. */
    void writeFinished() throws IOException {
        while (!queue.isEmpty() && queue.peekFirst().page().isDone()) {
            writeHead(false);
        }
    }

    /**
     * Writes pages, waiting for them as needed, until at most {@code budget} input bytes are in
     * flight. This runs inside the caller's {@code write}, so it encodes only a head page nobody has
     * started: running some later page here would hold the call for that page's whole encoding
     * when the head may be done sooner.
     */
    void awaitBelow(long budget) throws IOException {
        writeFinished();
        while (inFlightBytes > budget && !queue.isEmpty()) {
            writeHead(false);
        }
    }

    /**
     * Writes the pages already encoded and, while more than {@code soft} input bytes are in flight,
     * holds the call that started at {@code callStart} (a {@link System#nanoTime()}) until it has
     * lasted as long as the pipeline takes to drain its batch of {@code batchBytes} at the rate
     * pages left it lately, writing pages as they finish; it stops early once the pipeline is back
     * at {@code soft}. Then, like {@link #awaitBelow}, it waits for pages until at most {@code hard}
     * bytes are in flight.
     *
     * <p>So a caller faster than the encoders is slowed by about its share in every call instead
     * of stalling, one call in many, for a whole page, which is what the tail of a stream's
     * latency feels; over the whole stream it waits as long either way. Between the two limits
     * nothing is encoded on this thread: that would hold the call for a whole page.
     */
    void pace(long callStart, long batchBytes, long soft, long hard) throws IOException {
        writeFinished();
        if (inFlightBytes > soft) {
            // held a little longer the nearer it is to hard, so that pages arriving several at
            // once seldom push it over and into a wait for a whole page
            double over = (double) (inFlightBytes - soft) / Math.max(1, hard - soft);
            long delay = (long) (drain.nanosToDrain(batchBytes) * (1 + Math.min(1.0, over)));
            long deadline = callStart + delay;
            while (inFlightBytes > soft && !queue.isEmpty() && awaitHeadUntil(deadline)) {
                writeHead(false);
                writeFinished();
            }
        }
        awaitBelow(hard);
    }

    /**
     * Waits, without a core slot, until the head page is encoded or {@code deadline} passes; true
     * when it is done (or failed: writing it surfaces the failure). An interrupt ends the wait
     * early and stays set.
     */
    private boolean awaitHeadUntil(long deadline) {
        CompletableFuture<EncodedPage> head = queue.peekFirst().page();
        if (head.isDone()) {
            return true;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        slots.writerRests();
        try {
            head.get(left, TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return head.isDone();
        } catch (ExecutionException | CompletionException e) {
            return true;
        } finally {
            slots.writerWorks();
        }
    }

    /** Waits for every task and writes every page, encoding on this thread whatever no other has started. */
    void writeAll() throws IOException {
        while (!queue.isEmpty()) {
            writeHead(true);
        }
    }

    /** Input bytes of the tasks whose pages are not written yet. */
    long inFlightBytes() {
        return inFlightBytes;
    }

    int pagesInFlight() {
        return queue.size();
    }

    private void writeHead(boolean helpWithLaterPages) throws IOException {
        if (helpWithLaterPages) {
            helpUntilHeadIsDone();
        } else {
            StartedTask<EncodedPage> head = queue.peekFirst().task();
            if (head != null) {
                head.runHereIfUnclaimed();
            }
        }
        InFlight head = queue.pollFirst();
        inFlightBytes -= head.inputBytes();
        EncodedPage page = await(head.page());
        drain.pageLeft(System.nanoTime(), head.inputBytes());
        try (page) {
            writer.write(page);
        }
    }

    /**
     * Rather than wait idle for the head page, runs tasks no executor thread has started yet, head
     * first, on this thread; waits only once every task in flight is running or done.
     */
    private void helpUntilHeadIsDone() {
        CompletableFuture<EncodedPage> head = queue.peekFirst().page();
        for (InFlight f : queue) {
            if (head.isDone()) {
                return;
            }
            if (f.task() != null) {
                f.task().runHereIfUnclaimed();
            }
        }
    }

    /** {@link #join}, with this thread's core slot given back for as long as it has to wait. */
    private EncodedPage await(CompletableFuture<EncodedPage> f) {
        if (f.isDone()) {
            return join(f);
        }
        slots.writerRests();
        try {
            return join(f);
        } finally {
            slots.writerWorks();
        }
    }

    private static EncodedPage join(CompletableFuture<EncodedPage> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the page must still be released: keep waiting, re-flag below
                } catch (ExecutionException | CompletionException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    switch (cause) {
                        case RuntimeException r -> throw r;
                        case Error err -> throw err;
                        default -> throw new IllegalStateException("encoding failed: " + cause.getMessage(), cause);
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Abandons the queue: waits for the tasks still running (they hold memory) and releases every
     * page. Failures of the tasks are added to {@code cause}.
     */
    void abort(Throwable cause) {
        while (!queue.isEmpty()) {
            InFlight head = queue.pollFirst();
            try {
                await(head.page()).close();
            } catch (RuntimeException | Error e) {
                if (e != cause) {
                    cause.addSuppressed(e);
                }
            }
        }
        inFlightBytes = 0;
    }
}
