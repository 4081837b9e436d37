package dev.jlance.bench;

import dev.jlance.codec.DictionaryBuilder;
import dev.jlance.codec.VariableCodec;
import dev.jlance.data.BlockStatistics;
import dev.jlance.data.VariableWidthBlock;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.Layouts;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.simd.OffsetsKernel;
import dev.jlance.simd.ScalarOffsetsKernel;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Kernels over a page of strings: dictionary building (distinct values by first appearance),
 * mini-block chunking of variable-width values, and the offsets passes (longest value, rebase)
 * on the Vector API against their scalar twins. Scores are per value.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow"})
public class StringKernelBenchmark {

    static final int VALUES = 1 << 16;

    /** Distinct values in the page: category-like, medium, and mostly unique. */
    @Param({"20", "5000", "60000"})
    public int distinct;

    private OffHeapArena arena;
    private VariableWidthBlock page;
    private MemorySegment offsets;
    private MemorySegment rebased;
    private final OffsetsKernel scalar = new ScalarOffsetsKernel();
    private final OffsetsKernel loaded = OffsetsKernel.kernel();

    @Setup(Level.Trial)
    public void setUp() {
        arena = OffHeapArena.open("benchmark page");
        SplittableRandom rnd = new SplittableRandom(42);
        String[] pool = new String[distinct];
        for (int i = 0; i < distinct; i++) {
            pool[i] = "user-" + Integer.toString(rnd.nextInt(1 << 30), 36) + "@example.com".repeat(1 + i % 2);
        }
        byte[][] values = new byte[VALUES][];
        long bytes = 0;
        for (int i = 0; i < VALUES; i++) {
            values[i] = pool[rnd.nextInt(distinct)].getBytes(StandardCharsets.UTF_8);
            bytes += values[i].length;
        }
        offsets = arena.allocate((VALUES + 1L) * 4);
        MemorySegment data = arena.allocate(bytes);
        long at = 0;
        for (int i = 0; i < VALUES; i++) {
            offsets.setAtIndex(Layouts.U32, i, (int) at);
            MemorySegment.copy(MemorySegment.ofArray(values[i]), 0, data, at, values[i].length);
            at += values[i].length;
        }
        offsets.setAtIndex(Layouts.U32, VALUES, (int) at);
        page = new VariableWidthBlock(new LanceBuffer(offsets), new LanceBuffer(data), 32, VALUES);
        rebased = arena.allocate((VALUES + 1L) * 4);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public long dictionaryBuild() {
        try (OffHeapArena scratch = OffHeapArena.open("benchmark dictionary")) {
            return DictionaryBuilder.encode(page, Long.MAX_VALUE, scratch).dictionary().numValues();
        }
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public long cardinalityEstimate() {
        return new BlockStatistics(page, 0).cardinality();
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public int miniBlockChunking() {
        try (OffHeapArena scratch = OffHeapArena.open("benchmark chunks")) {
            return VariableCodec.INSTANCE.compressMiniBlock(page, scratch).chunks().size();
        }
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public long maxLengthVector() {
        return loaded.maxLength32(offsets, VALUES);
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public long maxLengthScalar() {
        return scalar.maxLength32(offsets, VALUES);
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public MemorySegment rebaseVector() {
        loaded.rebase32(offsets, 0, rebased, 0, VALUES + 1L, 17);
        return rebased;
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public MemorySegment rebaseScalar() {
        scalar.rebase32(offsets, 0, rebased, 0, VALUES + 1L, 17);
        return rebased;
    }
}
