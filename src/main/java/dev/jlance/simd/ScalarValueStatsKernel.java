package dev.jlance.simd;

import dev.jlance.memory.Layouts;
import java.lang.foreign.MemorySegment;

/** The scalar twin of {@link ValueStatsKernel}, and its reference in tests. */
public final class ScalarValueStatsKernel implements ValueStatsKernel {

    @Override
    public long widthsAndRuns(int bitsPerValue, MemorySegment values, long n, byte[] widths) {
        if (n == 0) {
            return 0;
        }
        long runs = 1;
        long prev = read(values, 0, bitsPerValue);
        for (long start = 0, c = 0; start < n; start += CHUNK, c++) {
            long end = Math.min(n, start + CHUNK);
            long or = 0;
            for (long i = start; i < end; i++) {
                long v = read(values, i, bitsPerValue);
                or |= v;
                if (v != prev) {
                    runs++;
                    prev = v;
                }
            }
            widths[(int) c] = (byte) (64 - Long.numberOfLeadingZeros(or));
        }
        return runs;
    }

    static long read(MemorySegment s, long i, int bits) {
        return switch (bits) {
            case 8 -> s.get(Layouts.U8, i) & 0xFFL;
            case 16 -> s.getAtIndex(Layouts.U16, i) & 0xFFFFL;
            case 32 -> s.getAtIndex(Layouts.U32, i) & 0xFFFF_FFFFL;
            case 64 -> s.getAtIndex(Layouts.U64, i);
            default -> throw new IllegalArgumentException("value width must be 8, 16, 32 or 64 bits: " + bits);
        };
    }
}
