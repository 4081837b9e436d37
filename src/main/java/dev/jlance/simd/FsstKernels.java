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
    long compress(FsstMatchTables tables, MemorySegment data, MemorySegment offsets, int offsetBytes, long count,
            MemorySegment out, MemorySegment outOffsets);

    /** Holds the loaded kernels (initialised on first use). */
    final class Holder {
        static final FsstKernels INSTANCE = KernelProvider.load(FsstKernels.class, "PanamaFsstKernels",
                ScalarFsstKernels::new);

        private Holder() {
        }
    }
}
