package dev.jlance.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jlance.memory.OffHeapArena;
import dev.jlance.simd.panama.PanamaByteStreamSplitKernels;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Vector API transpose duels the scalar twin and a naive reference on sizes around every vector
 * and chunk boundary, reading from and writing to exact-size segments so that any access past the
 * end fails. It runs at the JVM's vector width; run it again with
 * {@code -Djlance.test.flags="... -Djlance.simd.width=128"} (and 256, 512) to cover the others.
 */
@Tag("kernels")
class ByteStreamSplitKernelsTest {

    private static final int[] SIZES = {0, 1, 7, 8, 31, 1023, 1024, 1025, 4095, 4096, 4097};

    record Named(String name, ByteStreamSplitKernels kernels) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Named> kernels() {
        List<Named> out = new ArrayList<>();
        out.add(new Named("scalar", ByteStreamSplitKernels.scalar()));
        out.add(new Named("chosen", ByteStreamSplitKernels.get())); // initialises the provider first
        if (KernelProvider.vectorized()) {
            int bits = KernelProvider.forcedVectorBits();
            out.add(new Named("panama-" + (bits == 0 ? "preferred" : bits), new PanamaByteStreamSplitKernels()));
        }
        return out;
    }

    static Stream<Arguments> cases() {
        return kernels().stream().flatMap(k -> Stream.of(4, 8).flatMap(w -> java.util.Arrays.stream(SIZES)
                .mapToObj(n -> Arguments.of(k, w, n))));
    }

    private static byte[] reference(byte[] in, int w) {
        int n = in.length / w;
        byte[] out = new byte[in.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < w; j++) {
                out[j * n + i] = in[i * w + j];
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} width={1} n={2}")
    @MethodSource("cases")
    void splitMatchesReferenceAndJoinUndoesIt(Named k, int w, int n) {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            byte[] input = new byte[n * w];
            new SplittableRandom(n * 7L + w).nextBytes(input);
            MemorySegment src = arena.allocate(input.length);
            MemorySegment.copy(MemorySegment.ofArray(input), 0, src, 0, input.length);
            MemorySegment dst = arena.allocate(input.length);
            k.kernels().split(src, dst, w);
            assertArrayEquals(reference(input, w), dst.toArray(ValueLayout.JAVA_BYTE));
            MemorySegment back = arena.allocate(input.length);
            k.kernels().join(dst, back, w);
            assertArrayEquals(input, back.toArray(ValueLayout.JAVA_BYTE));
            // slices at odd offsets: the kernel must not assume alignment
            if (n > 3) {
                MemorySegment odd = arena.allocate(input.length + 3).asSlice(3, input.length);
                MemorySegment.copy(src, 0, odd, 0, input.length);
                MemorySegment oddDst = arena.allocate(input.length + 5).asSlice(5, input.length);
                k.kernels().split(odd, oddDst, w);
                assertArrayEquals(reference(input, w), oddDst.toArray(ValueLayout.JAVA_BYTE));
            }
        }
    }

    @Test
    void theProviderPicksTheVectorKernelWhenItCan() {
        assertEquals(KernelProvider.vectorized(), ByteStreamSplitKernels.get() instanceof PanamaByteStreamSplitKernels);
    }

    @Test
    void argumentsAreChecked() {
        ByteStreamSplitKernels k = ByteStreamSplitKernels.get();
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            assertThrows(IllegalArgumentException.class, () -> k.split(arena.allocate(8), arena.allocate(8), 2));
            assertThrows(IllegalArgumentException.class, () -> k.split(arena.allocate(6), arena.allocate(6), 4));
            assertThrows(IllegalArgumentException.class, () -> k.split(arena.allocate(8), arena.allocate(16), 4));
            assertThrows(IllegalArgumentException.class, () -> k.join(arena.allocate(16), arena.allocate(8), 8));
        }
    }
}
