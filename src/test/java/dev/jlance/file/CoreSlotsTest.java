package dev.jlance.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.encoder.EncodeTask;
import dev.jlance.encoder.EncodedPage;
import dev.jlance.format.pb.Encodings21.PageLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoreSlotsTest {

    private static final Duration DEADLOCK = Duration.ofSeconds(20);
    private static final long WAIT_NANOS = DEADLOCK.toNanos();
    /** How long a thread that must not start is given to start anyway. */
    private static final long GRACE_MILLIS = 150;

    /** The pool a test made with {@link #slotsWithPool}; shut down after each test. */
    private ExecutorService pool;

    /** Pool tasks that count how many run at once and block until released. */
    private static final class Gate {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final CountDownLatch open = new CountDownLatch(1);

        Runnable task() {
            return () -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    open.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    running.decrementAndGet();
                    done.incrementAndGet();
                }
            };
        }

        void awaitRunning(int n) throws InterruptedException {
            eventually(() -> running.get() >= n, () -> "expected " + n + " tasks running, saw " + running.get());
        }

        void awaitDone(int n) throws InterruptedException {
            eventually(() -> done.get() >= n, () -> "expected " + n + " tasks done, saw " + done.get());
        }
    }

    @Test
    void poolThreadsRunNoMoreTasksAtOnceThanThereAreSlots() throws Exception {
        CoreSlots slots = slotsWithPool(2, 4);
        Gate gate = new Gate();
        for (int i = 0; i < 6; i++) {
            pool.execute(gate.task());
        }
        gate.awaitRunning(2);
        Thread.sleep(GRACE_MILLIS);
        assertEquals(2, gate.running.get(), "two slots, four idle threads: two tasks run");
        gate.open.countDown();
        gate.awaitDone(6);
        assertEquals(2, gate.most.get());
        awaitAvailable(slots, 2);
    }

    @Test
    void aWorkingWriterTakesASlotFromThePoolAndGivesItBackWhenItRests() throws Exception {
        CoreSlots slots = slotsWithPool(2, 3);
        slots.writerWorks();
        Gate gate = new Gate();
        for (int i = 0; i < 3; i++) {
            pool.execute(gate.task());
        }
        gate.awaitRunning(1);
        Thread.sleep(GRACE_MILLIS);
        assertEquals(1, gate.running.get(), "the writer holds one of two slots");
        slots.writerRests();
        gate.awaitRunning(2);
        gate.open.countDown();
        gate.awaitDone(3);
        awaitAvailable(slots, 2);
    }

    @Test
    void aWriterNeverWaitsForASlotEvenWhenThePoolHoldsThemAll() throws Exception {
        CoreSlots slots = slotsWithPool(1, 1);
        Gate gate = new Gate();
        pool.execute(gate.task());
        gate.awaitRunning(1);
        assertTimeoutPreemptively(DEADLOCK, slots::writerWorks);
        assertEquals(-1, slots.available(), "over the limit until the pool's task ends");
        slots.writerRests();
        gate.open.countDown();
        gate.awaitDone(1);
        awaitAvailable(slots, 1);
    }

    @Test
    void aWriterHoldingTheOnlySlotGivesItUpWhileItWaitsForPages() throws Exception {
        CoreSlots slots = slotsWithPool(1, 1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        AtomicInteger closed = new AtomicInteger();
        List<Long> written = new ArrayList<>();
        EncodePipeline pipeline = new EncodePipeline(pool, p -> written.add(p.rowNumber()), slots);
        // the pool's thread claims page 0 before the writer starts working
        pipeline.submit(List.of(page(0, closed, started, mayFinish)));
        assertTrue(started.await(20, TimeUnit.SECONDS));
        slots.writerWorks();
        List<EncodeTask> more = new ArrayList<>();
        for (int i = 1; i < 4; i++) {
            more.add(page(i, closed, null, null));
        }
        pipeline.submit(more);
        // page 0 may finish only once the writer, waiting for it, has given its slot back
        Thread release = Thread.ofPlatform().start(() -> {
            try {
                awaitAvailable(slots, 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                mayFinish.countDown();
            }
        });
        assertTimeoutPreemptively(DEADLOCK, pipeline::writeAll);
        release.join();
        assertEquals(List.of(0L, 1L, 2L, 3L), written, "pages 1..3 run here, page 0 on the pool");
        awaitAvailable(slots, 0); // the writer holds its slot again, the pool has given its back
        slots.writerRests();
        awaitAvailable(slots, 1);
        assertEquals(4, closed.get());
    }

    @Test
    void anAbortingWriterLetsThePoolFinishWhatItWaitsFor() throws Exception {
        CoreSlots slots = slotsWithPool(1, 1);
        AtomicInteger closed = new AtomicInteger();
        EncodePipeline pipeline = new EncodePipeline(pool, p -> { }, slots);
        slots.writerWorks();
        List<EncodeTask> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tasks.add(page(i, closed, null, null));
        }
        pipeline.submit(tasks);
        // abort runs nothing itself: only the pool can finish these, and it needs the slot
        assertTimeoutPreemptively(DEADLOCK, () -> pipeline.abort(new IllegalStateException("test")));
        assertEquals(5, closed.get(), "every page released");
        slots.writerRests();
        awaitAvailable(slots, 1);
    }

    @Test
    void aFieldFeederWaitingForAFieldThePoolClaimedGivesItsSlotBack() throws Exception {
        CoreSlots slots = slotsWithPool(1, 1);
        CountDownLatch poolHasField1 = new CountDownLatch(1);
        CountDownLatch writerWorksAgain = new CountDownLatch(1);
        FieldFeeder feeder = new FieldFeeder(pool, slots);
        slots.writerWorks();
        List<List<EncodeTask>> tasks = assertTimeoutPreemptively(DEADLOCK,
                () -> feeder.feed(new int[] {0, 1}, FieldFeeder.PARALLEL_MIN_BYTES, field -> {
                    try {
                        if (field == 0) {
                            // lend the slot so the pool's thread can claim field 1, then take it back
                            slots.writerRests();
                            try {
                                assertTrue(poolHasField1.await(20, TimeUnit.SECONDS));
                            } finally {
                                slots.writerWorks();
                                writerWorksAgain.countDown();
                            }
                        } else {
                            poolHasField1.countDown();
                            assertTrue(writerWorksAgain.await(20, TimeUnit.SECONDS));
                            // one slot, held by this thread and taken by the writer: -1 until the
                            // writer, waiting for this field, gives its slot back
                            awaitAvailable(slots, 0);
                        }
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return List.of();
                }));
        assertEquals(2, tasks.size());
        awaitAvailable(slots, 0);
        slots.writerRests();
        awaitAvailable(slots, 1);
    }

    @Test
    void writesAndClosesOnTheSharedPoolGiveEveryMachineSlotBackEvenWhenTheyFail(@TempDir Path dir)
            throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        awaitAvailable(CoreSlots.MACHINE, cores);
        Schema schema = new Schema(List.of(Field.nullable("n", new ArrowType.Int(64, true))));
        Schema other = new Schema(List.of(Field.nullable("n", new ArrowType.Int(32, true))));
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
                VectorSchemaRoot wrong = VectorSchemaRoot.create(other, allocator)) {
            BigIntVector n = (BigIntVector) root.getVector(0);
            int rows = 300_000;
            n.allocateNew(rows);
            for (int i = 0; i < rows; i++) {
                n.set(i, i * 7L);
            }
            root.setRowCount(rows);
            ((IntVector) wrong.getVector(0)).allocateNew(1);
            wrong.setRowCount(1);
            wrong.getVector(0).setValueCount(1);

            Path good = dir.resolve("good.lance");
            try (LanceFileWriter w = LanceFileWriter.open(good, schema, WriteOptions.defaults())) {
                for (int i = 0; i < 8; i++) {
                    w.write(root);
                }
            }
            assertTrue(Files.size(good) > 0);
            awaitAvailable(CoreSlots.MACHINE, cores);

            LanceFileWriter failing = LanceFileWriter.open(dir.resolve("bad.lance"), schema, WriteOptions.defaults());
            failing.write(root);
            assertThrows(RuntimeException.class, () -> failing.write(wrong));
            failing.close();
            awaitAvailable(CoreSlots.MACHINE, cores);
        }
    }

    private static EncodeTask page(int id, AtomicInteger closed, CountDownLatch started, CountDownLatch mayFinish) {
        return new EncodeTask() {
            @Override
            public EncodedPage call() throws Exception {
                if (started != null) {
                    started.countDown();
                    assertTrue(mayFinish.await(20, TimeUnit.SECONDS));
                }
                return new EncodedPage(List.of(), PageLayout.getDefaultInstance(), 1, id, id, "test", "test",
                        closed::incrementAndGet);
            }

            @Override
            public void discard() {
            }

            @Override
            public long inputBytes() {
                return 10;
            }
        };
    }

    private CoreSlots slotsWithPool(int slots, int threads) {
        CoreSlots made = new CoreSlots(slots);
        pool = EncodeExecutors.slottedPool(threads, "test-slots-", made);
        return made;
    }

    @AfterEach
    void stopPool() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** Pool threads give their slot back just after a task's future completes: allow for that. */
    private static void awaitAvailable(CoreSlots slots, int n) throws InterruptedException {
        eventually(() -> slots.available() == n, () -> "expected " + n + " free slots, saw " + slots.available());
    }

    /** Waits up to {@link #DEADLOCK} for {@code condition}, failing with {@code what} if it never holds. */
    private static void eventually(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(1);
        }
    }
}
