package dev.jlance.bench;

import dev.jlance.bench.data.Dataset;
import dev.jlance.bench.data.DatasetSize;
import dev.jlance.bench.data.Datasets;
import dev.jlance.bench.data.GeneratedData;
import dev.jlance.file.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
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
 * Writes a whole benchmark dataset (about 100 MB of Arrow buffers, see {@link DatasetSize#DEFAULT})
 * with jlance and with the official Lance writer, format 2.1. One operation is one file; the setup
 * prints the dataset's Arrow bytes so times convert to MB/s. Run e.g.
 * {@code ./jlance bench DatasetWriteBenchmark -p dataset=event_log -f 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 40) // C2 takes dozens of operations to compile every vector kernel (PERFORMANCE.md)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class DatasetWriteBenchmark {

    /** A dataset of the suite ({@code nested}: structs and lists). */
    @Param({"event_log", "integers", "floats", "people", "long_text", "embeddings", "nested"})
    public String dataset;

    /** "default" (~1M rows or ~100 MB), "quick" (test size) or a row count. */
    @Param({"default"})
    public String size;

    /**
     * Where jlance encodes: "all" for its shared pool (one thread per core), "0" for the calling
     * thread alone (one thread in all), or N for a pool of N threads beside the calling thread.
     */
    @Param({"all"})
    public String threads;

    /**
     * "new": every operation writes a file that does not exist yet, as an ingest service writing
     * new data files does, and the files are deleted between iterations, outside the timed
     * operation. "overwrite": every operation replaces the previous operation's file. On ext4 that
     * rename over an existing file makes the renaming thread start writing the new file's data to
     * the device and drop the old file's pages (about 15 ms per 30 MB file here, for both writers),
     * so it measures the file system as much as the writer.
     */
    @Param({"new"})
    public String target;

    private BufferAllocator allocator;
    private GeneratedData data;
    private Path dir;
    private int written;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        allocator = new RootAllocator();
        Dataset d = Datasets.named(dataset);
        data = d.generate(switch (size) {
            case "default" -> DatasetSize.DEFAULT;
            case "quick" -> DatasetSize.QUICK;
            default -> DatasetSize.rows(Long.parseLong(size));
        }, allocator);
        dir = Files.createTempDirectory("jlance-bench");
        System.out.printf(Locale.ROOT, "%n%s: %,d rows, %.1f MB of Arrow buffers%n", dataset, data.rows(),
                data.arrowBytes() / 1e6);
    }

    /** Deletes this iteration's files, outside the timed operation. */
    @TearDown(Level.Iteration)
    public void deleteWrittenFiles() throws IOException {
        if (!target.equals("overwrite")) {
            deleteFilesIn(dir);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        data.close();
        allocator.close();
        deleteFilesIn(dir);
        Files.delete(dir);
    }

    private static void deleteFilesIn(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
    }

    /** The file one operation of {@code writer} writes, per {@link #target}. */
    private Path output(String writer) {
        return switch (target == null ? "new" : target) {
            case "new" -> dir.resolve(writer + "-" + written++ + ".lance");
            case "overwrite" -> dir.resolve(writer + ".lance");
            default -> throw new IllegalArgumentException("target must be new or overwrite: " + target);
        };
    }

    /** Arrow buffer bytes one operation writes. */
    public long arrowBytes() {
        return data.arrowBytes();
    }

    @Benchmark
    public long jlance() throws IOException {
        Path out = output("jlance");
        DatasetWrites.jlance(data, out, options());
        return Files.size(out);
    }

    private WriteOptions options() {
        return switch (threads == null ? "all" : threads) {
            case "all" -> WriteOptions.defaults();
            case "0" -> WriteOptions.builder().executor(Runnable::run).build();
            default -> WriteOptions.builder().encodeThreads(Integer.parseInt(threads)).build();
        };
    }

    @Benchmark
    public long official() throws Exception {
        Path out = output("official");
        DatasetWrites.official(data, allocator, out);
        return Files.size(out);
    }
}
