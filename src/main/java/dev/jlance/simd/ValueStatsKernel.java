package dev.jlance.simd;

import java.lang.foreign.MemorySegment;

/**
 * One pass over a page of 8/16/32/64-bit little-endian values for the statistics the fixed-width
 * compression decision reads: the bit width of each 1024-value chunk (significant bits of the
 * unsigned OR of its values) and the number of runs of equal consecutive values. Reads exactly
 * {@code n} values from offset 0.
 */
public interface ValueStatsKernel {

    /** Values per bit-width chunk (one FastLanes block). */
    int CHUNK = 1024;

    /**
     * Fills {@code widths[c]} (0..64) for every chunk {@code c < ceil(n / 1024)} and returns the run
     * count (0 when {@code n == 0}). Bytes, not ints: a page keeps one width per 1024 values until
     * it is encoded, and level-heavy pages have many.
     */
    long widthsAndRuns(int bitsPerValue, MemorySegment values, long n, byte[] widths);

    /**
     * Copies {@code n} values from {@code src} to {@code dst} and measures them on the way, as
     * values {@code first .. first + n - 1} of a page being filled: {@code chunkWidths[v / 1024]}
     * becomes at least the significant bits of page value {@code v} (as unsigned), so a chunk
     * copied in several parts ends with the width of its whole OR. Returns how many copied values
     * differ from the copied value before them (the copy's first value is compared with nothing:
     * the caller knows the page's value before it). One pass instead of a copy now and a
     * statistics pass when the page is encoded, while the values are in cache.
     *
     * @param srcOffset byte offset of the first value in {@code src}
     * @param dstOffset byte offset it is copied to in {@code dst}
     * @param chunkWidths one width per 1024-value chunk of the page, at least up to the chunk of
     *     value {@code first + n - 1}
     */
    long copyMeasured(int bitsPerValue, MemorySegment src, long srcOffset, MemorySegment dst, long dstOffset, long n,
            long first, byte[] chunkWidths);

    /** Whether values of this width are measured (and copied by {@link #copyMeasured}): 8, 16, 32 or 64 bits. */
    static boolean measures(int bitsPerValue) {
        return bitsPerValue == 8 || bitsPerValue == 16 || bitsPerValue == 32 || bitsPerValue == 64;
    }

    /** The kernel this JVM runs: Vector API when available, else the scalar twin. */
    static ValueStatsKernel kernel() {
        return Holder.KERNEL;
    }

    /** Loaded once, on first use. */
    final class Holder {
        static final ValueStatsKernel KERNEL = KernelProvider.load(ValueStatsKernel.class, "PanamaValueStatsKernel",
                ScalarValueStatsKernel::new);

        private Holder() {
        }
    }
}
