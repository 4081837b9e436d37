package dev.jlance.simd.panama;

import dev.jlance.memory.Layouts;
import dev.jlance.simd.BitPacking;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The Vector API FastLanes kernels. Pack and unpack dispatch on the value width to the generated
 * per-width code in {@code PanamaBitPacking{8,16,32,64}}; the bit-width statistic is written here.
 */
public final class PanamaBitPacking implements BitPacking {

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    public PanamaBitPacking() {
    }

    @Override
    public void pack(int bitsPerValue, int bitWidth, MemorySegment in, long inOffset, MemorySegment out,
            long outOffset) {
        BitPacking.checkWidths(bitsPerValue, bitWidth);
        if (bitWidth == 0) {
            return;
        }
        switch (bitsPerValue) {
            case 8 -> PanamaBitPacking8.pack(bitWidth, in, inOffset, out, outOffset);
            case 16 -> PanamaBitPacking16.pack(bitWidth, in, inOffset, out, outOffset);
            case 32 -> PanamaBitPacking32.pack(bitWidth, in, inOffset, out, outOffset);
            default -> PanamaBitPacking64.pack(bitWidth, in, inOffset, out, outOffset);
        }
    }

    @Override
    public void unpack(int bitsPerValue, int bitWidth, MemorySegment in, long inOffset, MemorySegment out,
            long outOffset) {
        BitPacking.checkWidths(bitsPerValue, bitWidth);
        if (bitWidth == 0) {
            out.asSlice(outOffset, 128L * bitsPerValue).fill((byte) 0);
            return;
        }
        switch (bitsPerValue) {
            case 8 -> PanamaBitPacking8.unpack(bitWidth, in, inOffset, out, outOffset);
            case 16 -> PanamaBitPacking16.unpack(bitWidth, in, inOffset, out, outOffset);
            case 32 -> PanamaBitPacking32.unpack(bitWidth, in, inOffset, out, outOffset);
            default -> PanamaBitPacking64.unpack(bitWidth, in, inOffset, out, outOffset);
        }
    }

    /**
     * One pass over the data: each chunk is OR-ed a vector at a time up to the last whole vector,
     * reduced across lanes, and its remaining values (only in a short last chunk) OR-ed one by one,
     * so nothing past the last value is read.
     */
    @Override
    public void bitWidths(int bitsPerValue, MemorySegment in, long inOffset, long numValues, int[] widths) {
        BitPacking.checkValueBits(bitsPerValue);
        int chunks = (int) ((numValues + BLOCK_VALUES - 1) / BLOCK_VALUES);
        for (int c = 0; c < chunks; c++) {
            long first = (long) c * BLOCK_VALUES;
            int len = (int) Math.min(BLOCK_VALUES, numValues - first);
            long at = inOffset + first * (bitsPerValue / 8);
            widths[c] = switch (bitsPerValue) {
                case 8 -> 32 - Integer.numberOfLeadingZeros(orBytes(in, at, len) & 0xFF);
                case 16 -> 32 - Integer.numberOfLeadingZeros(orShorts(in, at, len) & 0xFFFF);
                case 32 -> 32 - Integer.numberOfLeadingZeros(orInts(in, at, len));
                default -> 64 - Long.numberOfLeadingZeros(orLongs(in, at, len));
            };
        }
    }

    private static int orBytes(MemorySegment in, long at, int len) {
        int bound = PanamaSupport.BYTES.loopBound(len);
        ByteVector acc = ByteVector.zero(PanamaSupport.BYTES);
        int i = 0;
        for (; i < bound; i += PanamaSupport.BYTES.length()) {
            acc = acc.or(ByteVector.fromMemorySegment(PanamaSupport.BYTES, in, at + i, LE));
        }
        int or = acc.reduceLanes(VectorOperators.OR);
        for (; i < len; i++) {
            or |= in.get(Layouts.U8, at + i);
        }
        return or;
    }

    private static int orShorts(MemorySegment in, long at, int len) {
        int bound = PanamaSupport.SHORTS.loopBound(len);
        ShortVector acc = ShortVector.zero(PanamaSupport.SHORTS);
        int i = 0;
        for (; i < bound; i += PanamaSupport.SHORTS.length()) {
            acc = acc.or(ShortVector.fromMemorySegment(PanamaSupport.SHORTS, in, at + 2L * i, LE));
        }
        int or = acc.reduceLanes(VectorOperators.OR);
        for (; i < len; i++) {
            or |= in.get(Layouts.U16, at + 2L * i);
        }
        return or;
    }

    private static int orInts(MemorySegment in, long at, int len) {
        int bound = PanamaSupport.INTS.loopBound(len);
        IntVector acc = IntVector.zero(PanamaSupport.INTS);
        int i = 0;
        for (; i < bound; i += PanamaSupport.INTS.length()) {
            acc = acc.or(IntVector.fromMemorySegment(PanamaSupport.INTS, in, at + 4L * i, LE));
        }
        int or = acc.reduceLanes(VectorOperators.OR);
        for (; i < len; i++) {
            or |= in.get(Layouts.U32, at + 4L * i);
        }
        return or;
    }

    private static long orLongs(MemorySegment in, long at, int len) {
        int bound = PanamaSupport.LONGS.loopBound(len);
        LongVector acc = LongVector.zero(PanamaSupport.LONGS);
        int i = 0;
        for (; i < bound; i += PanamaSupport.LONGS.length()) {
            acc = acc.or(LongVector.fromMemorySegment(PanamaSupport.LONGS, in, at + 8L * i, LE));
        }
        long or = acc.reduceLanes(VectorOperators.OR);
        for (; i < len; i++) {
            or |= in.get(Layouts.U64, at + 8L * i);
        }
        return or;
    }
}
