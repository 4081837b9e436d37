package dev.jlance.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.encoder.EncodeTask;
import dev.jlance.encoder.EncodedPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class FieldFeederTest {

    private static final long LARGE = FieldFeeder.PARALLEL_MIN_BYTES;

    /** A task standing for one field's page; counts discards. */
    private static final class FieldTask implements EncodeTask {
        final int field;
        final AtomicInteger discarded = new AtomicInteger();

        FieldTask(int field) {
            this.field = field;
        }

        @Override
        public EncodedPage call() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void discard() {
            discarded.incrementAndGet();
        }

        @Override
        public long inputBytes() {
            return 1;
        }
    }

    /** Feeds that count how often each field was fed and on which threads. */
    private static final class CountingFeed implements IntFunction<List<EncodeTask>> {
        final AtomicIntegerArray fed;
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final List<FieldTask> made = java.util.Collections.synchronizedList(new ArrayList<>());

        CountingFeed(int fields) {
            fed = new AtomicIntegerArray(fields);
        }

        @Override
        public List<EncodeTask> apply(int field) {
            fed.incrementAndGet(field);
            threads.add(Thread.currentThread().getName());
            FieldTask t = new FieldTask(field);
            made.add(t);
            return List.of(t);
        }
    }

    private static int[] fields(int n) {
        int[] f = new int[n];
        for (int i = 0; i < n; i++) {
            f[i] = 3 * i + 1; // not 0..n-1: results must follow the given list
        }
        return f;
    }

    private static void assertOnePerFieldInOrder(int[] fields, List<List<EncodeTask>> tasks, CountingFeed feed) {
        assertEquals(fields.length, tasks.size());
        for (int i = 0; i < fields.length; i++) {
            assertEquals(1, feed.fed.get(fields[i]), "field " + fields[i] + " fed once");
            assertEquals(1, tasks.get(i).size());
            assertEquals(fields[i], ((FieldTask) tasks.get(i).getFirst()).field);
        }
        for (int f = 0; f < feed.fed.length(); f++) {
            boolean listed = false;
            for (int g : fields) {
                listed |= g == f;
            }
            assertEquals(listed ? 1 : 0, feed.fed.get(f), "field " + f);
        }
    }

    @Test
    void aPoolFeedsEveryFieldOnceAndTheTasksComeBackInFieldOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int n : new int[] {1, 2, 3, 7, 40, 101}) {
                for (int round = 0; round < 20; round++) {
                    int[] fields = fields(n);
                    CountingFeed feed = new CountingFeed(3 * n);
                    assertOnePerFieldInOrder(fields, new FieldFeeder(pool).feed(fields, LARGE, feed), feed);
                }
            }
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void fieldsAnExecutorThreadClaimsAreFedThereAndAwaited() {
        // every offered field is offered to a thread of its own
        FieldFeeder feeder = new FieldFeeder(r -> new Thread(r, "helper").start());
        int[] fields = fields(6);
        CountingFeed feed = new CountingFeed(20);
        List<List<EncodeTask>> tasks = feeder.feed(fields, LARGE, f -> {
            if (f == fields[0]) { // the caller's own field waits until a helper has fed one: both take part
                while (!feed.threads.contains("helper")) {
                    Thread.onSpinWait();
                }
            }
            return feed.apply(f);
        });
        assertOnePerFieldInOrder(fields, tasks, feed);
        assertTrue(feed.threads.contains("helper"), "some field was fed by the executor: " + feed.threads);
        assertTrue(feed.threads.contains(Thread.currentThread().getName()), "the caller fed some: " + feed.threads);
    }

    @Test
    void anExecutorThatNeverRunsLeavesEveryFieldToTheCaller() {
        List<Runnable> held = new ArrayList<>();
        int[] fields = fields(9);
        CountingFeed feed = new CountingFeed(26);
        List<List<EncodeTask>> tasks = new FieldFeeder(held::add).feed(fields, LARGE, feed);
        assertOnePerFieldInOrder(fields, tasks, feed);
        assertEquals(Set.of(Thread.currentThread().getName()), feed.threads);
        assertEquals(8, held.size(), "every field but the caller's first was offered");
        held.forEach(Runnable::run); // late runs find their field claimed and do nothing
        assertOnePerFieldInOrder(fields, tasks, feed);
    }

    @Test
    void anExecutorThatRefusesLeavesTheRestToTheCaller() {
        AtomicInteger accepted = new AtomicInteger();
        List<Runnable> held = new ArrayList<>();
        FieldFeeder feeder = new FieldFeeder(r -> {
            if (accepted.incrementAndGet() > 2) {
                throw new RejectedExecutionException("test: full");
            }
            held.add(r);
        });
        int[] fields = fields(7);
        CountingFeed feed = new CountingFeed(20);
        assertOnePerFieldInOrder(fields, feeder.feed(fields, LARGE, feed), feed);
    }

    @Test
    void smallBatchesAreFedOnTheCallingThreadAlone() {
        int[] fields = fields(12);
        CountingFeed feed = new CountingFeed(35);
        List<List<EncodeTask>> tasks = new FieldFeeder(r -> {
            throw new AssertionError("a small batch must not be handed to the executor");
        }).feed(fields, LARGE - 1, feed);
        assertOnePerFieldInOrder(fields, tasks, feed);
    }

    @Test
    void aFailureDiscardsTheOtherFieldsTasksAndTheEarliestFailingFieldIsThrown() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (long bytes : new long[] {LARGE - 1, LARGE}) {
                int[] fields = fields(10);
                CountingFeed feed = new CountingFeed(32);
                IllegalArgumentException early = new IllegalArgumentException("test: field " + fields[3]);
                IllegalStateException late = new IllegalStateException("test: field " + fields[7]);
                IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                        () -> new FieldFeeder(pool).feed(fields, bytes, f -> {
                            if (f == fields[7]) {
                                throw late;
                            }
                            if (f == fields[3]) {
                                throw early;
                            }
                            return feed.apply(f);
                        }));
                assertSame(early, thrown);
                assertEquals(List.of(late), List.of(thrown.getSuppressed()));
                assertEquals(8, feed.made.size(), "every other field was still fed");
                for (FieldTask t : feed.made) {
                    assertEquals(1, t.discarded.get(), "task of field " + t.field + " discarded once");
                }
            }
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }
}
