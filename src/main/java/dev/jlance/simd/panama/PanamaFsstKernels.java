package dev.jlance.simd.panama;

import static dev.jlance.simd.FsstMatchTables.IN_LEN_SHIFT;
import static dev.jlance.simd.FsstMatchTables.OUT_LEN_SHIFT;

import dev.jlance.simd.FsstKernels;
import dev.jlance.simd.FsstMatchTables;
import dev.jlance.simd.ScalarFsstKernels;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * FSST compression in two passes over blocks of input positions. The greedy parse is inherently
 * serial (where the next symbol starts depends on the previous match), but the match at any one
 * position is not: the first pass computes, with vectors, the result word for <em>every</em>
 * position of a block (8-byte windows built by one byte shuffle, hash, gathers from the tables,
 * masked compare, blend) together with the position where the next symbol starts; the second pass
 * walks the block serially, each step one load that also says where to go next.
 * That turns the latency chain of a scalar matcher (load, hash, table load, compare per symbol)
 * into throughput work.
 *
 * <p>A precomputed match assumes all 8 bytes of the window belong to the value; near a value's end
 * a match longer than what is left is redone by the scalar tail lookup. Positions whose vector load
 * would leave {@code data} (the last vector of bytes) go to the scalar kernel.
 *
 * <p>Matching every position does work for positions inside a symbol, about three in five on
 * English text. Where values are long, {@link PanamaFsstLanes} avoids that and is used instead.
 */
public final class PanamaFsstKernels implements FsstKernels {

    private static final VarHandle U16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private static final VectorSpecies<Byte> BYTES = PanamaSupport.BYTES;
    private static final VectorSpecies<Long> LONGS = PanamaSupport.LONGS;
    /** One int per window: half the vector width. */
    static final VectorSpecies<Integer> INDEX =
            VectorSpecies.of(int.class, VectorShape.forBitSize(PanamaSupport.SHAPE.vectorBitSize() / 2));
    private static final int WINDOWS = LONGS.length();
    /** Byte k of window j is input byte j + k: lays out 8-byte windows at consecutive positions. */
    private static final VectorShuffle<Byte> WINDOW_SHUFFLE = VectorShuffle.fromOp(BYTES, b -> (b >>> 3) + (b & 7));
    /** Positions matched per block: their words stay in L1, and a position fits in 12 bits. */
    private static final int BLOCK = 2048;
    /** A block word holds the block position after its match from this bit on. */
    private static final int NEXT_SHIFT = IN_LEN_SHIFT;


    /** Long values go to the kernel whose lanes follow cursors of their own. */
    private static final PanamaFsstLanes LANES = new PanamaFsstLanes();

    /** Per-thread scratch: result words of a block and gather index staging. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        final int[] results = new int[BLOCK];
        /** A block's codes, copied to the output at the block's end: heap stores are cheaper than segment ones. */
        final byte[] codes = new byte[2 * BLOCK + 64];
        final int[] slots = new int[WINDOWS];
        final int[] shorts = new int[WINDOWS];
    }

    public PanamaFsstKernels() {
        if (INDEX.length() != WINDOWS) {
            throw new IllegalStateException("index species " + INDEX + " does not match " + LONGS);
        }
    }

    @Override
    public long compress(FsstMatchTables tables, MemorySegment data, MemorySegment offsets, long first,
            int offsetBytes, long count, MemorySegment out, long outAt, MemorySegment outOffsets, long outOffsetsAt) {
        ScalarFsstKernels.checkOffsetBytes(offsetBytes);
        if (PanamaFsstLanes.pays(offsets, offsetBytes, first, count)) {
            return LANES.compress(tables, data, offsets, first, offsetBytes, count, out, outAt, outOffsets, outOffsetsAt);
        }
        return blocks(tables, data, offsets, first, offsetBytes, count, out, outAt, outOffsets, outOffsetsAt);
    }

    /** The block-at-a-time kernel described above, for any values. */
    static long blocks(FsstMatchTables tables, MemorySegment data, MemorySegment offsets, long first,
            int offsetBytes, long count, MemorySegment out, long outAt, MemorySegment outOffsets, long outOffsetsAt) {
        ScalarFsstKernels.putOffset(outOffsets, offsetBytes, outOffsetsAt, 0);
        if (count == 0) {
            return 0;
        }
        Scratch scratch = SCRATCH.get();
        int[] results = scratch.results;
        long size = data.byteSize();
        // Last position whose vector load stays inside data.
        long lastVector = size - BYTES.length();
        long dataEnd = ScalarFsstKernels.offset(offsets, offsetBytes, first + count);
        long i = 0;
        long pos = ScalarFsstKernels.offset(offsets, offsetBytes, first);
        long end = ScalarFsstKernels.offset(offsets, offsetBytes, first + 1);
        long op = 0;
        byte[] codes = scratch.codes;
        while (pos <= lastVector && pos < dataEnd) {
            long blockStart = pos;
            int vectors = (int) Math.min(BLOCK / WINDOWS, (lastVector - blockStart) / WINDOWS + 1);
            vectors = (int) Math.min(vectors, (dataEnd - blockStart + WINDOWS - 1) / WINDOWS);
            int blockLen = vectors * WINDOWS;
            matchBlock(tables, data, blockStart, vectors, scratch);
            // Serial walk over the block, value by value; p is the position in the block, c in its codes.
            int p = 0;
            int c = 0;
            while (true) {
                long endInBlock = end - blockStart;
                int fast = (int) Math.min(endInBlock - 7, blockLen);
                while (p < fast) {
                    int r = results[p];
                    U16.set(codes, c, (short) r);
                    c += (r >>> OUT_LEN_SHIFT) & 3;
                    p = r >>> NEXT_SHIFT;
                }
                int tail = (int) Math.min(endInBlock, blockLen);
                while (p < tail) {
                    int r = results[p];
                    int avail = (int) (endInBlock - p);
                    if ((r >>> NEXT_SHIFT) - p > avail) {
                        // the full-window match runs past the value: match again within it
                        int t = tables.lookupTail(ScalarFsstKernels.window(data, size, blockStart + p, avail), avail);
                        U16.set(codes, c, (short) t);
                        c += (t >>> OUT_LEN_SHIFT) & 3;
                        p += (t >>> IN_LEN_SHIFT) & 15;
                    } else {
                        U16.set(codes, c, (short) r);
                        c += (r >>> OUT_LEN_SHIFT) & 3;
                        p = r >>> NEXT_SHIFT;
                    }
                }
                if (p < endInBlock) {
                    break; // the block ran out inside this value
                }
                ScalarFsstKernels.putOffset(outOffsets, offsetBytes, outOffsetsAt + ++i, op + c);
                if (i == count) {
                    MemorySegment.copy(codes, 0, out, ValueLayout.JAVA_BYTE, outAt + op, c);
                    return op + c;
                }
                end = ScalarFsstKernels.offset(offsets, offsetBytes, first + i + 1);
                if (p >= blockLen) {
                    break;
                }
            }
            MemorySegment.copy(codes, 0, out, ValueLayout.JAVA_BYTE, outAt + op, c);
            op += c;
            pos = blockStart + p;
        }
        return ScalarFsstKernels.finish(tables, data, offsets, first, offsetBytes, count, i, pos, op, out, outAt, outOffsets,
                outOffsetsAt);
    }

    /**
     * Words for positions {@code start .. start + vectors * WINDOWS - 1} into the scratch block:
     * the result word with the block position added to its input length, so that from bit
     * {@value #NEXT_SHIFT} on it says where the next symbol starts and the serial walk follows one
     * load per symbol. Two gathers per vector: the slot entry and the 2-byte entry.
     */
    private static void matchBlock(FsstMatchTables tables, MemorySegment data, long start, int vectors,
            Scratch scratch) {
        int[] shortCodes = tables.shortCodes();
        long[] entries = tables.hashEntries();
        int[] results = scratch.results;
        int[] slots = scratch.slots;
        int[] shorts = scratch.shorts;
        // block position of each lane, at the bits of the input length: adding them gives the next position
        IntVector here = IntVector.zero(INDEX).addIndex(1).lanewise(VectorOperators.LSHL, NEXT_SHIFT);
        IntVector step = IntVector.broadcast(INDEX, WINDOWS << NEXT_SHIFT);
        for (int v = 0; v < vectors; v++) {
            long p = start + (long) v * WINDOWS;
            LongVector w = ByteVector.fromMemorySegment(BYTES, data, p, ByteOrder.LITTLE_ENDIAN)
                    .rearrange(WINDOW_SHUFFLE)
                    .reinterpretAsLongs();
            resultWords(w, shortCodes, entries, slots, shorts).add(here).intoArray(results, v * WINDOWS);
            here = here.add(step);
        }
    }

    /**
     * The result word (see {@link FsstMatchTables}) of each lane's 8-byte window {@code w}: the
     * hash slot's symbol where it is a prefix of the window, else the 2-byte entry. Two gathers,
     * staged through {@code slots} and {@code shorts}. Small, so that both kernels' loops inline it
     * and its vectors stay in registers.
     */
    static IntVector resultWords(LongVector w, int[] shortCodes, long[] entries, int[] slots, int[] shorts) {
        LongVector y = w.and(FsstMatchTables.PREFIX_MASK).mul(FsstMatchTables.SCRAMBLE_MULTIPLIER)
                .and(FsstMatchTables.PREFIX_MASK);
        ((IntVector) y.lanewise(VectorOperators.LSHR, FsstMatchTables.CHECK_BITS)
                .convertShape(VectorOperators.L2I, INDEX, 0)).intoArray(slots, 0);
        ((IntVector) w.and(0xFFFF).convertShape(VectorOperators.L2I, INDEX, 0)).intoArray(shorts, 0);
        LongVector entry = LongVector.fromArray(LONGS, entries, 0, slots, 0);
        IntVector two = IntVector.fromArray(INDEX, shortCodes, 0, shorts, 0);
        LongVector key = y.and((1 << FsstMatchTables.CHECK_BITS) - 1)
                .or(w.lanewise(VectorOperators.LSHR, 24).lanewise(VectorOperators.LSHL, FsstMatchTables.CHECK_BITS));
        LongVector len = entry.lanewise(VectorOperators.LSHR, FsstMatchTables.ENTRY_LENGTH_SHIFT).and(15);
        LongVector mask = LongVector.broadcast(LONGS, -1L).lanewise(VectorOperators.LSHR,
                len.lanewise(VectorOperators.LSHL, 3).neg().add(FsstMatchTables.MASK_BASE));
        var hit = key.lanewise(VectorOperators.XOR, entry).and(mask).eq(0);
        // a hit's result word: code, one output byte, its length as input length
        IntVector hitWord = (IntVector) entry.lanewise(VectorOperators.LSHR, FsstMatchTables.ENTRY_CODE_SHIFT)
                .or(len.lanewise(VectorOperators.LSHL, IN_LEN_SHIFT))
                .or(1L << OUT_LEN_SHIFT)
                .convertShape(VectorOperators.L2I, INDEX, 0);
        return two.blend(hitWord, hit.cast(INDEX));
    }
}
