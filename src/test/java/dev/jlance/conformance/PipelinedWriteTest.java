package dev.jlance.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.compression.BlockCompressor;
import dev.jlance.compression.CompressionStrategy;
import dev.jlance.compression.DefaultCompressionStrategy;
import dev.jlance.compression.MiniBlockCompressor;
import dev.jlance.compression.PerValueCompressor;
import dev.jlance.conformance.TestData.Nulls;
import dev.jlance.data.BlockStatistics;
import dev.jlance.file.LanceFileWriter;
import dev.jlance.file.WriteOptions;
import dev.jlance.memory.BlockPool;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.schema.LanceField;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/**
 * The writer's pipeline: {@code write} returns while its pages are still being encoded, pages still
 * land in order, a failure inside an encode task abandons the file from a later call, and memory
 * stays bounded by the caches and the in-flight budget, not by the input.
 */
class PipelinedWriteTest extends ConformanceTestBase {

    /** Holds encode tasks until the test releases them; after that runs tasks at once. */
    private static final class HeldExecutor implements Executor {
        final ArrayDeque<Runnable> held = new ArrayDeque<>();
        private boolean released;

        @Override
        public void execute(Runnable r) {
            if (released) {
                r.run();
            } else {
                held.add(r);
            }
        }

        /** Runs the held tasks, newest first, and every later one as it comes. */
        void releaseNewestFirst() {
            released = true;
            while (!held.isEmpty()) {
                held.pollLast().run();
            }
        }
    }

    private Schema schema() {
        return new Schema(List.of(TestData.field(TestData.byName("int64"), "a", true),
                TestData.field(TestData.byName("utf8"), "b", true),
                TestData.field(TestData.byName("float64"), "c", false)));
    }

    private List<VectorSchemaRoot> batches(Schema schema, int count, int rows) {
        List<VectorSchemaRoot> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(track(TestData.root(allocator, schema, List.of(TestData.byName("int64"), TestData.byName("utf8"),
                    TestData.byName("float64")), rows + 7 * i, 500 + i, Nulls.RANDOM)));
        }
        return out;
    }

    @Test
    void writeReturnsBeforeItsPagesAreEncodedAndTheFileStillReadsBackInOrder() throws Exception {
        Schema schema = schema();
        List<VectorSchemaRoot> batches = batches(schema, 12, 3_000);
        HeldExecutor executor = new HeldExecutor();
        Path file = tmp.resolve("held.lance");
        WriteOptions options = WriteOptions.builder().executor(executor).cacheBytesPerColumn(16 * 1024)
                .maxBytesInFlight(Long.MAX_VALUE).build();
        try (LanceFileWriter writer = LanceFileWriter.open(file, schema, options)) {
            for (VectorSchemaRoot b : batches) {
                writer.write(b);
            }
            assertTrue(executor.held.size() >= 24, "pages cut by write() wait for the executor: "
                    + executor.held.size());
            executor.releaseNewestFirst(); // finish out of order: the file must not care
        }
        OfficialReaderHarness.assertFileContains(file, schema, batches, allocator, 1_000);
        assertEquals(List.of(), OffHeapArena.openArenas());
    }

    @Test
    void oneTwoAndFourEncodeThreadsWriteTheSameBytes() throws Exception {
        Schema schema = schema();
        List<VectorSchemaRoot> batches = batches(schema, 9, 4_000);
        List<byte[]> files = new ArrayList<>();
        for (WriteOptions options : List.of(
                WriteOptions.builder().executor(Runnable::run).cacheBytesPerColumn(20_000).build(),
                WriteOptions.builder().encodeThreads(1).cacheBytesPerColumn(20_000).maxBytesInFlight(1).build(),
                WriteOptions.builder().encodeThreads(2).cacheBytesPerColumn(20_000).build(),
                WriteOptions.builder().encodeThreads(4).cacheBytesPerColumn(20_000)
                        .maxBytesInFlight(Long.MAX_VALUE).build())) {
            Path file = tmp.resolve("threads-" + files.size() + ".lance");
            OfficialReaderHarness.writeAndVerify(file, schema, batches, options, allocator);
            files.add(Files.readAllBytes(file));
        }
        for (int i = 1; i < files.size(); i++) {
            assertTrue(java.util.Arrays.equals(files.get(0), files.get(i)), "file " + i + " differs from file 0");
        }
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("jlance-writer-encode-")) {
                t.join(5_000); // shut down at close(): idle workers exit at once
                assertFalse(t.isAlive(), "a writer's own encode pool outlived its close(): " + t.getName());
            }
        }
    }

    /**
     * Batches over the size at which the writer feeds fields on several threads, with every flat
     * type as a column and pages cut inside batches: the file reads back, and is the same bytes
     * whether fields are fed inline or on a pool of two or four threads.
     */
    @Test
    void largeBatchesFedOnSeveralThreadsWriteTheSameBytesAsInline() throws Exception {
        List<TestData.TypeCase> cases = TestData.flatTypes().stream()
                .filter(t -> !t.name().startsWith("fsb") || t.name().equals("fsb16")).toList();
        List<Field> fields = new ArrayList<>();
        for (int c = 0; c < cases.size(); c++) {
            fields.add(TestData.field(cases.get(c), "c" + c + "_" + cases.get(c).name(), true));
        }
        Schema schema = new Schema(fields);
        List<VectorSchemaRoot> batches = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batches.add(track(TestData.root(allocator, schema, cases, 9_000 + 1_111 * i, 77 + i, Nulls.RANDOM)));
        }
        long smallest = batches.stream().mapToLong(b -> b.getFieldVectors().stream()
                .mapToLong(v -> v.getBufferSize()).sum()).min().orElseThrow();
        assertTrue(smallest > 2 * 1024 * 1024, "batches must be large enough to be fed concurrently: " + smallest);
        List<byte[]> files = new ArrayList<>();
        for (WriteOptions options : List.of(
                WriteOptions.builder().executor(Runnable::run).cacheBytesPerColumn(100_000).build(),
                WriteOptions.builder().encodeThreads(2).cacheBytesPerColumn(100_000).build(),
                WriteOptions.builder().encodeThreads(4).cacheBytesPerColumn(100_000).build())) {
            Path file = tmp.resolve("fed-" + files.size() + ".lance");
            OfficialReaderHarness.writeAndVerify(file, schema, batches, options, allocator);
            files.add(Files.readAllBytes(file));
        }
        for (int i = 1; i < files.size(); i++) {
            assertTrue(java.util.Arrays.equals(files.get(0), files.get(i)), "file " + i + " differs from file 0");
        }
        assertEquals(List.of(), OffHeapArena.openArenas());
    }

    /** Fails on column {@code b}'s pages, inside the encode task. */
    private static final class FailingOnB implements CompressionStrategy {
        final CompressionStrategy inner = new DefaultCompressionStrategy(dev.jlance.FormatVersion.defaultVersion());
        final IllegalStateException failure = new IllegalStateException("test: cannot compress column 'b'");

        private void check(LanceField field) {
            if (field.name().equals("b")) {
                throw failure;
            }
        }

        @Override
        public MiniBlockCompressor miniBlockCompressor(LanceField field, BlockStatistics stats) {
            check(field);
            return inner.miniBlockCompressor(field, stats);
        }

        @Override
        public PerValueCompressor perValueCompressor(LanceField field, BlockStatistics stats) {
            check(field);
            return inner.perValueCompressor(field, stats);
        }

        @Override
        public BlockCompressor blockCompressor(LanceField field, BlockStatistics stats) {
            check(field);
            return inner.blockCompressor(field, stats);
        }
    }

    @Test
    void anEncodeFailureSurfacesFromALaterCallAndLeavesNoFile() throws Exception {
        Schema schema = schema();
        List<VectorSchemaRoot> batches = batches(schema, 6, 3_000);
        for (boolean failAtClose : new boolean[] {true, false}) {
            HeldExecutor executor = new HeldExecutor();
            FailingOnB strategy = new FailingOnB();
            Path file = tmp.resolve("failing-" + failAtClose + ".lance");
            var before = OfficialReaderHarness.DirSnapshot.of(tmp);
            LanceFileWriter writer = LanceFileWriter.open(file, schema, WriteOptions.builder().executor(executor)
                    .compression(strategy).cacheBytesPerColumn(16 * 1024).maxBytesInFlight(Long.MAX_VALUE).build());
            for (VectorSchemaRoot b : batches) {
                writer.write(b); // column b's pages fail only when they run
            }
            executor.releaseNewestFirst();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> {
                        if (failAtClose) {
                            writer.close();
                        } else {
                            writer.write(batches.getFirst());
                        }
                    });
            assertSame(strategy.failure, e, "the encode task's own exception, naming the column");
            assertThrows(IllegalStateException.class, () -> writer.write(batches.getFirst()),
                    "a failed writer refuses further use");
            writer.close(); // does nothing after the failure
            assertFalse(Files.exists(file), "no file may appear after a failed write");
            OfficialReaderHarness.assertNoStrayFiles(tmp, before, null);
            assertEquals(List.of(), OffHeapArena.openArenas(), "pages released after the failure");
        }
    }

    @Test
    void offHeapMemoryStaysBoundedByTheCachesAndTheInFlightBudgetWhateverTheInputSize() throws Exception {
        Schema schema = new Schema(List.of(Field.notNullable("x", new ArrowType.Int(64, true)),
                Field.notNullable("y", new ArrowType.Int(64, true))));
        int rows = 64 * 1024; // 512 KiB per column and batch
        VectorSchemaRoot root = track(VectorSchemaRoot.create(schema, allocator));
        BigIntVector x = (BigIntVector) root.getVector(0);
        BigIntVector y = (BigIntVector) root.getVector(1);
        x.allocateNew(rows);
        y.allocateNew(rows);
        for (int i = 0; i < rows; i++) {
            x.set(i, i * 7919L);
            y.set(i, (i * 31L) % 1000);
        }
        root.setRowCount(rows);
        WriteOptions options = WriteOptions.builder().cacheBytesPerColumn(1 << 20).maxBytesInFlight(4 << 20).build();
        BlockPool pool = BlockPool.shared();
        int files = 6;
        long[] fresh = new long[files];
        for (int round = 0; round < files; round++) {
            Path file = tmp.resolve("bounded-" + round + ".lance");
            pool.resetPeak();
            long inUseBefore = pool.bytesInUse();
            long allocatedBefore = pool.bytesAllocated();
            try (LanceFileWriter writer = LanceFileWriter.open(file, schema, options)) {
                for (int b = 0; b < 256; b++) { // 256 MiB of input
                    writer.write(root);
                }
            }
            long peak = pool.peakBytesInUse() - inUseBefore;
            assertTrue(peak <= 24L << 20, "writing 256 MiB held " + peak + " bytes of off-heap memory at once");
            assertEquals(inUseBefore, pool.bytesInUse(), "every block returned after close");
            fresh[round] = pool.bytesAllocated() - allocatedBefore;
        }
        // The files after the first reuse its blocks. How many pages are in flight at a file's
        // peak depends on the threads' timing (writes are paced between half the budget and all
        // of it), so a later file may hold a page or so more at its peak than the first did and
        // map blocks for it, once; a pool that reused nothing, or leaked, would map megabytes
        // again for every file.
        long later = Arrays.stream(fresh, 1, files).sum();
        assertTrue(later <= 2L << 20, "the files after the first mapped " + later
                + " bytes of fresh native memory, the first " + fresh[0] + ": " + Arrays.toString(fresh));
        try (var reader = org.lance.file.LanceFileReader.open(tmp.resolve("bounded-1.lance").toString(), allocator)) {
            assertEquals(256L * rows, reader.numRows());
        }
    }
}
