package dev.jlance.simd;

import java.lang.foreign.MemorySegment;

/**
 * The byte-stream-split transpose. {@link #split} and {@link #join} validate their arguments and
 * hand them to the kernel chosen once per JVM by {@link KernelProvider} (Vector API or the scalar
 * twin); kernels themselves do not check. Only {@link #split} has a vector kernel: {@link #join}
 * (the decoder's direction) serves tests.
 */
public abstract class ByteStreamSplitKernels {

    private static final class Holder {
        static final ByteStreamSplitKernels INSTANCE = KernelProvider.load(ByteStreamSplitKernels.class,
                "PanamaByteStreamSplitKernels", ScalarByteStreamSplitKernels::new);
    }

    /** The kernels this JVM uses. */
    public static ByteStreamSplitKernels get() {
        return Holder.INSTANCE;
    }

    /** The scalar twin, for tests that duel the two. */
    public static ByteStreamSplitKernels scalar() {
        return new ScalarByteStreamSplitKernels();
    }

    /**
     * Splits {@code src}, {@code n = src.byteSize() / width} values of {@code width} bytes, into
     * {@code dst}: byte j of value i goes to {@code dst[j·n + i]}.
     */
    public final void split(MemorySegment src, MemorySegment dst, int width) {
        check(src, dst, width);
        splitKernel(src, dst, width, src.byteSize() / width);
    }

    /** The inverse of {@link #split}: {@code dst[i·width + j] = src[j·n + i]}. */
    public final void join(MemorySegment src, MemorySegment dst, int width) {
        check(src, dst, width);
        joinKernel(src, dst, width, src.byteSize() / width);
    }

    protected abstract void splitKernel(MemorySegment src, MemorySegment dst, int width, long n);

    /** One value at a time; shared by every implementation. */
    protected void joinKernel(MemorySegment src, MemorySegment dst, int width, long n) {
        ScalarByteStreamSplitKernels.joinScalar(src, dst, width, n);
    }

    private static void check(MemorySegment src, MemorySegment dst, int width) {
        if (width != 4 && width != 8) {
            throw new IllegalArgumentException("byte-stream-split handles 4- or 8-byte values, got " + width);
        }
        if (src.byteSize() % width != 0) {
            throw new IllegalArgumentException(src.byteSize() + " bytes is not a whole number of " + width
                    + "-byte values");
        }
        if (dst.byteSize() != src.byteSize()) {
            throw new IllegalArgumentException("output of " + dst.byteSize() + " bytes for " + src.byteSize()
                    + " bytes of input");
        }
    }
}
