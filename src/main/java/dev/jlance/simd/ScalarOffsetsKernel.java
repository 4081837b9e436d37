package dev.jlance.simd;

import dev.jlance.memory.Layouts;
import java.lang.foreign.MemorySegment;

/** The scalar twin of {@link OffsetsKernel}, and its reference in tests. */
public final class ScalarOffsetsKernel implements OffsetsKernel {

    @Override
    public long maxLength32(MemorySegment offsets, long n) {
        long max = 0;
        if (n == 0) {
            return 0;
        }
        int prev = offsets.getAtIndex(Layouts.U32, 0);
        for (long i = 1; i <= n; i++) {
            int cur = offsets.getAtIndex(Layouts.U32, i);
            max = Math.max(max, Integer.toUnsignedLong(cur - prev));
            prev = cur;
        }
        return max;
    }

    @Override
    public long maxLength64(MemorySegment offsets, long n) {
        long max = 0;
        if (n == 0) {
            return 0;
        }
        long prev = offsets.getAtIndex(Layouts.U64, 0);
        for (long i = 1; i <= n; i++) {
            long cur = offsets.getAtIndex(Layouts.U64, i);
            max = Math.max(max, cur - prev);
            prev = cur;
        }
        return max;
    }

    @Override
    public void rebase32(MemorySegment src, long first, MemorySegment dst, long dstByteOffset, long count, int delta) {
        for (long i = 0; i < count; i++) {
            dst.set(Layouts.U32, dstByteOffset + 4 * i, src.getAtIndex(Layouts.U32, first + i) + delta);
        }
    }

    @Override
    public void rebase64(MemorySegment src, long first, MemorySegment dst, long dstByteOffset, long count, long delta) {
        for (long i = 0; i < count; i++) {
            dst.set(Layouts.U64, dstByteOffset + 8 * i, src.getAtIndex(Layouts.U64, first + i) + delta);
        }
    }
}
