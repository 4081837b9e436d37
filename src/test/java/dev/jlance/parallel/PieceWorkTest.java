package dev.jlance.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PieceWorkTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(3);

    @AfterEach
    void shutDown() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    /** Runs every piece under {@code helpers} and checks each ran exactly once; returns the threads used. */
    private static Set<Thread> runCounting(Executor helpers, int count) throws Exception {
        AtomicIntegerArray runs = new AtomicIntegerArray(count);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        PieceWork.withHelpers(helpers, () -> {
            PieceWork.run(count, i -> {
                runs.incrementAndGet(i);
                threads.add(Thread.currentThread());
            });
            return null;
        });
        for (int i = 0; i < count; i++) {
            assertEquals(1, runs.get(i), "piece " + i + " of " + count);
        }
        return threads;
    }

    @Test
    void withoutHelpersEveryPieceRunsOnTheCaller() {
        for (int count : new int[] {0, 1, 2, 7}) {
            List<Integer> order = new ArrayList<>();
            Set<Thread> threads = new HashSet<>();
            PieceWork.run(count, i -> {
                order.add(i);
                threads.add(Thread.currentThread());
            });
            assertEquals(count, order.size());
            for (int i = 0; i < count; i++) {
                assertEquals(i, order.get(i));
            }
            assertTrue(threads.isEmpty() || threads.equals(Set.of(Thread.currentThread())));
        }
    }

    @Test
    void everyPieceRunsExactlyOnceOnAPool() throws Exception {
        for (int count = 0; count <= 41; count++) {
            runCounting(pool, count);
        }
    }

    @Test
    void helpersReallyTakePieces() throws Exception {
        // piece 0 can only finish once another thread has started piece 1: on the caller alone it would time out
        CountDownLatch secondStarted = new CountDownLatch(1);
        AtomicBoolean sawHelper = new AtomicBoolean();
        Thread caller = Thread.currentThread();
        PieceWork.withHelpers(pool, () -> {
            PieceWork.run(2, i -> {
                if (i == 1) {
                    sawHelper.set(Thread.currentThread() != caller);
                    secondStarted.countDown();
                } else {
                    try {
                        assertTrue(secondStarted.await(10, TimeUnit.SECONDS), "no helper took piece 1");
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }
            });
            return null;
        });
        assertTrue(sawHelper.get());
    }

    @Test
    void theBindingEndsWithItsTask() throws Exception {
        assertEquals("done", PieceWork.withHelpers(pool, () -> "done"));
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        PieceWork.run(20, i -> threads.add(Thread.currentThread()));
        assertEquals(Set.of(Thread.currentThread()), threads);
    }

    @Test
    void aDirectExecutorRunsEveryPieceOnce() throws Exception {
        assertEquals(Set.of(Thread.currentThread()), runCounting(Runnable::run, 9));
    }

    @Test
    void piecesNobodyStartsRunOnTheCaller() throws Exception {
        // an executor that accepts everything and runs nothing: a pool busy with other pages, or out of core slots
        List<Runnable> parked = new ArrayList<>();
        assertEquals(Set.of(Thread.currentThread()), runCounting(parked::add, 12));
        assertEquals(11, parked.size());
        parked.forEach(Runnable::run); // a pool thread getting to them later finds them claimed: nothing runs twice
    }

    @Test
    void piecesTheExecutorRefusesRunOnTheCaller() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        Executor refusesAfterTwo = r -> {
            if (accepted.incrementAndGet() > 2) {
                throw new RejectedExecutionException("full");
            }
            pool.execute(r);
        };
        runCounting(refusesAfterTwo, 10);
        runCounting(r -> {
            throw new RejectedExecutionException("shut down");
        }, 5);
    }

    @Test
    void aFailureSkipsPiecesNotStartedAndIsThrown() throws Exception {
        List<Runnable> parked = new ArrayList<>();
        AtomicIntegerArray runs = new AtomicIntegerArray(6);
        IllegalStateException boom = new IllegalStateException("piece 0 failed");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> PieceWork.withHelpers(parked::add,
                () -> {
                    PieceWork.run(6, i -> {
                        runs.incrementAndGet(i);
                        if (i == 0) {
                            throw boom;
                        }
                    });
                    return null;
                }));
        assertSame(boom, thrown);
        assertEquals("[1, 0, 0, 0, 0, 0]", runs.toString());
        parked.forEach(Runnable::run);
        assertEquals("[1, 0, 0, 0, 0, 0]", runs.toString(), "skipped pieces stay skipped");
    }

    @Test
    void aFailureWaitsForPiecesRunningElsewhere() throws Exception {
        // piece 1 runs on a helper and is still running when piece 0 fails: run() must not return before it ends
        CountDownLatch helperRunning = new CountDownLatch(1);
        AtomicBoolean helperDone = new AtomicBoolean();
        AtomicBoolean doneWhenThrown = new AtomicBoolean();
        Error failure = new AssertionError("piece 0");
        try {
            PieceWork.withHelpers(pool, () -> {
                PieceWork.run(2, i -> {
                    if (i == 1) {
                        helperRunning.countDown();
                        sleep(200);
                        helperDone.set(true);
                        throw new IllegalArgumentException("piece 1 too");
                    }
                    await(helperRunning);
                    throw failure;
                });
                return null;
            });
        } catch (AssertionError e) {
            doneWhenThrown.set(helperDone.get());
            assertSame(failure, e);
            assertEquals(1, e.getSuppressed().length);
            assertEquals("piece 1 too", e.getSuppressed()[0].getMessage());
        }
        assertTrue(doneWhenThrown.get(), "run() returned while a piece was still running");
    }

    @Test
    void aPoolThreadSplittingOnItsOnlyThreadFinishes() throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            Set<Thread> threads = single.submit(() -> runCounting(single, 8)).get(10, TimeUnit.SECONDS);
            assertEquals(1, threads.size());
            assertFalse(threads.contains(Thread.currentThread()));
        } finally {
            single.shutdownNow();
        }
    }

    @Test
    void rejectsANegativeCount() {
        assertThrows(IllegalArgumentException.class, () -> PieceWork.run(-1, i -> { }));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
