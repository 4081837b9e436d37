package dev.jlance.simd;

import java.lang.foreign.MemorySegment;

/**
 * Passes over the offsets of variable-width values (little-endian, 32 or 64 bits each): the
 * longest value, and copying a run of offsets rebased for a mini-block chunk. Callers pass
 * segments holding exactly what is read and written; kernels read nothing beyond.
 */
public interface OffsetsKernel {

    /** Largest {@code offsets[i+1] - offsets[i]} for {@code i < n}; 0 when {@code n == 0}. */
    long maxLength32(MemorySegment offsets, long n);

    /** As {@link #maxLength32} for 64-bit offsets. */
    long maxLength64(MemorySegment offsets, long n);

    /** {@code dst[i] = src[first + i] + delta} for {@code i < count} (32-bit, wrapping). */
    void rebase32(MemorySegment src, long first, MemorySegment dst, long dstByteOffset, long count, int delta);

    /** As {@link #rebase32} for 64-bit offsets. */
    void rebase64(MemorySegment src, long first, MemorySegment dst, long dstByteOffset, long count, long delta);

    /** The kernel this JVM runs: Vector API when available, else the scalar twin. */
    static OffsetsKernel kernel() {
        return Holder.KERNEL;
    }

    /** Loaded once, on first use. */
    final class Holder {
        static final OffsetsKernel KERNEL = KernelProvider.load(OffsetsKernel.class, "PanamaOffsetsKernel",
                ScalarOffsetsKernel::new);

        private Holder() {
        }
    }
}
