package dev.jlance.bench;

import dev.jlance.bench.data.Dataset;
import dev.jlance.bench.data.DatasetSize;
import dev.jlance.bench.data.Datasets;
import dev.jlance.bench.data.GeneratedData;
import dev.jlance.file.LanceFileWriter;
import dev.jlance.file.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of one {@code write} of a small batch (1,000 rows by default) into a writer that stays
 * open, as an ingest service sees it: every call is sampled, so JMH reports p50, p99 and the
 * maximum. The writer is opened at the start of each iteration and closed (its file deleted) at
 * the end, so the file stays bounded; closing is not measured. With {@code pauseMicros = 0} the
 * calls come back to back, faster than either writer encodes, so the tail measures the wait for
 * encoding to catch up; a pause between calls (outside the measured time) makes a paced stream
 * below capacity, where the tail is the writer's own. Run e.g.
 * {@code ./jlance bench SmallBatchLatencyBenchmark -p pauseMicros=0,1000 -f 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class SmallBatchLatencyBenchmark {

    /** Distinct batches cycled through, so that no two consecutive writes see the same buffers. */
    static final int DISTINCT_BATCHES = 64;

    @Param({"event_log"})
    public String dataset;

    @Param({"1000"})
    public int batchRows;

    /** Rest between calls, in microseconds (not measured): 0 for back to back. */
    @Param({"0"})
    public long pauseMicros;

    BufferAllocator allocator;
    GeneratedData data;
    Path dir;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        allocator = new RootAllocator();
        Dataset d = Datasets.named(dataset);
        data = d.generate(new DatasetSize((long) DISTINCT_BATCHES * batchRows, Long.MAX_VALUE, batchRows), allocator);
        dir = Files.createTempDirectory("jlance-latency");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        data.close();
        allocator.close();
        Files.deleteIfExists(dir);
    }

    /** Rests {@link #pauseMicros} before a call (about: parking is not exact to the microsecond). */
    void rest() {
        if (pauseMicros > 0) {
            LockSupport.parkNanos(pauseMicros * 1000);
        }
    }

    /** The next batch in the cycle. */
    private static VectorSchemaRoot next(List<VectorSchemaRoot> batches, long call) {
        return batches.get((int) (call % batches.size()));
    }

    /** An open jlance writer, one per iteration. */
    @State(Scope.Thread)
    public static class JlanceWriter {
        LanceFileWriter writer;
        Path file;
        long calls;

        @Setup(Level.Iteration)
        public void open(SmallBatchLatencyBenchmark b) throws IOException {
            file = b.dir.resolve("jlance.lance");
            writer = LanceFileWriter.open(file, b.data.dataset().schema(), WriteOptions.defaults());
        }

        /** The pause before a call: an invocation-level setup, so outside the sampled time. */
        @Setup(Level.Invocation)
        public void pace(SmallBatchLatencyBenchmark b) {
            b.rest();
        }

        @TearDown(Level.Iteration)
        public void close() throws IOException {
            writer.close();
            Files.deleteIfExists(file);
        }
    }

    /** An open official writer, one per iteration. */
    @State(Scope.Thread)
    public static class OfficialWriter {
        org.lance.file.LanceFileWriter writer;
        Path file;
        long calls;

        @Setup(Level.Iteration)
        public void open(SmallBatchLatencyBenchmark b) throws IOException {
            file = b.dir.resolve("official.lance");
            writer = org.lance.file.LanceFileWriter.open(file.toString(), b.allocator, null, Optional.of("2.1"),
                    Map.of());
        }

        /** The pause before a call: an invocation-level setup, so outside the sampled time. */
        @Setup(Level.Invocation)
        public void pace(SmallBatchLatencyBenchmark b) {
            b.rest();
        }

        @TearDown(Level.Iteration)
        public void close() throws Exception {
            writer.close();
            Files.deleteIfExists(file);
        }
    }

    @Benchmark
    public void jlance(JlanceWriter w) throws IOException {
        w.writer.write(next(data.batches(), w.calls++));
    }

    @Benchmark
    public void official(OfficialWriter w) throws Exception {
        w.writer.write(next(data.batches(), w.calls++));
    }
}
