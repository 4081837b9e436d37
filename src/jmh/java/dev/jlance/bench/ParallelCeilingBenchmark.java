package dev.jlance.bench;

import dev.jlance.codec.fsst.FsstCorpus;
import dev.jlance.codec.fsst.FsstSymbolTable;
import dev.jlance.codec.fsst.FsstTrainer;
import dev.jlance.data.VariableWidthBlock;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.simd.BitPacking;
import dev.jlance.simd.FsstKernels;
import dev.jlance.simd.FsstMatchTables;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The most a second thread can add on this machine, for the thread comparison of
 * {@link DatasetWriteBenchmark} ({@code threads=0} against {@code all}): the same operation timed
 * on one thread and on two at once, each thread with its own data, nothing shared, nothing waited
 * for, everything in cache. Two cores of their own give {@code twoThreads} the time of
 * {@code oneThread}, a speed-up of {@code 2 × oneThread / twoThreads} = 2.0; a virtual machine
 * whose cores share execution units or caches with other guests gives less, and no writer can
 * beat that.
 *
 * <ul>
 *   <li>{@code alu}: integer adds and xors on eight registers, several independent at any time, no
 *       memory: the cores alone.
 *   <li>{@code fsst}: jlance's FSST kernel compressing 256 KiB of text (event_log's and people's
 *       largest cost).
 *   <li>{@code bitpack}: jlance's bit-packing kernel on 256 KiB of int64 values (integers').
 * </ul>
 *
 * <p>{@code ./jlance bench ParallelCeilingBenchmark -f 3}, next to the thread comparison in the same
 * session.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class ParallelCeilingBenchmark {

    static final int ALU_ROUNDS = 1 << 20;
    static final int TEXT_BYTES = 256 * 1024;
    static final int PACK_BLOCKS = 32; // blocks of 1,024 int64 values: 256 KiB
    static final int PACK_BITS = 23;

    @Param({"alu", "fsst", "bitpack"})
    public String work;

    private OffHeapArena arena;
    // package-private: the suite's test checks what each operation produced
    VariableWidthBlock text;
    FsstMatchTables tables;
    FsstKernels fsst;
    MemorySegment codes;
    MemorySegment codeOffsets;
    BitPacking packing;
    MemorySegment values;
    MemorySegment packed;

    @Setup(Level.Trial)
    public void setUp() {
        if (!List.of("alu", "fsst", "bitpack").contains(work)) {
            throw new IllegalArgumentException("unknown work: " + work + " (alu, fsst or bitpack)");
        }
        arena = OffHeapArena.open("parallel ceiling benchmark");
        switch (work) {
            case "alu" -> {
            }
            case "fsst" -> {
                text = FsstCorpus.block(new FsstCorpus(42).stringsOfSize(FsstCorpus.Kind.ENGLISH, TEXT_BYTES), 32,
                        arena);
                FsstSymbolTable table = FsstTrainer.train(text);
                tables = table.matchTables();
                fsst = FsstKernels.get();
                codes = arena.allocate(2L * text.offset(text.numValues()) + 16);
                codeOffsets = arena.allocate((text.numValues() + 1) * 4);
            }
            case "bitpack" -> {
                packing = BitPacking.kernel();
                values = arena.allocate(PACK_BLOCKS * (long) BitPacking.BLOCK_VALUES * Long.BYTES);
                packed = arena.allocate(PACK_BLOCKS * BitPacking.packedBytes(PACK_BITS));
                SplittableRandom random = new SplittableRandom(42);
                for (long i = 0; i < values.byteSize(); i += Long.BYTES) {
                    values.set(ValueLayout.JAVA_LONG_UNALIGNED, i, random.nextLong() & ((1L << PACK_BITS) - 1));
                }
            }
            default -> throw new IllegalStateException(work);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    @Threads(1)
    public long oneThread() {
        return run();
    }

    @Benchmark
    @Threads(2)
    public long twoThreads() {
        return run();
    }

    long run() {
        return switch (work) {
            case "alu" -> alu(ALU_ROUNDS);
            case "fsst" -> fsst.compress(tables, text.data().segment(), text.offsets().segment(), 4, text.numValues(),
                    codes, codeOffsets);
            case "bitpack" -> {
                long packedBytes = BitPacking.packedBytes(PACK_BITS);
                for (int b = 0; b < PACK_BLOCKS; b++) {
                    packing.pack(64, PACK_BITS, values, b * (long) BitPacking.BLOCK_VALUES * Long.BYTES, packed,
                            b * packedBytes);
                }
                yield packed.get(ValueLayout.JAVA_LONG_UNALIGNED, 0);
            }
            default -> throw new IllegalStateException(work);
        };
    }

    /** Adds and xors on eight registers; pairs of them depend on each other, so a core runs several at once. */
    static long alu(int rounds) {
        long a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8;
        for (int i = 0; i < rounds; i++) {
            a += i ^ b;
            b += a ^ c;
            c += d ^ i;
            d += c ^ e;
            e += f ^ i;
            f += e ^ g;
            g += h ^ i;
            h += g ^ a;
        }
        return a + b + c + d + e + f + g + h;
    }
}
