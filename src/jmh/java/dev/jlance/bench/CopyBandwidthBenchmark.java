package dev.jlance.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
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
 * The yardstick for the write benchmarks: how fast one core copies with
 * {@link MemorySegment#copy}, for a buffer that stays in cache (1 MiB), one page-sized (8 MiB, in
 * L3) and one the size of a benchmark dataset (100 MB, from memory). One operation copies the
 * whole buffer in 512 KiB steps, as the write path copies 64 Ki-row batches of int64; bytes per
 * second is {@code bytes / time}. Each JMH thread copies its own buffers, so {@code -t 2} shows
 * what two cores get together: twice the in-cache rate, but not twice the rate from memory. Run
 * with {@code ./jlance bench CopyBandwidthBenchmark -t 1} and {@code -t 2}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class CopyBandwidthBenchmark {

    private static final long STEP = 512 * 1024;

    @Param({"1048576", "8388608", "100000000"})
    public long bytes;

    private Arena arena;
    private MemorySegment source;
    private MemorySegment target;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        source = arena.allocate(bytes, 64);
        target = arena.allocate(bytes, 64);
        for (long i = 0; i + 8 <= bytes; i += 8) {
            source.set(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, i, i * 0x9E3779B97F4A7C15L);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public MemorySegment copy() {
        for (long at = 0; at < bytes; at += STEP) {
            MemorySegment.copy(source, at, target, at, Math.min(STEP, bytes - at));
        }
        return target;
    }
}
