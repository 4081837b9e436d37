package dev.jlance.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.memory.Layouts;
import dev.jlance.memory.OffHeapArena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bit-packing kernels (the loaded one, and the Vector API's generic and unrolled forms when
 * available) against the scalar twin, and all against a bit-by-bit model of the FastLanes layout,
 * for every value width T and bit width W.
 * Segments are exactly as large as the data, so a kernel that reads or writes past its block fails.
 */
@Tag("kernels")
class BitPackingKernelTest {

    private static final int[] VALUE_BITS = {8, 16, 32, 64};
    private static final int[] FL_ORDER = {0, 4, 2, 6, 1, 5, 3, 7};
    private static final long[] SIZES = {0, 1, 7, 8, 31, 1023, 1024, 1025, 4095, 4096, 4097};
    /** Blocks per data set: several, so lane groups, offsets and block strides all get exercised. */
    private static final int BLOCKS = 6;

    /** The loaded kernel (with the Vector API: generic code until a width is hot) and its two Panama forms. */
    private static final List<String> VARIANTS = List.of("loaded", "generic", "unrolled");
    private final BitPacking kernel = BitPacking.kernel();
    private final BitPacking scalar = KernelProvider.scalar(ScalarBitPacking::new);
    private OffHeapArena arena;

    @BeforeEach
    void open() {
        arena = OffHeapArena.open("bit-packing kernel test");
    }

    @AfterEach
    void close() {
        arena.close();
    }

    static Stream<Arguments> everyWidth() {
        return VARIANTS.stream().flatMap(v -> IntStream.of(VALUE_BITS).boxed()
                .flatMap(t -> IntStream.rangeClosed(0, t).mapToObj(w -> Arguments.of(v, t, w))));
    }

    /** Without the Vector API every variant is the scalar twin, as the provider falls back. */
    static BitPacking variant(String name) {
        return switch (name) {
            case "loaded" -> BitPacking.kernel();
            case "generic" -> KernelProvider.load(BitPacking.class, "PanamaBitPacking$Generic", ScalarBitPacking::new);
            case "unrolled" -> KernelProvider.load(BitPacking.class, "PanamaBitPacking$Unrolled", ScalarBitPacking::new);
            default -> throw new IllegalArgumentException(name);
        };
    }

    // ------------------------------------------------------------------------------------------
    // Data
    // ------------------------------------------------------------------------------------------

    private static long mask(int bits) {
        return bits == 64 ? -1L : (1L << bits) - 1;
    }

    /**
     * {@link #BLOCKS} blocks of T-bit values: random values of exactly W bits, then all ones, the
     * largest W-bit value in every slot but one, random full-width values (negative as signed, with
     * bits above W that packing must drop), a single set bit walking through the block, and zeros.
     */
    private static long[] blocks(int t, int w, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 1000 + t * 70 + w);
        long[] v = new long[BLOCKS * 1024];
        long m = mask(w);
        for (int i = 0; i < 1024; i++) {
            v[i] = random.nextLong() & m;
            v[1024 + i] = mask(t);
            v[2048 + i] = i == 517 ? 0 : m;
            v[3072 + i] = random.nextLong() | Long.MIN_VALUE;
            v[4096 + i] = w == 0 ? 0 : 1L << (i % w);
            v[5120 + i] = 0;
        }
        return v;
    }

    private MemorySegment segment(long[] values, int t) {
        MemorySegment s = arena.allocate((long) values.length * (t / 8));
        for (int i = 0; i < values.length; i++) {
            put(s, (long) i * (t / 8), t, values[i]);
        }
        return s;
    }

    private static void put(MemorySegment s, long offset, int t, long v) {
        switch (t) {
            case 8 -> s.set(Layouts.U8, offset, (byte) v);
            case 16 -> s.set(Layouts.U16, offset, (short) v);
            case 32 -> s.set(Layouts.U32, offset, (int) v);
            default -> s.set(Layouts.U64, offset, v);
        }
    }

    private static long get(MemorySegment s, long offset, int t) {
        return switch (t) {
            case 8 -> s.get(Layouts.U8, offset) & 0xFFL;
            case 16 -> s.get(Layouts.U16, offset) & 0xFFFFL;
            case 32 -> s.get(Layouts.U32, offset) & 0xFFFF_FFFFL;
            default -> s.get(Layouts.U64, offset);
        };
    }

    /** The layout read straight from NOTES §7.3, one bit at a time: the model both kernels must match. */
    private static long[] modelPack(long[] block, int t, int w) {
        int lanes = 1024 / t;
        long[] out = new long[1024 * w / t];
        for (int lane = 0; lane < lanes; lane++) {
            for (int row = 0; row < t; row++) {
                long v = block[FL_ORDER[row / 8] * 16 + (row % 8) * 128 + lane];
                for (int b = 0; b < w; b++) {
                    int streamBit = row * w + b;
                    if ((v >>> b & 1) != 0) {
                        out[lanes * (streamBit / t) + lane] |= 1L << (streamBit % t);
                    }
                }
            }
        }
        return out;
    }

    /** Fails naming the first differing byte and the bytes around it, rather than dumping whole blocks. */
    private static void assertSameBytes(MemorySegment expected, MemorySegment actual, String what) {
        assertEquals(expected.byteSize(), actual.byteSize(), what + ": sizes");
        long at = expected.mismatch(actual);
        if (at >= 0) {
            long from = Math.max(0, at - 8);
            long len = Math.min(24, expected.byteSize() - from);
            throw new AssertionError(what + ": first difference at byte " + at + " of " + expected.byteSize()
                    + "; expected ..." + hex(expected.asSlice(from, len)) + "... but was ..."
                    + hex(actual.asSlice(from, len)) + "... (from byte " + from + ")");
        }
    }

    private static String hex(MemorySegment s) {
        return HexFormat.of().formatHex(s.toArray(ValueLayout.JAVA_BYTE));
    }

    // ------------------------------------------------------------------------------------------
    // Pack and unpack
    // ------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} T={1} W={2}")
    @MethodSource("everyWidth")
    void packMatchesModelAndScalar(String variant, int t, int w) {
        BitPacking kernel = variant(variant);
        long[] values = blocks(t, w, 1);
        MemorySegment in = segment(values, t);
        long packedBytes = BitPacking.packedBytes(w);
        assertEquals((long) BitPacking.packedWords(t, w) * (t / 8), packedBytes);
        MemorySegment fromKernel = arena.allocate(BLOCKS * packedBytes);
        MemorySegment fromScalar = arena.allocate(BLOCKS * packedBytes);
        for (int b = 0; b < BLOCKS; b++) {
            long inAt = b * 128L * t;
            kernel.pack(t, w, in, inAt, fromKernel, b * packedBytes);
            scalar.pack(t, w, in, inAt, fromScalar, b * packedBytes);
            long[] expected = modelPack(java.util.Arrays.copyOfRange(values, b * 1024, (b + 1) * 1024), t, w);
            MemorySegment model = segment(expected, t);
            assertSameBytes(model, fromScalar.asSlice(b * packedBytes, packedBytes),
                    "scalar pack vs the model, T=" + t + " W=" + w + " block " + b);
        }
        assertSameBytes(fromScalar, fromKernel, "kernel pack vs scalar, T=" + t + " W=" + w);
    }

    @ParameterizedTest(name = "{0} T={1} W={2}")
    @MethodSource("everyWidth")
    void unpackInvertsPack(String variant, int t, int w) {
        BitPacking kernel = variant(variant);
        long[] values = blocks(t, w, 2);
        MemorySegment in = segment(values, t);
        long packedBytes = BitPacking.packedBytes(w);
        MemorySegment packed = arena.allocate(BLOCKS * packedBytes);
        MemorySegment fromKernel = arena.allocate(in.byteSize());
        MemorySegment fromScalar = arena.allocate(in.byteSize());
        fromKernel.fill((byte) 0x5A); // unpack must overwrite everything, W = 0 included
        fromScalar.fill((byte) 0xA5);
        for (int b = 0; b < BLOCKS; b++) {
            kernel.pack(t, w, in, b * 128L * t, packed, b * packedBytes);
            kernel.unpack(t, w, packed, b * packedBytes, fromKernel, b * 128L * t);
            scalar.unpack(t, w, packed, b * packedBytes, fromScalar, b * 128L * t);
        }
        long m = mask(w);
        for (int i = 0; i < values.length; i++) {
            long expected = values[i] & m & mask(t);
            long at = (long) i * (t / 8);
            if (get(fromKernel, at, t) != expected || get(fromScalar, at, t) != expected) {
                throw new AssertionError("T=" + t + " W=" + w + " value " + i + ": packed " + Long.toHexString(values[i])
                        + ", kernel unpacked " + Long.toHexString(get(fromKernel, at, t)) + ", scalar "
                        + Long.toHexString(get(fromScalar, at, t)));
            }
        }
    }

    /** Every bit pattern is a valid packed block: unpack random bytes with both and compare. */
    @ParameterizedTest(name = "{0} T={1} W={2}")
    @MethodSource("everyWidth")
    void unpackRandomBlocksLikeScalar(String variant, int t, int w) {
        BitPacking kernel = variant(variant);
        long packedBytes = BitPacking.packedBytes(w);
        MemorySegment packed = arena.allocate(BLOCKS * packedBytes);
        SplittableRandom random = new SplittableRandom(t * 100 + w);
        for (long i = 0; i < packed.byteSize(); i++) {
            packed.set(Layouts.U8, i, (byte) random.nextInt());
        }
        MemorySegment fromKernel = arena.allocate(BLOCKS * 128L * t);
        MemorySegment fromScalar = arena.allocate(BLOCKS * 128L * t);
        for (int b = 0; b < BLOCKS; b++) {
            kernel.unpack(t, w, packed, b * packedBytes, fromKernel, b * 128L * t);
            scalar.unpack(t, w, packed, b * packedBytes, fromScalar, b * 128L * t);
        }
        assertSameBytes(fromScalar, fromKernel, "T=" + t + " W=" + w);
        // Repacking gives the random bytes back: pack and unpack are exact inverses on W-bit values.
        MemorySegment repacked = arena.allocate(packed.byteSize());
        for (int b = 0; b < BLOCKS; b++) {
            kernel.pack(t, w, fromKernel, b * 128L * t, repacked, b * packedBytes);
        }
        assertSameBytes(packed, repacked, "T=" + t + " W=" + w);
    }

    /** Blocks at odd byte offsets inside larger segments: no alignment is assumed. */
    @ParameterizedTest(name = "T={0}")
    @ValueSource(ints = {8, 16, 32, 64})
    void unalignedOffsets(int t) {
        for (String variant : VARIANTS) {
            unalignedOffsets(variant(variant), t);
        }
    }

    private void unalignedOffsets(BitPacking kernel, int t) {
        for (int w = 0; w <= t; w++) {
            long[] values = blocks(t, w, 3);
            MemorySegment dense = segment(java.util.Arrays.copyOf(values, 1024), t);
            MemorySegment in = arena.allocate(dense.byteSize() + 3);
            MemorySegment.copy(dense, 0, in, 3, dense.byteSize());
            long packedBytes = BitPacking.packedBytes(w);
            MemorySegment a = arena.allocate(packedBytes + 5);
            MemorySegment b = arena.allocate(packedBytes);
            kernel.pack(t, w, in, 3, a, 5);
            scalar.pack(t, w, dense, 0, b, 0);
            assertSameBytes(b, a.asSlice(5), "T=" + t + " W=" + w);
            MemorySegment back = arena.allocate(dense.byteSize() + 1);
            kernel.unpack(t, w, a, 5, back, 1);
            MemorySegment expected = arena.allocate(dense.byteSize());
            scalar.unpack(t, w, b, 0, expected, 0);
            assertSameBytes(expected, back.asSlice(1), "T=" + t + " W=" + w);
        }
    }

    @Test
    void oversizedOutputIsUntouchedPastThePackedWords() {
        for (String variant : VARIANTS) {
            oversizedOutputIsUntouched(variant(variant));
        }
    }

    private void oversizedOutputIsUntouched(BitPacking kernel) {
        for (int t : VALUE_BITS) {
            for (int w = 0; w <= t; w++) {
                MemorySegment in = segment(blocks(t, w, 4), t);
                long packedBytes = BitPacking.packedBytes(w);
                MemorySegment out = arena.allocate(packedBytes + 64);
                out.fill((byte) 0x77);
                kernel.pack(t, w, in, 0, out, 0);
                for (long i = packedBytes; i < out.byteSize(); i++) {
                    assertEquals((byte) 0x77, out.get(Layouts.U8, i), "T=" + t + " W=" + w + " byte " + i);
                }
            }
        }
    }

    @Test
    void rejectsBadWidths() {
        MemorySegment in = arena.allocate(8192);
        MemorySegment out = arena.allocate(8192);
        for (BitPacking k : List.of(kernel, variant("generic"), variant("unrolled"), scalar)) {
            assertThrows(IllegalArgumentException.class, () -> k.pack(32, 33, in, 0, out, 0));
            assertThrows(IllegalArgumentException.class, () -> k.pack(12, 3, in, 0, out, 0));
            assertThrows(IllegalArgumentException.class, () -> k.unpack(8, -1, in, 0, out, 0));
        }
        // Too small a segment is caught by the bounds checks, never read or written past.
        MemorySegment small = arena.allocate(4095);
        for (String variant : VARIANTS) {
            BitPacking k = variant(variant);
            assertThrows(IndexOutOfBoundsException.class, () -> k.pack(32, 5, small, 0, out, 0), variant);
            assertThrows(IndexOutOfBoundsException.class, () -> k.unpack(32, 32, in, 0, small, 0), variant);
            assertThrows(IndexOutOfBoundsException.class, () -> k.unpack(16, 3, small, 3800, out, 0), variant);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Bit widths
    // ------------------------------------------------------------------------------------------

    static Stream<Arguments> widthCases() {
        List<Arguments> out = new ArrayList<>();
        for (int t : VALUE_BITS) {
            for (long n : SIZES) {
                out.add(Arguments.of(t, n));
            }
        }
        return out.stream();
    }

    /**
     * The per-chunk widths the packer is given come from the fused statistics kernel: per chunk,
     * random values below a random width, a lone high bit in the last slot, zeros, negatives.
     */
    @ParameterizedTest(name = "T={0} n={1}")
    @MethodSource("widthCases")
    void bitWidthsMatchScalarAndModel(int t, long n) {
        SplittableRandom random = new SplittableRandom(t * 31 + n);
        for (int pattern = 0; pattern < 5; pattern++) {
            long[] values = new long[(int) n];
            int chunks = (int) ((n + 1023) / 1024);
            for (int c = 0; c < chunks; c++) {
                int from = c * 1024;
                int to = (int) Math.min(n, from + 1024L);
                int width = random.nextInt(t + 1);
                for (int i = from; i < to; i++) {
                    values[i] = switch (pattern) {
                        case 0 -> random.nextLong() & mask(width);
                        case 1 -> i == to - 1 ? 1L << (t - 1 - c % t) : 0;
                        case 2 -> 0;
                        case 3 -> -1 - random.nextInt(5);
                        default -> i == from ? mask(t) : random.nextLong() & 7;
                    };
                }
            }
            MemorySegment s = segment(values, t);
            byte[] expected = new byte[chunks];
            for (int c = 0; c < chunks; c++) {
                long or = 0;
                for (int i = c * 1024; i < Math.min(n, c * 1024L + 1024); i++) {
                    or |= values[i] & mask(t);
                }
                expected[c] = (byte) (64 - Long.numberOfLeadingZeros(or));
            }
            byte[] fromKernel = new byte[chunks];
            byte[] fromScalar = new byte[chunks];
            ValueStatsKernel.kernel().widthsAndRuns(t, s, n, fromKernel);
            new ScalarValueStatsKernel().widthsAndRuns(t, s, n, fromScalar);
            assertArrayEquals(expected, fromScalar, "scalar, T=" + t + " n=" + n + " pattern " + pattern);
            assertArrayEquals(expected, fromKernel, "kernel, T=" + t + " n=" + n + " pattern " + pattern);
            if (pattern == 3 && n > 0) {
                for (byte width : fromKernel) {
                    assertEquals(t, width, "negative values need all " + t + " bits");
                }
            }
        }
    }

    @Test
    void bitWidthsAtAnOffsetReadOnlyTheirValues() {
        for (int t : VALUE_BITS) {
            int bytes = t / 8;
            long n = 1500;
            MemorySegment s = arena.allocate((n + 2) * bytes);
            s.fill((byte) 0xFF); // the slots just before and after the values are all ones
            s.asSlice(bytes, n * bytes).fill((byte) 0);
            put(s, bytes + 1023L * bytes, t, 5);
            put(s, bytes + 1024L * bytes, t, 1);
            byte[] w = new byte[2];
            ValueStatsKernel.kernel().widthsAndRuns(t, s.asSlice(bytes, n * bytes), n, w);
            assertArrayEquals(new byte[] {3, 1}, w, "T=" + t);
        }
    }
}
