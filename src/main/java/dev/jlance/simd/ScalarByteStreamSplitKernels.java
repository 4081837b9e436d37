package dev.jlance.simd;

import dev.jlance.memory.Layouts;
import java.lang.foreign.MemorySegment;

/** The byte-stream-split transpose, one value at a time (each value read or written as one word). */
public final class ScalarByteStreamSplitKernels extends ByteStreamSplitKernels {

    @Override
    protected void splitKernel(MemorySegment src, MemorySegment dst, int width, long n) {
        splitScalar(src, dst, width, 0, n);
    }

    /**
     * Splits values {@code [from, n)} of {@code src} into streams of {@code n} bytes: the reference
     * loop, also the tail of the vector kernel.
     */
    public static void splitScalar(MemorySegment src, MemorySegment dst, int width, long from, long n) {
        if (width == 4) {
            for (long i = from; i < n; i++) {
                int v = src.getAtIndex(Layouts.U32, i);
                for (int j = 0; j < 4; j++) {
                    dst.set(Layouts.U8, j * n + i, (byte) (v >>> (8 * j)));
                }
            }
        } else {
            for (long i = from; i < n; i++) {
                long v = src.getAtIndex(Layouts.U64, i);
                for (int j = 0; j < 8; j++) {
                    dst.set(Layouts.U8, j * n + i, (byte) (v >>> (8 * j)));
                }
            }
        }
    }

    static void joinScalar(MemorySegment src, MemorySegment dst, int width, long n) {
        if (width == 4) {
            for (long i = 0; i < n; i++) {
                int v = 0;
                for (int j = 0; j < 4; j++) {
                    v |= (src.get(Layouts.U8, j * n + i) & 0xFF) << (8 * j);
                }
                dst.setAtIndex(Layouts.U32, i, v);
            }
        } else {
            for (long i = 0; i < n; i++) {
                long v = 0;
                for (int j = 0; j < 8; j++) {
                    v |= (src.get(Layouts.U8, j * n + i) & 0xFFL) << (8 * j);
                }
                dst.setAtIndex(Layouts.U64, i, v);
            }
        }
    }
}
