package dev.jlance.simd.panama;

import dev.jlance.memory.Layouts;
import dev.jlance.simd.ValueStatsKernel;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ValueStatsKernel} on the Vector API. Within a chunk, each step loads the values at
 * {@code i} and, overlapping, at {@code i - 1}: the first feeds the OR, the lanes where the two
 * differ count run starts. Value 0 of the page and each chunk's tail (fewer than a vector of
 * values) run scalar.
 *
 * <p>Each chunk is its own method call: a page is one call of {@link #widthsAndRuns} but a thousand
 * chunk calls, so the JIT compiles the vector loop after a few pages instead of leaving it to the
 * interpreter, where every vector is a heap object.
 */
public final class PanamaValueStatsKernel implements ValueStatsKernel {

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    @Override
    public long widthsAndRuns(int bitsPerValue, MemorySegment values, long n, byte[] widths) {
        if (n == 0) {
            return 0;
        }
        return switch (bitsPerValue) {
            case 8 -> bytes(values, n, widths);
            case 16 -> shorts(values, n, widths);
            case 32 -> ints(values, n, widths);
            case 64 -> longs(values, n, widths);
            default -> throw new IllegalArgumentException("value width must be 8, 16, 32 or 64 bits: " + bitsPerValue);
        };
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
        long bytes = n * (bitsPerValue / 8);
        MemorySegment from = src.asSlice(srcOffset, bytes);
        MemorySegment to = dst.asSlice(dstOffset, bytes);
        long changes = 0;
        for (long i = 0; i < n; ) {
            int c = (int) ((first + i) / CHUNK);
            long end = Math.min(n, (c + 1L) * CHUNK - first);
            changes += switch (bitsPerValue) {
                case 8 -> copyBytes(from, to, i, end, chunkWidths, c);
                case 16 -> copyShorts(from, to, i, end, chunkWidths, c);
                case 32 -> copyInts(from, to, i, end, chunkWidths, c);
                default -> copyLongs(from, to, i, end, chunkWidths, c);
            };
            i = end;
        }
        return changes;
    }

    // One method per chunk's stretch of the copy, for the same reason as the chunk methods below.
    // Value 0 of the copy has no predecessor here: it is copied and ORed, not compared.

    private static long copyBytes(MemorySegment from, MemorySegment to, long start, long end, byte[] widths, int c) {
        VectorSpecies<Byte> sp = PanamaSupport.BYTES;
        int lanes = sp.length();
        long i = start;
        long acc = 0;
        long changes = 0;
        if (i == 0) {
            byte v = from.get(ValueLayout.JAVA_BYTE, 0);
            to.set(ValueLayout.JAVA_BYTE, 0, v);
            acc = v & 0xFFL;
            i = 1;
        }
        ByteVector or = ByteVector.zero(sp);
        for (; i + lanes <= end; i += lanes) {
            ByteVector cur = ByteVector.fromMemorySegment(sp, from, i, LE);
            cur.intoMemorySegment(to, i, LE);
            ByteVector prev = ByteVector.fromMemorySegment(sp, from, i - 1, LE);
            or = or.or(cur);
            changes += cur.compare(VectorOperators.NE, prev).trueCount();
        }
        acc |= or.reduceLanes(VectorOperators.OR) & 0xFFL;
        for (; i < end; i++) {
            byte v = from.get(ValueLayout.JAVA_BYTE, i);
            to.set(ValueLayout.JAVA_BYTE, i, v);
            acc |= v & 0xFFL;
            changes += v != from.get(ValueLayout.JAVA_BYTE, i - 1) ? 1 : 0;
        }
        widths[c] = (byte) Math.max(widths[c], 64 - Long.numberOfLeadingZeros(acc));
        return changes;
    }

    private static long copyShorts(MemorySegment from, MemorySegment to, long start, long end, byte[] widths, int c) {
        VectorSpecies<Short> sp = PanamaSupport.SHORTS;
        int lanes = sp.length();
        long i = start;
        long acc = 0;
        long changes = 0;
        if (i == 0) {
            long v = get16(from, 0);
            to.setAtIndex(Layouts.U16, 0, (short) v);
            acc = v;
            i = 1;
        }
        ShortVector or = ShortVector.zero(sp);
        for (; i + lanes <= end; i += lanes) {
            ShortVector cur = ShortVector.fromMemorySegment(sp, from, i * 2, LE);
            cur.intoMemorySegment(to, i * 2, LE);
            ShortVector prev = ShortVector.fromMemorySegment(sp, from, (i - 1) * 2, LE);
            or = or.or(cur);
            changes += cur.compare(VectorOperators.NE, prev).trueCount();
        }
        acc |= or.reduceLanes(VectorOperators.OR) & 0xFFFFL;
        for (; i < end; i++) {
            long v = get16(from, i);
            to.setAtIndex(Layouts.U16, i, (short) v);
            acc |= v;
            changes += v != get16(from, i - 1) ? 1 : 0;
        }
        widths[c] = (byte) Math.max(widths[c], 64 - Long.numberOfLeadingZeros(acc));
        return changes;
    }

    private static long copyInts(MemorySegment from, MemorySegment to, long start, long end, byte[] widths, int c) {
        VectorSpecies<Integer> sp = PanamaSupport.INTS;
        int lanes = sp.length();
        long i = start;
        long acc = 0;
        long changes = 0;
        if (i == 0) {
            long v = get32(from, 0);
            to.setAtIndex(Layouts.U32, 0, (int) v);
            acc = v;
            i = 1;
        }
        IntVector or = IntVector.zero(sp);
        for (; i + lanes <= end; i += lanes) {
            IntVector cur = IntVector.fromMemorySegment(sp, from, i * 4, LE);
            cur.intoMemorySegment(to, i * 4, LE);
            IntVector prev = IntVector.fromMemorySegment(sp, from, (i - 1) * 4, LE);
            or = or.or(cur);
            changes += cur.compare(VectorOperators.NE, prev).trueCount();
        }
        acc |= or.reduceLanes(VectorOperators.OR) & 0xFFFF_FFFFL;
        for (; i < end; i++) {
            long v = get32(from, i);
            to.setAtIndex(Layouts.U32, i, (int) v);
            acc |= v;
            changes += v != get32(from, i - 1) ? 1 : 0;
        }
        widths[c] = (byte) Math.max(widths[c], 64 - Long.numberOfLeadingZeros(acc));
        return changes;
    }

    private static long copyLongs(MemorySegment from, MemorySegment to, long start, long end, byte[] widths, int c) {
        VectorSpecies<Long> sp = PanamaSupport.LONGS;
        int lanes = sp.length();
        long i = start;
        long acc = 0;
        long changes = 0;
        if (i == 0) {
            long v = get64(from, 0);
            to.setAtIndex(Layouts.U64, 0, v);
            acc = v;
            i = 1;
        }
        LongVector or = LongVector.zero(sp);
        for (; i + lanes <= end; i += lanes) {
            LongVector cur = LongVector.fromMemorySegment(sp, from, i * 8, LE);
            cur.intoMemorySegment(to, i * 8, LE);
            LongVector prev = LongVector.fromMemorySegment(sp, from, (i - 1) * 8, LE);
            or = or.or(cur);
            changes += cur.compare(VectorOperators.NE, prev).trueCount();
        }
        acc |= or.reduceLanes(VectorOperators.OR);
        for (; i < end; i++) {
            long v = get64(from, i);
            to.setAtIndex(Layouts.U64, i, v);
            acc |= v;
            changes += v != get64(from, i - 1) ? 1 : 0;
        }
        widths[c] = (byte) Math.max(widths[c], 64 - Long.numberOfLeadingZeros(acc));
        return changes;
    }

    private static long bytes(MemorySegment s, long n, byte[] widths) {
        long runs = 1;
        for (long start = 0, c = 0; start < n; start += CHUNK, c++) {
            runs += bytesChunk(s, start, Math.min(n, start + CHUNK), widths, (int) c);
        }
        return runs;
    }

    /** One chunk: stores its width, returns the run starts in it (value 0 of the page is none). */
    private static long bytesChunk(MemorySegment s, long start, long end, byte[] widths, int c) {
        VectorSpecies<Byte> sp = PanamaSupport.BYTES;
        int lanes = sp.length();
        long i = Math.max(start, 1);
        long runs = 0;
        ByteVector or = ByteVector.zero(sp);
        for (; i + lanes <= end; i += lanes) {
            ByteVector cur = ByteVector.fromMemorySegment(sp, s, i, LE);
            ByteVector prev = ByteVector.fromMemorySegment(sp, s, i - 1, LE);
            or = or.or(cur);
            runs += cur.compare(VectorOperators.NE, prev).trueCount();
        }
        long acc = or.reduceLanes(VectorOperators.OR) & 0xFFL;
        if (start == 0) {
            acc |= s.get(ValueLayout.JAVA_BYTE, 0) & 0xFFL;
        }
        for (; i < end; i++) {
            byte v = s.get(ValueLayout.JAVA_BYTE, i);
            acc |= v & 0xFFL;
            runs += v != s.get(ValueLayout.JAVA_BYTE, i - 1) ? 1 : 0;
        }
        widths[c] = (byte) (64 - Long.numberOfLeadingZeros(acc));
        return runs;
    }

    private static long shorts(MemorySegment s, long n, byte[] widths) {
        long runs = 1;
        for (long start = 0, c = 0; start < n; start += CHUNK, c++) {
            runs += shortsChunk(s, start, Math.min(n, start + CHUNK), widths, (int) c);
        }
        return runs;
    }

    /** One chunk: stores its width, returns the run starts in it (value 0 of the page is none). */
    private static long shortsChunk(MemorySegment s, long start, long end, byte[] widths, int c) {
        VectorSpecies<Short> sp = PanamaSupport.SHORTS;
        int lanes = sp.length();
        long i = Math.max(start, 1);
        long runs = 0;
        ShortVector or = ShortVector.zero(sp);
        for (; i + lanes <= end; i += lanes) {
            ShortVector cur = ShortVector.fromMemorySegment(sp, s, i * 2, LE);
            ShortVector prev = ShortVector.fromMemorySegment(sp, s, (i - 1) * 2, LE);
            or = or.or(cur);
            runs += cur.compare(VectorOperators.NE, prev).trueCount();
        }
        long acc = or.reduceLanes(VectorOperators.OR) & 0xFFFFL;
        if (start == 0) {
            acc |= get16(s, 0);
        }
        for (; i < end; i++) {
            long v = get16(s, i);
            acc |= v;
            runs += v != get16(s, i - 1) ? 1 : 0;
        }
        widths[c] = (byte) (64 - Long.numberOfLeadingZeros(acc));
        return runs;
    }

    private static long ints(MemorySegment s, long n, byte[] widths) {
        long runs = 1;
        for (long start = 0, c = 0; start < n; start += CHUNK, c++) {
            runs += intsChunk(s, start, Math.min(n, start + CHUNK), widths, (int) c);
        }
        return runs;
    }

    /** One chunk: stores its width, returns the run starts in it (value 0 of the page is none). */
    private static long intsChunk(MemorySegment s, long start, long end, byte[] widths, int c) {
        VectorSpecies<Integer> sp = PanamaSupport.INTS;
        int lanes = sp.length();
        long i = Math.max(start, 1);
        long runs = 0;
        IntVector or = IntVector.zero(sp);
        for (; i + lanes <= end; i += lanes) {
            IntVector cur = IntVector.fromMemorySegment(sp, s, i * 4, LE);
            IntVector prev = IntVector.fromMemorySegment(sp, s, (i - 1) * 4, LE);
            or = or.or(cur);
            runs += cur.compare(VectorOperators.NE, prev).trueCount();
        }
        long acc = or.reduceLanes(VectorOperators.OR) & 0xFFFF_FFFFL;
        if (start == 0) {
            acc |= get32(s, 0);
        }
        for (; i < end; i++) {
            long v = get32(s, i);
            acc |= v;
            runs += v != get32(s, i - 1) ? 1 : 0;
        }
        widths[c] = (byte) (64 - Long.numberOfLeadingZeros(acc));
        return runs;
    }

    private static long longs(MemorySegment s, long n, byte[] widths) {
        long runs = 1;
        for (long start = 0, c = 0; start < n; start += CHUNK, c++) {
            runs += longsChunk(s, start, Math.min(n, start + CHUNK), widths, (int) c);
        }
        return runs;
    }

    /** One chunk: stores its width, returns the run starts in it (value 0 of the page is none). */
    private static long longsChunk(MemorySegment s, long start, long end, byte[] widths, int c) {
        VectorSpecies<Long> sp = PanamaSupport.LONGS;
        int lanes = sp.length();
        long i = Math.max(start, 1);
        long runs = 0;
        LongVector or = LongVector.zero(sp);
        for (; i + lanes <= end; i += lanes) {
            LongVector cur = LongVector.fromMemorySegment(sp, s, i * 8, LE);
            LongVector prev = LongVector.fromMemorySegment(sp, s, (i - 1) * 8, LE);
            or = or.or(cur);
            runs += cur.compare(VectorOperators.NE, prev).trueCount();
        }
        long acc = or.reduceLanes(VectorOperators.OR);
        if (start == 0) {
            acc |= get64(s, 0);
        }
        for (; i < end; i++) {
            long v = get64(s, i);
            acc |= v;
            runs += v != get64(s, i - 1) ? 1 : 0;
        }
        widths[c] = (byte) (64 - Long.numberOfLeadingZeros(acc));
        return runs;
    }

    private static long get16(MemorySegment s, long i) {
        return s.getAtIndex(Layouts.U16, i) & 0xFFFFL;
    }

    private static long get32(MemorySegment s, long i) {
        return s.getAtIndex(Layouts.U32, i) & 0xFFFF_FFFFL;
    }

    private static long get64(MemorySegment s, long i) {
        return s.getAtIndex(Layouts.U64, i);
    }
}
