package dev.jlance.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jlance.codec.fsst.FsstCorpus;
import dev.jlance.codec.fsst.FsstDecoder;
import dev.jlance.codec.fsst.FsstSymbolTable;
import dev.jlance.codec.fsst.FsstTrainer;
import dev.jlance.data.VariableWidthBlock;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.Layouts;
import dev.jlance.memory.OffHeapArena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Duels the Vector API kernel (whatever this JVM loads: run with {@code -Djlance.simd.width=128|256|512}
 * to pick a width) against the scalar twin on exact-size segments, so a read past the input or a
 * write past the worst-case output fails, and decodes the output back to the input.
 */
@Tag("kernels")
class FsstKernelsTest {

    private static final int[] SIZES = {0, 1, 7, 8, 31, 1023, 1024, 1025, 4095, 4096, 4097};
    private static final FsstKernels SCALAR = KernelProvider.scalar(ScalarFsstKernels::new);
    private static final FsstKernels LOADED = FsstKernels.get();
    /** The kernel with a cursor per lane, which {@link #LOADED} uses for long values only, on every input. */
    private static final FsstKernels LANES = KernelProvider.load(FsstKernels.class, "PanamaFsstLanes",
            ScalarFsstKernels::new);

    /** Input bytes of each kind, {@code size} long. */
    private static byte[] bytes(String kind, int size, long seed) {
        byte[] b = new byte[size];
        SplittableRandom r = new SplittableRandom(seed);
        switch (kind) {
            case "text" -> {
                byte[] text = String.join(" ", new FsstCorpus(seed).sentences(200)).getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < size; i++) {
                    b[i] = text[i % text.length];
                }
            }
            case "ff" -> Arrays.fill(b, (byte) 0xFF);
            case "zero" -> Arrays.fill(b, (byte) 0);
            case "random" -> r.nextBytes(b);
            case "utf8" -> {
                byte[] u = "naïve café 東京 🙂 Zürich ".repeat(1 + size / 20).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(u, 0, b, 0, size);
            }
            default -> throw new IllegalArgumentException(kind);
        }
        return b;
    }

    /** Value lengths that add up to {@code size}. */
    private static long[] split(String how, int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Long> ends = new ArrayList<>();
        long pos = 0;
        switch (how) {
            case "one" -> ends.add((long) size);
            case "bytes" -> {
                for (int i = 1; i <= size; i++) {
                    ends.add((long) i);
                }
            }
            case "short" -> {
                while (pos < size) {
                    pos = Math.min(size, pos + r.nextInt(0, 12));
                    ends.add(pos);
                }
            }
            case "mixed" -> {
                ends.add(0L);
                while (pos < size) {
                    pos = Math.min(size, pos + (r.nextInt(8) == 0 ? r.nextInt(300) : r.nextInt(0, 40)));
                    ends.add(pos);
                    if (r.nextInt(5) == 0) {
                        ends.add(pos); // an empty value
                    }
                }
            }
            case "long" -> {
                // mostly long values, as documents are, with short and empty ones among them
                while (pos < size) {
                    int kind = r.nextInt(10);
                    pos = Math.min(size, pos + (kind == 0 ? 0 : kind == 1 ? r.nextInt(1, 9) : r.nextInt(200, 3000)));
                    ends.add(pos);
                }
            }
            default -> throw new IllegalArgumentException(how);
        }
        if (ends.isEmpty() || ends.getLast() != size) {
            ends.add((long) size);
        }
        long[] out = new long[ends.size() + 1];
        for (int i = 0; i < ends.size(); i++) {
            out[i + 1] = ends.get(i);
        }
        return out;
    }

    private static FsstMatchTables tablesFor(byte[] trainOn, long[] offsets, OffHeapArena arena, int offsetBytes) {
        return FsstTrainer.train(block(trainOn, offsets, offsetBytes, arena)).matchTables();
    }

    private static VariableWidthBlock block(byte[] data, long[] offsets, int offsetBytes, OffHeapArena arena) {
        MemorySegment d = arena.allocate(data.length);
        MemorySegment.copy(data, 0, d, ValueLayout.JAVA_BYTE, 0, data.length);
        MemorySegment o = arena.allocate((long) offsets.length * offsetBytes);
        for (int i = 0; i < offsets.length; i++) {
            ScalarFsstKernels.putOffset(o, offsetBytes, i, offsets[i]);
        }
        return new VariableWidthBlock(new LanceBuffer(o), new LanceBuffer(d), offsetBytes * 8, offsets.length - 1);
    }

    private record Run(byte[] codes, long[] offsets) {
    }

    /** Runs {@code k} with exact-size input and output segments. */
    private static Run run(FsstKernels k, FsstMatchTables t, VariableWidthBlock in, OffHeapArena arena) {
        long n = in.numValues();
        int w = in.bytesPerOffset();
        long raw = in.offset(n) - in.offset(0);
        MemorySegment out = arena.allocate(2 * raw);
        MemorySegment outOffsets = arena.allocate((n + 1) * w);
        long size = k.compress(t, in.data().segment(), in.offsets().segment(), w, n, out, outOffsets);
        long[] offs = new long[(int) n + 1];
        for (int i = 0; i <= n; i++) {
            offs[i] = ScalarFsstKernels.offset(outOffsets, w, i);
        }
        assertEquals(size, offs[(int) n]);
        return new Run(out.asSlice(0, size).toArray(ValueLayout.JAVA_BYTE), offs);
    }

    private static void duel(String kind, String how, int size, int offsetBytes, FsstMatchTables t, long seed) {
        try (OffHeapArena arena = OffHeapArena.open("fsst duel")) {
            byte[] data = bytes(kind, size, seed);
            long[] offsets = split(how, size, seed);
            VariableWidthBlock in = block(data, offsets, offsetBytes, arena);
            Run scalar = run(SCALAR, t, in, arena);
            String what = kind + "/" + how + "/" + size + "/" + offsetBytes;
            for (FsstKernels k : new FsstKernels[] {LOADED, LANES}) {
                Run run = run(k, t, in, arena);
                String which = what + "/" + k.getClass().getSimpleName();
                assertArrayEquals(scalar.offsets(), run.offsets(), which + ": offsets");
                assertArrayEquals(scalar.codes(), run.codes(), which + ": codes");
                assertTrue(run.codes().length <= 2L * size, which);
            }
            long n = in.numValues();
            for (FsstKernels k : new FsstKernels[] {SCALAR, LOADED, LANES}) {
                assertRangeInPlace(k, t, in, n / 3, 2 * n / 3, scalar, arena, what + "/" + k.getClass().getSimpleName());
                assertRangeInPlace(k, t, in, 0, n, scalar, arena, what + "/whole/" + k.getClass().getSimpleName());
            }
        }
    }

    /**
     * Values {@code from..to-1} compressed in place, between guard bytes: the codes are the whole
     * run's codes of those values, the offsets theirs rebased to 0, and nothing outside the range's
     * share of the buffers is written.
     */
    private static void assertRangeInPlace(FsstKernels k, FsstMatchTables t, VariableWidthBlock in, long from, long to,
            Run whole, OffHeapArena arena, String what) {
        int w = in.bytesPerOffset();
        long count = to - from;
        long inBytes = in.offset(to) - in.offset(from);
        long outAt = 37;
        long offsetsAt = 5;
        MemorySegment out = arena.allocate(outAt + 2 * inBytes + 64).fill((byte) 0x5C);
        MemorySegment outOffsets = arena.allocate((offsetsAt + count + 1 + 3) * w).fill((byte) 0x5C);
        long size = k.compress(t, in.data().segment(), in.offsets().segment(), from, w, count, out, outAt, outOffsets,
                offsetsAt);
        long base = whole.offsets()[(int) from];
        assertEquals(whole.offsets()[(int) to] - base, size, what + ": range size");
        for (long i = 0; i <= count; i++) {
            assertEquals(whole.offsets()[(int) (from + i)] - base, ScalarFsstKernels.offset(outOffsets, w, offsetsAt + i),
                    what + ": range offset " + i);
        }
        assertArrayEquals(java.util.Arrays.copyOfRange(whole.codes(), (int) base, (int) (base + size)),
                out.asSlice(outAt, size).toArray(ValueLayout.JAVA_BYTE), what + ": range codes");
        for (long b = 0; b < outAt; b++) {
            assertEquals((byte) 0x5C, out.get(ValueLayout.JAVA_BYTE, b), what + ": wrote before the range at " + b);
        }
        for (long b = outAt + 2 * inBytes; b < out.byteSize(); b++) {
            assertEquals((byte) 0x5C, out.get(ValueLayout.JAVA_BYTE, b), what + ": wrote past the range at " + b);
        }
        for (long b = 0; b < offsetsAt * w; b++) {
            assertEquals((byte) 0x5C, outOffsets.get(ValueLayout.JAVA_BYTE, b), what + ": offset written before the range");
        }
        for (long b = (offsetsAt + count + 1) * w; b < outOffsets.byteSize(); b++) {
            assertEquals((byte) 0x5C, outOffsets.get(ValueLayout.JAVA_BYTE, b), what + ": offset written past the range");
        }
    }

    private static void assertTrue(boolean b, String what) {
        org.junit.jupiter.api.Assertions.assertTrue(b, what);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "ff", "zero", "random", "utf8"})
    void vectorMatchesScalarOnEverySizeAndSplit(String kind) {
        try (OffHeapArena arena = OffHeapArena.open("fsst tables")) {
            byte[] train = bytes(kind, 20_000, 99);
            FsstMatchTables t = tablesFor(train, split("mixed", train.length, 3), arena, 4);
            for (int size : SIZES) {
                for (String how : new String[] {"one", "bytes", "short", "mixed"}) {
                    duel(kind, how, size, 4, t, size * 31L + how.hashCode());
                    duel(kind, how, size, 8, t, size * 17L + how.hashCode());
                }
            }
        }
    }

    /**
     * Pages of long values, as long as the loaded kernel hands to its lanes (tens of values per
     * lane, 256 bytes or more on average, up to 2 MiB), and beyond; odd sizes, so runs and the
     * input's last word end anywhere.
     */
    @ParameterizedTest
    @ValueSource(strings = {"text", "random", "utf8", "zero"})
    void vectorMatchesScalarOnPagesOfLongValues(String kind) {
        try (OffHeapArena arena = OffHeapArena.open("fsst tables")) {
            byte[] train = bytes(kind, 40_000, 7);
            FsstMatchTables t = tablesFor(train, split("long", train.length, 3), arena, 4);
            for (int size : new int[] {9_001, 65_537, 262_147, 1_048_573, 2_097_152, 2_200_001}) {
                duel(kind, "long", size, 4, t, size * 13L);
                duel(kind, "long", size, 8, t, size * 7L);
            }
            // one value per lane and a few more, the values of very different lengths
            for (int size : new int[] {40_001, 150_000}) {
                duel(kind, "mixed", size, 4, t, size);
            }
        }
    }

    @Test
    void vectorMatchesScalarWithTablesFromOtherData() {
        // English tables on binary input: matches are rare, escapes everywhere, and the other way round.
        try (OffHeapArena arena = OffHeapArena.open("fsst tables")) {
            byte[] text = bytes("text", 30_000, 5);
            FsstMatchTables english = tablesFor(text, split("mixed", text.length, 1), arena, 4);
            byte[] rnd = bytes("random", 30_000, 5);
            FsstMatchTables random = tablesFor(rnd, split("short", rnd.length, 1), arena, 8);
            FsstMatchTables empty = FsstMatchTables.of(new long[0], new int[0], 0);
            for (int size : SIZES) {
                duel("random", "mixed", size, 4, english, size);
                duel("text", "mixed", size, 4, random, size);
                duel("text", "short", size, 8, empty, size);
            }
            for (int size : new int[] {100_003, 500_000}) {
                duel("random", "long", size, 4, english, size);
                duel("text", "long", size, 8, random, size);
                duel("text", "long", size, 4, empty, size);
            }
        }
    }

    @Test
    void outputDecodesToTheInput() {
        try (OffHeapArena arena = OffHeapArena.open("fsst decode")) {
            for (String kind : new String[] {"text", "ff", "random", "utf8"}) {
                byte[] data = bytes(kind, 50_000, 8);
                long[] offsets = split("mixed", data.length, 8);
                VariableWidthBlock in = block(data, offsets, 4, arena);
                FsstSymbolTable table = FsstTrainer.train(in);
                Run r = run(LOADED, table.matchTables(), in, arena);
                FsstDecoder decoder = new FsstDecoder(table);
                for (int i = 0; i + 1 < offsets.length; i++) {
                    byte[] expected = Arrays.copyOfRange(data, (int) offsets[i], (int) offsets[i + 1]);
                    assertArrayEquals(expected, decoder.decode(r.codes(), (int) r.offsets()[i], (int) r.offsets()[i + 1]),
                            kind + " value " + i);
                }
            }
        }
    }

    @Test
    void inputWindowOfALargerBufferIsRespected() {
        // Offsets need not start at 0; bytes outside [offset(0), offset(n)) are never matched into values.
        try (OffHeapArena arena = OffHeapArena.open("fsst window")) {
            byte[] data = bytes("text", 4096, 4);
            long[] offsets = {100, 100, 107, 2000, 2001, 3000};
            VariableWidthBlock in = block(data, offsets, 8, arena);
            FsstSymbolTable table = FsstTrainer.train(in);
            Run s = run(SCALAR, table.matchTables(), in, arena);
            Run v = run(LOADED, table.matchTables(), in, arena);
            assertArrayEquals(s.codes(), v.codes());
            assertArrayEquals(s.offsets(), v.offsets());
            assertEquals(0, v.offsets()[0]);
            FsstDecoder decoder = new FsstDecoder(table);
            for (int i = 0; i + 1 < offsets.length; i++) {
                assertArrayEquals(Arrays.copyOfRange(data, (int) offsets[i], (int) offsets[i + 1]),
                        decoder.decode(v.codes(), (int) v.offsets()[i], (int) v.offsets()[i + 1]));
            }
        }
    }

    @Test
    void tooSmallOutputFailsInsteadOfWritingPastIt() {
        try (OffHeapArena arena = OffHeapArena.open("fsst small out")) {
            byte[] data = bytes("random", 64, 1);
            VariableWidthBlock in = block(data, new long[] {0, 64}, 4, arena);
            FsstMatchTables empty = FsstMatchTables.of(new long[0], new int[0], 0);
            MemorySegment out = arena.allocate(100); // 64 escapes need 128
            MemorySegment offs = arena.allocate(8);
            for (FsstKernels k : new FsstKernels[] {SCALAR, LOADED}) {
                assertThrows(IndexOutOfBoundsException.class,
                        () -> k.compress(empty, in.data().segment(), in.offsets().segment(), 4, 1, out, offs));
            }
        }
    }

    @Test
    void theVectorKernelIsLoadedWhenTheVectorApiIsUsable() {
        assertEquals(KernelProvider.vectorized() ? "PanamaFsstKernels" : "ScalarFsstKernels",
                LOADED.getClass().getSimpleName());
    }

    @Test
    void offsetsAreUnsigned32Bit() {
        MemorySegment o = MemorySegment.ofArray(new byte[8]);
        o.set(Layouts.U32, 4, 0xFFFF_FFF0);
        assertEquals(0xFFFF_FFF0L, ScalarFsstKernels.offset(o, 4, 1));
    }
}
