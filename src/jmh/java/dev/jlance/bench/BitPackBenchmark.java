package dev.jlance.bench;

import dev.jlance.memory.OffHeapArena;
import dev.jlance.simd.BitPacking;
import dev.jlance.simd.KernelProvider;
import dev.jlance.simd.ScalarBitPacking;
import dev.jlance.simd.ValueStatsKernel;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
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
 * FastLanes pack and unpack throughput in values per second (one operation = one value), for the
 * Panama kernels and the scalar twin, per value width {@code T} and bit width {@code W}. The
 * working set (64 blocks: 256 KiB of 32-bit input) stays in L2, so this measures the kernels, not
 * memory. Each iteration ends by checking the kernel's output against the scalar twin's, so
 * compiled code is verified too.
 *
 * <p>{@code ./jlance bench BitPackBenchmark -f 1 -wi 2 -i 3 -w 1 -r 1 -p widths=32:10 -p impl=unrolled}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class BitPackBenchmark {

    private static final int BLOCKS = 64;
    private static final int VALUES = BLOCKS * BitPacking.BLOCK_VALUES;

    /** Value width T and bit width W as {@code T:W}. */
    @Param({"32:1", "32:3", "32:8", "32:10", "32:16", "32:24", "32:32", "8:3", "16:5", "16:11", "64:10", "64:37"})
    public String widths;

    /**
     * {@code panama}: the loaded kernel (generic code, then unrolled once a width has packed
     * {@code PanamaBitPacking.DEFAULT_SPECIALIZE_AFTER} blocks); {@code unrolled} and {@code generic}:
     * one Panama form only; {@code scalar}: the scalar twin.
     */
    @Param({"panama", "unrolled", "generic", "scalar"})
    public String impl;

    private int t;
    private int w;
    private BitPacking kernel;
    private OffHeapArena arena;
    private MemorySegment values;
    private MemorySegment packed;
    private MemorySegment unpacked;

    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = widths.split(":");
        t = Integer.parseInt(parts[0]);
        w = Integer.parseInt(parts[1]);
        kernel = switch (impl) {
            case "panama" -> {
                if (!KernelProvider.vectorized()) {
                    throw new IllegalStateException("Vector API unavailable: " + KernelProvider.fallbackReason());
                }
                yield BitPacking.kernel();
            }
            case "unrolled", "generic" -> {
                String name = "PanamaBitPacking$" + (impl.equals("unrolled") ? "Unrolled" : "Generic");
                yield KernelProvider.load(BitPacking.class, name, () -> {
                    throw new IllegalStateException("Vector API unavailable: " + KernelProvider.fallbackReason());
                });
            }
            case "scalar" -> KernelProvider.scalar(ScalarBitPacking::new);
            default -> throw new IllegalArgumentException(impl);
        };
        arena = OffHeapArena.open("bit-pack benchmark");
        values = arena.allocate((long) VALUES * t / 8);
        packed = arena.allocate(BLOCKS * BitPacking.packedBytes(w));
        unpacked = arena.allocate(values.byteSize());
        SplittableRandom random = new SplittableRandom(42);
        for (long i = 0; i < values.byteSize(); i += 8) {
            values.set(ValueLayout.JAVA_LONG_UNALIGNED, i, random.nextLong());
        }
        // Values of exactly w bits (random above them would be masked off anyway).
        ScalarBitPacking scalar = new ScalarBitPacking();
        for (int b = 0; b < BLOCKS; b++) {
            scalar.pack(t, w, values, b * 128L * t, packed, b * BitPacking.packedBytes(w));
            scalar.unpack(t, w, packed, b * BitPacking.packedBytes(w), values, b * 128L * t);
        }
    }

    @TearDown(Level.Iteration)
    public void verify() {
        ScalarBitPacking scalar = new ScalarBitPacking();
        MemorySegment expected = arena.allocate(packed.byteSize());
        for (int b = 0; b < BLOCKS; b++) {
            scalar.pack(t, w, values, b * 128L * t, expected, b * BitPacking.packedBytes(w));
        }
        MemorySegment fresh = arena.allocate(packed.byteSize());
        pack(fresh);
        if (expected.mismatch(fresh) >= 0) {
            throw new AssertionError("compiled pack differs from the scalar twin, T=" + t + " W=" + w);
        }
        MemorySegment back = arena.allocate(values.byteSize());
        unpack(back, fresh);
        if (values.mismatch(back) >= 0) {
            throw new AssertionError("compiled unpack does not invert pack, T=" + t + " W=" + w);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    private void pack(MemorySegment out) {
        long packedBytes = BitPacking.packedBytes(w);
        for (int b = 0; b < BLOCKS; b++) {
            kernel.pack(t, w, values, b * 128L * t, out, b * packedBytes);
        }
    }

    private void unpack(MemorySegment out, MemorySegment from) {
        long packedBytes = BitPacking.packedBytes(w);
        for (int b = 0; b < BLOCKS; b++) {
            kernel.unpack(t, w, from, b * packedBytes, out, b * 128L * t);
        }
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public MemorySegment pack() {
        pack(packed);
        return packed;
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public MemorySegment unpack() {
        unpack(unpacked, packed);
        return unpacked;
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public long widthsAndRuns() {
        byte[] out = new byte[BLOCKS];
        return ValueStatsKernel.kernel().widthsAndRuns(t, values, VALUES, out) + out[0];
    }
}
