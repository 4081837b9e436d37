package dev.jlance.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
        // the caller's piece can only finish once another thread has started a piece: on the
        // caller alone it would time out
        CountDownLatch helperStarted = new CountDownLatch(1);
        Thread caller = Thread.currentThread();
        PieceWork.withHelpers(pool, () -> {
            PieceWork.run(2, i -> {
                if (Thread.currentThread() != caller) {
                    helperStarted.countDown();
                } else {
                    await(helperStarted);
                }
            });
            return null;
        });
        assertEquals(0, helperStarted.getCount());
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
        assertFalse(parked.isEmpty(), "no helper was offered");
        assertTrue(parked.size() < 12, "a helper per piece: " + parked.size());
        parked.forEach(Runnable::run); // a pool thread getting to them later finds nothing left: nothing runs twice
    }

    @Test
    void aHelperTakesPiecesUntilNoneIsLeft() throws Exception {
        // one helper per core but the caller's is offered, not one per piece: each keeps taking
        // pieces, so with 40 pieces of 5 ms some helper runs several of them
        Map<Thread, Integer> taken = new ConcurrentHashMap<>();
        Thread caller = Thread.currentThread();
        PieceWork.withHelpers(pool, () -> {
            PieceWork.run(40, i -> {
                taken.merge(Thread.currentThread(), 1, Integer::sum);
                sleep(5);
            });
            return null;
        });
        assertEquals(40, taken.values().stream().mapToInt(Integer::intValue).sum());
        int mostByAHelper = taken.entrySet().stream().filter(e -> e.getKey() != caller)
                .mapToInt(Map.Entry::getValue).max().orElse(0);
        assertTrue(mostByAHelper >= 2, "pieces per thread: " + taken.values());
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
        // a helper's piece is still running when the caller's fails: run() must not return before it ends
        CountDownLatch helperRunning = new CountDownLatch(1);
        AtomicBoolean helperDone = new AtomicBoolean();
        AtomicBoolean doneWhenThrown = new AtomicBoolean();
        Error failure = new AssertionError("the caller's piece");
        Thread caller = Thread.currentThread();
        AssertionError thrown = assertThrows(AssertionError.class, () -> PieceWork.withHelpers(pool, () -> {
            try {
                PieceWork.run(2, i -> {
                    if (Thread.currentThread() != caller) {
                        helperRunning.countDown();
                        sleep(200);
                        helperDone.set(true);
                        throw new IllegalArgumentException("the helper's piece too");
                    }
                    await(helperRunning);
                    throw failure;
                });
            } finally {
                doneWhenThrown.set(helperDone.get());
            }
            return null;
        }));
        assertSame(failure, thrown);
        assertEquals(1, thrown.getSuppressed().length);
        assertEquals("the helper's piece too", thrown.getSuppressed()[0].getMessage());
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
