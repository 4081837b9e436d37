package dev.jlance.bench;

import dev.jlance.codec.fsst.FsstCorpus;
import dev.jlance.codec.fsst.FsstSymbolTable;
import dev.jlance.codec.fsst.FsstTrainer;
import dev.jlance.data.VariableWidthBlock;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.simd.FsstKernels;
import dev.jlance.simd.FsstMatchTables;
import dev.jlance.simd.ScalarFsstKernels;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * FSST on one page of generated strings (fixed seeds): compression throughput of the Vector API
 * kernel and its scalar twin, reported as {@code megabytes} per second of input by the auxiliary
 * counter, the compression ratio (input / codes, printed at the end of each trial), and
 * symbol-table training time. Run with {@code ./jlance bench FsstBenchmark}.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class FsstBenchmark {

    /** English-like text, URLs, short codes (and e-mails, log lines). */
    @Param({"ENGLISH", "URLS", "CODES"})
    public FsstCorpus.Kind kind;

    /** {@code vector}: the kernel this JVM loads (Vector API when usable); {@code scalar}: the twin. */
    @Param({"vector", "scalar"})
    public String kernel;

    /** Bytes of strings in the page. */
    @Param({"4000000"})
    public int bytes;

    private OffHeapArena arena;
    private VariableWidthBlock block;
    private FsstMatchTables tables;
    private FsstKernels kernels;
    private MemorySegment out;
    private MemorySegment outOffsets;
    private long raw;
    private long compressed;
    private int symbols;

    /** Input megabytes compressed: per second in the report. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Throughput {
        public double megabytes;

        @Setup(Level.Iteration)
        public void reset() {
            megabytes = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        List<byte[]> strings = new FsstCorpus(42).stringsOfSize(kind, bytes);
        arena = OffHeapArena.open("fsst benchmark");
        block = FsstCorpus.block(strings, 32, arena);
        raw = block.offset(block.numValues());
        FsstSymbolTable table = FsstTrainer.train(block);
        tables = table.matchTables();
        symbols = table.size();
        kernels = kernel.equals("scalar") ? new ScalarFsstKernels() : FsstKernels.get();
        out = arena.allocate(2 * raw);
        outOffsets = arena.allocate((block.numValues() + 1) * 4);
        compressed = kernels.compress(tables, block.data().segment(), block.offsets().segment(), 4,
                block.numValues(), out, outOffsets);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        System.out.printf("%nFSST %s %s (%s): %,d values, %,d bytes -> %,d bytes, ratio %.3f, %d symbols%n", kind,
                kernel, kernels.getClass().getSimpleName(), block.numValues(), raw, compressed,
                (double) raw / compressed, symbols);
        arena.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long compress(Throughput t) {
        compressed = kernels.compress(tables, block.data().segment(), block.offsets().segment(), 4, block.numValues(),
                out, outOffsets);
        t.megabytes += raw / 1e6;
        return compressed;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public FsstSymbolTable train() {
        return FsstTrainer.train(block);
    }
}
