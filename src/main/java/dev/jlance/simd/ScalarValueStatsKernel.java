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

    @Override
    public long copyMeasured(int bitsPerValue, MemorySegment src, long srcOffset, MemorySegment dst, long dstOffset,
            long n, long first, byte[] chunkWidths) {
        if (!ValueStatsKernel.measures(bitsPerValue)) {
            throw new IllegalArgumentException("value width must be 8, 16, 32 or 64 bits: " + bitsPerValue);
        }
        if (n == 0) {
            return 0;
        }
        int bytes = bitsPerValue / 8;
        MemorySegment from = src.asSlice(srcOffset, n * bytes);
        MemorySegment to = dst.asSlice(dstOffset, n * bytes);
        long changes = 0;
        long prev = read(from, 0, bitsPerValue);
        for (long i = 0; i < n; ) {
            int c = (int) ((first + i) / CHUNK);
            long end = Math.min(n, (c + 1L) * CHUNK - first);
            long or = 0;
            for (; i < end; i++) {
                long v = read(from, i, bitsPerValue);
                write(to, i, bitsPerValue, v);
                or |= v;
                changes += v != prev ? 1 : 0;
                prev = v;
            }
            chunkWidths[c] = (byte) Math.max(chunkWidths[c], 64 - Long.numberOfLeadingZeros(or));
        }
        return changes;
    }

    private static void write(MemorySegment s, long i, int bits, long v) {
        switch (bits) {
            case 8 -> s.set(Layouts.U8, i, (byte) v);
            case 16 -> s.setAtIndex(Layouts.U16, i, (short) v);
            case 32 -> s.setAtIndex(Layouts.U32, i, (int) v);
            default -> s.setAtIndex(Layouts.U64, i, v);
        }
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
