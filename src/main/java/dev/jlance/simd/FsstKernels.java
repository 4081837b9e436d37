package dev.jlance.simd;

import java.lang.foreign.MemorySegment;

/**
 * FSST compression of a run of variable-width values: at every position the longest symbol of the
 * table is emitted as its code, and a byte no symbol starts with as an escape (255) and the byte.
 * Symbols never span two values.
 *
 * <p>Implementations: {@link ScalarFsstKernels} (a plain greedy loop) and, on the Vector API,
 * {@code dev.jlance.simd.panama.PanamaFsstKernels}. Both produce identical bytes.
 */
public interface FsstKernels {

    /** The kernels this JVM runs: Vector API when usable, else scalar. */
    static FsstKernels get() {
        return Holder.INSTANCE;
    }

    /**
     * Compresses values {@code 0..count-1}: value {@code i} is {@code data[offset(i), offset(i+1))}
     * where {@code offset(i)} is the {@code i}-th unsigned little-endian integer of
     * {@code offsetBytes} (4 or 8) bytes in {@code offsets}. Writes the codes to {@code out} from 0
     * and {@code count + 1} offsets of the same width into {@code outOffsets} (the first is 0).
     *
     * <p>Reads nothing outside {@code [offset(0), offset(count))} of {@code data} except whole
     * 8-byte (or vector) loads that lie inside {@code data}. {@code out} must hold at least twice
     * the input bytes (every byte escaped); bytes past the returned length may be overwritten.
     *
     * @return bytes written to {@code out}
     */
    default long compress(FsstMatchTables tables, MemorySegment data, MemorySegment offsets, int offsetBytes,
            long count, MemorySegment out, MemorySegment outOffsets) {
        return compress(tables, data, offsets, 0, offsetBytes, count, out, 0, outOffsets, 0);
    }

    /**
     * {@link #compress(FsstMatchTables, MemorySegment, MemorySegment, int, long, MemorySegment, MemorySegment)}
     * of values {@code first..first+count-1}, reading their offsets from entry {@code first} of
     * {@code offsets}, writing codes from byte {@code outAt} of {@code out} and the {@code count + 1}
     * offsets (relative to {@code outAt}, the first 0) from entry {@code outOffsetsAt} of
     * {@code outOffsets}: a range of a page compressed in place, without views of it. Writes nothing
     * in {@code out} outside {@code [outAt, outAt + 2 × input bytes)}.
     */
    long compress(FsstMatchTables tables, MemorySegment data, MemorySegment offsets, long first, int offsetBytes,
            long count, MemorySegment out, long outAt, MemorySegment outOffsets, long outOffsetsAt);

    /** Holds the loaded kernels (initialised on first use). */
    final class Holder {
        static final FsstKernels INSTANCE = KernelProvider.load(FsstKernels.class, "PanamaFsstKernels",
                ScalarFsstKernels::new);

        private Holder() {
        }
    }
}
