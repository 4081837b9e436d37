package dev.jlance.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.encoder.EncodeTask;
import dev.jlance.encoder.EncodedPage;
import dev.jlance.format.pb.Encodings21.PageLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EncodePipelineTest {

    /** Holds submitted work until the test runs it, in any order. */
    private static final class HeldExecutor implements Executor {
        final ArrayDeque<Runnable> held = new ArrayDeque<>();

        @Override
        public void execute(Runnable r) {
            held.add(r);
        }

        void runNewestFirst() {
            while (!held.isEmpty()) {
                held.pollLast().run();
            }
        }
    }

    /** A task for page {@code id} of {@code bytes} input bytes that counts what happens to it. */
    private static class CountingTask implements EncodeTask {
        final int id;
        final long bytes;
        final RuntimeException failure;
        final AtomicInteger pagesClosed;
        boolean discarded;
        final AtomicInteger calls = new AtomicInteger();

        CountingTask(int id, long bytes, RuntimeException failure, AtomicInteger pagesClosed) {
            this.id = id;
            this.bytes = bytes;
            this.failure = failure;
            this.pagesClosed = pagesClosed;
        }

        @Override
        public EncodedPage call() {
            calls.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
            return new EncodedPage(List.of(), PageLayout.getDefaultInstance(), 1, id, id, "test", "test",
                    pagesClosed::incrementAndGet);
        }

        @Override
        public void discard() {
            discarded = true;
        }

        @Override
        public long inputBytes() {
            return bytes;
        }
    }

    private static List<EncodeTask> tasks(int from, int to, long bytes, AtomicInteger closed) {
        List<EncodeTask> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(new CountingTask(i, bytes, null, closed));
        }
        return out;
    }

    @Test
    void pagesAreWrittenInSubmissionOrderWhateverOrderTheyFinishIn() throws Exception {
        HeldExecutor executor = new HeldExecutor();
        List<Long> written = new ArrayList<>();
        AtomicInteger closed = new AtomicInteger();
        EncodePipeline pipeline = new EncodePipeline(executor, p -> written.add(p.rowNumber()));
        pipeline.submit(tasks(0, 5, 10, closed));
        pipeline.submit(tasks(5, 12, 10, closed));
        executor.runNewestFirst();
        pipeline.writeAll();
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L), written);
        assertEquals(12, closed.get(), "every written page is closed");
        assertEquals(0, pipeline.inFlightBytes());
    }

    @Test
    void aWriterOverItsBudgetEncodesTheTasksNoThreadHasStartedInsteadOfWaiting() throws Exception {
        HeldExecutor executor = new HeldExecutor(); // a pool too busy to start anything
        List<Long> written = new ArrayList<>();
        AtomicInteger closed = new AtomicInteger();
        EncodePipeline pipeline = new EncodePipeline(executor, p -> written.add(p.rowNumber()));
        List<EncodeTask> tasks = tasks(0, 4, 100, closed);
        pipeline.submit(tasks);
        pipeline.awaitBelow(200);
        assertEquals(List.of(0L, 1L), written, "just enough pages encoded here and written to fit the budget");
        assertEquals(200, pipeline.inFlightBytes());
        pipeline.writeAll();
        assertEquals(List.of(0L, 1L, 2L, 3L), written);
        executor.runNewestFirst(); // the pool gets round to them: already claimed, nothing runs twice
        for (EncodeTask t : tasks) {
            assertEquals(1, ((CountingTask) t).calls.get(), "task " + ((CountingTask) t).id + " ran once");
        }
        assertEquals(4, closed.get());
    }

    @Test
    void aWriteWaitingForAHeadPageThatIsRunningElsewhereDoesNotEncodeLaterPages() throws Exception {
        HeldExecutor executor = new HeldExecutor();
        List<Long> written = new ArrayList<>();
        AtomicInteger closed = new AtomicInteger();
        EncodePipeline pipeline = new EncodePipeline(executor, p -> written.add(p.rowNumber()));
        CountDownLatch headStarted = new CountDownLatch(1);
        CountDownLatch headMayFinish = new CountDownLatch(1);
        List<EncodeTask> tasks = new ArrayList<>();
        tasks.add(new CountingTask(0, 100, null, closed) {
            @Override
            public EncodedPage call() {
                headStarted.countDown();
                try {
                    headMayFinish.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return super.call();
            }
        });
        tasks.addAll(tasks(1, 4, 100, closed));
        pipeline.submit(tasks);
        Thread pool = Thread.ofPlatform().start(executor.held.pollFirst()); // claims and runs page 0
        assertTrue(headStarted.await(10, TimeUnit.SECONDS));

        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                pipeline.awaitBelow(300); // needs page 0 written
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        writer.join(200);
        assertTrue(writer.isAlive(), "the write waits for page 0");
        for (EncodeTask t : tasks.subList(1, 4)) {
            assertEquals(0, ((CountingTask) t).calls.get(), "page " + ((CountingTask) t).id
                    + " was encoded inside the write while page 0 ran elsewhere");
        }
        headMayFinish.countDown();
        writer.join(10_000);
        pool.join(10_000);
        assertEquals(List.of(0L), written);

        pipeline.writeAll(); // close encodes what no thread has started
        assertEquals(List.of(0L, 1L, 2L, 3L), written);
        assertEquals(4, closed.get());
    }

    @Test
    void writeFinishedNeverWaitsAndStopsAtTheFirstUnfinishedPage() throws Exception {
        HeldExecutor executor = new HeldExecutor();
        List<Long> written = new ArrayList<>();
        AtomicInteger closed = new AtomicInteger();
        EncodePipeline pipeline = new EncodePipeline(executor, p -> written.add(p.rowNumber()));
        pipeline.submit(tasks(0, 3, 100, closed));
        pipeline.writeFinished();
        pipeline.awaitBelow(300);
        assertEquals(List.of(), written, "nothing has been encoded yet");
        assertEquals(300, pipeline.inFlightBytes());

        executor.held.pollFirst().run(); // page 0
        executor.held.pollLast().run(); // page 2: done, but behind page 1
        pipeline.writeFinished();
        assertEquals(List.of(0L), written);
        assertEquals(200, pipeline.inFlightBytes());
        assertEquals(2, pipeline.pagesInFlight());

        executor.runNewestFirst();
        pipeline.writeFinished();
        assertEquals(List.of(0L, 1L, 2L), written);
    }

    @Test
    void awaitBelowWaitsForTheOldestPagesUntilTheBudgetHolds() throws Exception {
        List<Long> written = new ArrayList<>();
        AtomicInteger closed = new AtomicInteger();
        Executor later = r -> Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            r.run();
        });
        EncodePipeline pipeline = new EncodePipeline(later, p -> written.add(p.rowNumber()));
        pipeline.submit(tasks(0, 6, 100, closed));
        pipeline.awaitBelow(250);
        assertTrue(pipeline.inFlightBytes() <= 250, "in flight: " + pipeline.inFlightBytes());
        assertTrue(written.size() >= 4 && written.subList(0, 4).equals(List.of(0L, 1L, 2L, 3L)), written.toString());
        pipeline.writeAll();
        assertEquals(6, closed.get());
    }

    /**
     * Gives {@code pipeline} a drain rate: two pages of {@code bytes} leave it at least
     * {@code gapMillis} apart (run and written here). Returns the time between them.
     */
    private static long seedDrainRate(EncodePipeline pipeline, HeldExecutor executor, long bytes, long gapMillis,
            AtomicInteger closed) throws Exception {
        pipeline.submit(tasks(100, 102, bytes, closed));
        executor.held.pollFirst().run();
        pipeline.writeFinished();
        long first = System.nanoTime();
        Thread.sleep(gapMillis);
        executor.held.pollFirst().run();
        pipeline.writeFinished();
        assertEquals(0, pipeline.pagesInFlight());
        return System.nanoTime() - first;
    }

    @Test
    void paceLeavesACallAloneWhileAtMostHalfTheBudgetIsInFlight() throws Exception {
        HeldExecutor executor = new HeldExecutor(); // nothing ever finishes
        List<Long> written = new ArrayList<>();
        AtomicInteger closed = new AtomicInteger();
        EncodePipeline pipeline = new EncodePipeline(executor, p -> written.add(p.rowNumber()));
        seedDrainRate(pipeline, executor, 1_000, 20, closed);
        written.clear();
        List<EncodeTask> tasks = tasks(0, 2, 1_000, closed);
        pipeline.submit(tasks);
        assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> pipeline.pace(System.nanoTime(), 1_000_000, 2_000, 4_000));
        assertEquals(List.of(), written);
        assertEquals(2_000, pipeline.inFlightBytes());
        for (EncodeTask t : tasks) {
            assertEquals(0, ((CountingTask) t).calls.get());
        }
    }

    @Test
    void paceHoldsACallOverHalfTheBudgetForItsShareOfTheDrainTimeWithoutEncodingAnything() throws Exception {
        HeldExecutor executor = new HeldExecutor(); // the pool is busy: the head never starts
        List<Long> written = new ArrayList<>();
        AtomicInteger closed = new AtomicInteger();
        EncodePipeline pipeline = new EncodePipeline(executor, p -> written.add(p.rowNumber()));
        long gap = seedDrainRate(pipeline, executor, 1_000, 30, closed);
        written.clear();
        List<EncodeTask> tasks = tasks(0, 4, 1_000, closed);
        pipeline.submit(tasks);
        // 4,000 in flight: a quarter of the way from soft (2,000) to hard (10,000); the batch of
        // 500 bytes drains in half the seeded gap, held 1.25 times that
        long start = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> pipeline.pace(start, 500, 2_000, 10_000));
        long held = System.nanoTime() - start;
        long share = gap / 2 * 5 / 4;
        assertTrue(held >= share - 1_000_000, "held " + held / 1_000 + " us, its share is " + share / 1_000 + " us");
        assertEquals(List.of(), written);
        assertEquals(4_000, pipeline.inFlightBytes());
        for (EncodeTask t : tasks) {
            assertEquals(0, ((CountingTask) t).calls.get(), "page " + ((CountingTask) t).id
                    + " was encoded inside a paced write");
        }
        pipeline.writeAll();
        assertEquals(List.of(0L, 1L, 2L, 3L), written);
    }

    @Test
    void paceLetsTheCallGoOnceThePipelineIsBackAtHalfTheBudget() throws Exception {
        HeldExecutor executor = new HeldExecutor();
        List<Long> written = new ArrayList<>();
        AtomicInteger closed = new AtomicInteger();
        EncodePipeline pipeline = new EncodePipeline(executor, p -> written.add(p.rowNumber()));
        long gap = seedDrainRate(pipeline, executor, 100, 200, closed); // 100 bytes per 200+ ms
        written.clear();
        pipeline.submit(tasks(0, 3, 1_000, closed));
        Runnable head = executor.held.pollFirst();
        Thread pool = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            head.run();
        });
        // the batch's share is at least 2 s; page 0 finishing brings 3,000 down to soft
        long start = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> pipeline.pace(start, 1_000, 2_000, 10_000));
        long held = System.nanoTime() - start;
        pool.join(10_000);
        assertTrue(gap * 10 >= 2_000_000_000L);
        assertTrue(held < 1_500_000_000L, "held " + held / 1_000_000 + " ms after the pipeline was back at soft");
        assertEquals(List.of(0L), written);
        assertEquals(2_000, pipeline.inFlightBytes());
        pipeline.writeAll();
    }

    @Test
    void paceOverTheWholeBudgetWaitsForPagesAndEncodesTheUnstartedHead() throws Exception {
        HeldExecutor executor = new HeldExecutor();
        List<Long> written = new ArrayList<>();
        AtomicInteger closed = new AtomicInteger();
        EncodePipeline pipeline = new EncodePipeline(executor, p -> written.add(p.rowNumber()));
        pipeline.submit(tasks(0, 5, 100, closed));
        // no rate yet: between the limits nothing holds the call, over hard it waits as awaitBelow
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> pipeline.pace(System.nanoTime(), 100, 100, 300));
        assertEquals(List.of(0L, 1L), written);
        assertEquals(300, pipeline.inFlightBytes());
        pipeline.writeAll();
        assertEquals(5, closed.get());
    }

    @Test
    void aFailedTaskSurfacesUnwrappedAndAbortReleasesTheRest() throws Exception {
        HeldExecutor executor = new HeldExecutor();
        List<Long> written = new ArrayList<>();
        AtomicInteger closed = new AtomicInteger();
        EncodePipeline pipeline = new EncodePipeline(executor, p -> written.add(p.rowNumber()));
        IllegalArgumentException boom = new IllegalArgumentException("column 'x': cannot encode");
        List<EncodeTask> tasks = new ArrayList<>(tasks(0, 2, 1, closed));
        tasks.add(new CountingTask(2, 1, boom, closed));
        tasks.addAll(tasks(3, 6, 1, closed));
        pipeline.submit(tasks);
        executor.runNewestFirst();
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, pipeline::writeAll);
        assertSame(boom, thrown);
        assertEquals(List.of(0L, 1L), written);
        pipeline.abort(thrown);
        assertEquals(5, closed.get(), "the two written pages and the three after the failure are released");
        assertEquals(0, pipeline.pagesInFlight());
    }

    @Test
    void aRejectedTaskDiscardsItselfAndTheTasksAfterIt() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        HeldExecutor held = new HeldExecutor();
        Executor rejectsThird = r -> {
            if (accepted.incrementAndGet() == 3) {
                throw new RejectedExecutionException("pool shut down");
            }
            held.execute(r);
        };
        AtomicInteger closed = new AtomicInteger();
        EncodePipeline pipeline = new EncodePipeline(rejectsThird, p -> { });
        List<EncodeTask> tasks = tasks(0, 5, 1, closed);
        assertThrows(RejectedExecutionException.class, () -> pipeline.submit(tasks));
        for (int i = 0; i < 5; i++) {
            assertEquals(i >= 2, ((CountingTask) tasks.get(i)).discarded, "task " + i);
        }
        held.runNewestFirst();
        RejectedExecutionException cause = new RejectedExecutionException("x");
        pipeline.abort(cause);
        assertEquals(2, closed.get(), "the two pages that ran are released");
        assertEquals(1, cause.getSuppressed().length, "the rejection is recorded");
    }
}
