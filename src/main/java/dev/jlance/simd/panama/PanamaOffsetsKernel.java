package dev.jlance.simd.panama;

import dev.jlance.memory.Layouts;
import dev.jlance.simd.OffsetsKernel;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link OffsetsKernel} on the Vector API. Lengths come from two overlapping loads (offsets i and
 * i+1); lengths are offset differences, so they fit the lane type and a signed max is exact.
 * Tails (fewer than a vector of elements) run scalar.
 */
public final class PanamaOffsetsKernel implements OffsetsKernel {

    private static final VectorSpecies<Integer> INTS = PanamaSupport.INTS;
    private static final VectorSpecies<Long> LONGS = PanamaSupport.LONGS;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    /**
     * Values per call of a vector loop: a page (or an array) is one call, but many block calls get
     * the loop compiled after a few pages rather than interpreted (where every vector is a heap
     * object).
     */
    private static final long BLOCK = 4096;

    @Override
    public long maxLength32(MemorySegment offsets, long n) {
        long max = 0;
        for (long from = 0; from < n; from += BLOCK) {
            max = Math.max(max, maxLength32(offsets, from, Math.min(BLOCK, n - from)));
        }
        return max;
    }

    /** Largest length among values {@code [from, from + n)}. */
    private static long maxLength32(MemorySegment offsets, long from, long n) {
        long i = 0;
        long max = 0;
        int lanes = INTS.length();
        if (n >= lanes) {
            IntVector acc = IntVector.zero(INTS);
            long bound = n - lanes;
            for (; i <= bound; i += lanes) {
                IntVector lo = IntVector.fromMemorySegment(INTS, offsets, (from + i) * 4, LE);
                IntVector hi = IntVector.fromMemorySegment(INTS, offsets, (from + i + 1) * 4, LE);
                acc = acc.max(hi.sub(lo));
            }
            max = Integer.toUnsignedLong(acc.reduceLanes(VectorOperators.MAX));
        }
        for (; i < n; i++) {
            int d = offsets.getAtIndex(Layouts.U32, from + i + 1) - offsets.getAtIndex(Layouts.U32, from + i);
            max = Math.max(max, Integer.toUnsignedLong(d));
        }
        return max;
    }

    @Override
    public long maxLength64(MemorySegment offsets, long n) {
        long max = 0;
        for (long from = 0; from < n; from += BLOCK) {
            max = Math.max(max, maxLength64(offsets, from, Math.min(BLOCK, n - from)));
        }
        return max;
    }

    /** Largest length among values {@code [from, from + n)}. */
    private static long maxLength64(MemorySegment offsets, long from, long n) {
        long i = 0;
        long max = 0;
        int lanes = LONGS.length();
        if (n >= lanes) {
            LongVector acc = LongVector.zero(LONGS);
            long bound = n - lanes;
            for (; i <= bound; i += lanes) {
                LongVector lo = LongVector.fromMemorySegment(LONGS, offsets, (from + i) * 8, LE);
                LongVector hi = LongVector.fromMemorySegment(LONGS, offsets, (from + i + 1) * 8, LE);
                acc = acc.max(hi.sub(lo));
            }
            max = acc.reduceLanes(VectorOperators.MAX);
        }
        for (; i < n; i++) {
            max = Math.max(max, offsets.getAtIndex(Layouts.U64, from + i + 1) - offsets.getAtIndex(Layouts.U64, from + i));
        }
        return max;
    }

    @Override
    public void rebase32(MemorySegment src, long first, MemorySegment dst, long dstByteOffset, long count, int delta) {
        for (long from = 0; from < count; from += BLOCK) {
            rebase32Block(src, first + from, dst, dstByteOffset + from * 4, Math.min(BLOCK, count - from), delta);
        }
    }

    private static void rebase32Block(MemorySegment src, long first, MemorySegment dst, long dstByteOffset, long count,
            int delta) {
        long i = 0;
        int lanes = INTS.length();
        IntVector d = IntVector.broadcast(INTS, delta);
        for (long bound = count - lanes; i <= bound; i += lanes) {
            IntVector.fromMemorySegment(INTS, src, (first + i) * 4, LE).add(d)
                    .intoMemorySegment(dst, dstByteOffset + i * 4, LE);
        }
        for (; i < count; i++) {
            dst.set(Layouts.U32, dstByteOffset + 4 * i, src.getAtIndex(Layouts.U32, first + i) + delta);
        }
    }

    @Override
    public void rebase64(MemorySegment src, long first, MemorySegment dst, long dstByteOffset, long count, long delta) {
        for (long from = 0; from < count; from += BLOCK) {
            rebase64Block(src, first + from, dst, dstByteOffset + from * 8, Math.min(BLOCK, count - from), delta);
        }
    }

    private static void rebase64Block(MemorySegment src, long first, MemorySegment dst, long dstByteOffset, long count,
            long delta) {
        long i = 0;
        int lanes = LONGS.length();
        LongVector d = LongVector.broadcast(LONGS, delta);
        for (long bound = count - lanes; i <= bound; i += lanes) {
            LongVector.fromMemorySegment(LONGS, src, (first + i) * 8, LE).add(d)
                    .intoMemorySegment(dst, dstByteOffset + i * 8, LE);
        }
        for (; i < count; i++) {
            dst.set(Layouts.U64, dstByteOffset + 8 * i, src.getAtIndex(Layouts.U64, first + i) + delta);
        }
    }
}
