package dev.jlance.data;

import dev.jlance.memory.Layouts;
import dev.jlance.simd.OffsetsKernel;
import dev.jlance.simd.ValueStatsKernel;
import java.lang.foreign.MemorySegment;

/**
 * Statistics of one page's values, each computed at most once and only when a decision asks for
 * it. Encoding decisions read these instead of scanning the data again.
 */
public final class BlockStatistics {

    /** Values per chunk for the bit-width statistic (the FastLanes block size). */
    public static final int BIT_WIDTH_CHUNK = 1024;
    /** Register-index bits of the cardinality estimator. */
    public static final int HLL_PRECISION = 12;

    private final DataBlock block;
    private final long nullCount;
    private long dataSize = -1;
    private long maxLength = -1;
    private long runCount = -1;
    private long cardinality = -1;
    private byte[] bitWidths;

    /**
     * @param block the page's values (without validity)
     * @param nullCount nulls among them, known from the validity the caller already scanned
     */
    public BlockStatistics(DataBlock block, long nullCount) {
        this.block = block;
        this.nullCount = nullCount;
    }

    /**
     * Statistics of 8/16/32/64-bit values whose chunk widths and run count were measured already
     * (while the page's values were copied), so no decision scans them again.
     */
    public static BlockStatistics measured(FixedWidthBlock block, long nullCount, byte[] widths, long runCount) {
        if (!isWordWidth(block.bitsPerValue())) {
            throw new IllegalArgumentException("only 8/16/32/64-bit values are measured, not " + block.bitsPerValue());
        }
        long chunks = (block.numValues() + BIT_WIDTH_CHUNK - 1) / BIT_WIDTH_CHUNK;
        if (widths.length != chunks || runCount < 0 || runCount > block.numValues()
                || (runCount == 0) != (block.numValues() == 0)) {
            throw new IllegalArgumentException(widths.length + " chunk widths and " + runCount + " runs do not fit "
                    + block.numValues() + " values");
        }
        BlockStatistics stats = new BlockStatistics(block, nullCount);
        stats.bitWidths = widths;
        stats.runCount = runCount;
        return stats;
    }

    public DataBlock block() {
        return block;
    }

    public long numValues() {
        return block.numValues();
    }

    public long nullCount() {
        return nullCount;
    }

    /** Bytes of value data (for variable width: the value bytes, not the offsets). */
    public long dataSize() {
        if (dataSize < 0) {
            dataSize = switch (block) {
                case FixedWidthBlock f -> (f.numValues() * f.bitsPerValue() + 7) / 8;
                case VariableWidthBlock v -> v.offset(v.numValues()) - v.offset(0);
                case FixedSizeListBlock l -> new BlockStatistics(l.child(), 0).dataSize();
                case NullableBlock n -> new BlockStatistics(n.data(), 0).dataSize();
                case StructBlock s -> s.children().stream().mapToLong(c -> new BlockStatistics(c, 0).dataSize()).sum();
                case DictionaryBlock d -> new BlockStatistics(d.indices(), 0).dataSize();
                case AllNullBlock a -> 0;
            };
        }
        return dataSize;
    }

    /**
     * Longest value in bytes: the width for fixed-width values (0 for booleans, as in Lance), the
     * longest value for variable width, dimension × child width for fixed-size lists.
     */
    public long maxLength() {
        if (maxLength < 0) {
            maxLength = switch (block) {
                case FixedWidthBlock f -> f.bitsPerValue() / 8;
                case VariableWidthBlock v -> longestValue(v);
                case FixedSizeListBlock l -> l.dimension() * new BlockStatistics(l.child(), 0).maxLength();
                case NullableBlock n -> new BlockStatistics(n.data(), 0).maxLength();
                case StructBlock s -> s.children().stream().mapToLong(c -> new BlockStatistics(c, 0).maxLength()).sum();
                case DictionaryBlock d -> new BlockStatistics(d.dictionary(), 0).maxLength();
                case AllNullBlock a -> 0;
            };
        }
        return maxLength;
    }

    /**
     * Significant bits of each chunk of {@link #BIT_WIDTH_CHUNK} values (the OR of the chunk's
     * values, as unsigned). Widths other than 8/16/32/64 bits yield one entry, the width itself.
     */
    public int[] bitWidths() {
        byte[] widths = bitWidthsShared();
        int[] copy = new int[widths.length];
        for (int i = 0; i < widths.length; i++) {
            copy[i] = widths[i];
        }
        return copy;
    }

    /**
     * {@link #bitWidths()} as bytes and without a copy, for the page's own decisions and codecs,
     * which only read it: the array must not be changed.
     */
    public byte[] bitWidthsShared() {
        if (bitWidths == null) {
            if (block instanceof FixedWidthBlock f && isWordWidth(f.bitsPerValue())) {
                computeWidthsAndRuns(f);
            } else {
                bitWidths = block instanceof FixedWidthBlock f ? new byte[] {(byte) f.bitsPerValue()} : new byte[0];
            }
        }
        return bitWidths;
    }

    /** The widest of {@link #bitWidths()}, 0 when there are none. */
    public int maxBitWidth() {
        int max = 0;
        for (int w : bitWidthsShared()) {
            max = Math.max(max, w);
        }
        return max;
    }

    /** Number of runs of equal consecutive values (fixed width only; 0 otherwise). */
    public long runCount() {
        if (runCount < 0) {
            if (block instanceof FixedWidthBlock f && isWordWidth(f.bitsPerValue())) {
                computeWidthsAndRuns(f);
            } else {
                runCount = block instanceof FixedWidthBlock f ? computeRunCount(f) : 0;
            }
        }
        return runCount;
    }

    /** The decision reads both, so one pass of the fused kernel computes both. */
    private void computeWidthsAndRuns(FixedWidthBlock f) {
        long n = f.numValues();
        byte[] widths = new byte[(int) ((n + BIT_WIDTH_CHUNK - 1) / BIT_WIDTH_CHUNK)];
        runCount = ValueStatsKernel.kernel().widthsAndRuns(f.bitsPerValue(), f.data().segment(), n, widths);
        bitWidths = widths;
    }

    /** Estimated number of distinct values, with a fixed hash seed so it is the same on every run. */
    public long cardinality() {
        if (cardinality < 0) {
            cardinality = computeCardinality();
        }
        return cardinality;
    }

    private static long longestValue(VariableWidthBlock v) {
        long n = v.numValues();
        MemorySegment offsets = v.offsets().segment().asSlice(0, (n + 1) * v.bytesPerOffset());
        return v.bitsPerOffset() == 32 ? OffsetsKernel.kernel().maxLength32(offsets, n)
                : OffsetsKernel.kernel().maxLength64(offsets, n);
    }

    private static long readUnsigned(MemorySegment s, long index, int bits) {
        return switch (bits) {
            case 8 -> s.get(Layouts.U8, index) & 0xFFL;
            case 16 -> s.getAtIndex(Layouts.U16, index) & 0xFFFFL;
            case 32 -> s.getAtIndex(Layouts.U32, index) & 0xFFFF_FFFFL;
            case 64 -> s.getAtIndex(Layouts.U64, index);
            default -> throw new IllegalArgumentException("bits " + bits);
        };
    }

    private static boolean isWordWidth(int bits) {
        return ValueStatsKernel.measures(bits);
    }

    private static long computeRunCount(FixedWidthBlock f) {
        long n = f.numValues();
        if (n == 0) {
            return 0;
        }
        int bits = f.bitsPerValue();
        MemorySegment s = f.data().segment();
        long runs = 1;
        // 8/16/32/64-bit values are counted by the fused statistics kernel; these are the others
        if (bits % 8 == 0) {
            long w = bits / 8;
            for (long i = 1; i < n; i++) {
                if (MemorySegment.mismatch(s, (i - 1) * w, i * w, s, i * w, (i + 1) * w) >= 0) {
                    runs++;
                }
            }
        } else {
            boolean prev = bit(s, 0);
            for (long i = 1; i < n; i++) {
                boolean cur = bit(s, i);
                if (cur != prev) {
                    runs++;
                    prev = cur;
                }
            }
        }
        return runs;
    }

    private static boolean bit(MemorySegment s, long i) {
        return (s.get(Layouts.U8, i >>> 3) & (1 << (i & 7))) != 0;
    }

    private long computeCardinality() {
        HyperLogLog hll = new HyperLogLog(HLL_PRECISION);
        switch (block) {
            case FixedWidthBlock f when isWordWidth(f.bitsPerValue()) -> {
                for (long i = 0; i < f.numValues(); i++) {
                    hll.add(Hashing.hashLong(readUnsigned(f.data().segment(), i, f.bitsPerValue())));
                }
            }
            case FixedWidthBlock f when f.bitsPerValue() % 8 == 0 -> {
                long w = f.bytesPerValue();
                for (long i = 0; i < f.numValues(); i++) {
                    hll.add(Hashing.hashBytes(f.data().segment(), i * w, w));
                }
            }
            case FixedWidthBlock f -> {
                return Math.min(2, f.numValues());
            }
            case VariableWidthBlock v -> {
                MemorySegment data = v.data().segment();
                for (long i = 0; i < v.numValues(); i++) {
                    long start = v.offset(i);
                    hll.add(Hashing.hashBytes(data, start, v.offset(i + 1) - start));
                }
            }
            default -> {
                return numValues();
            }
        }
        return Math.min(hll.estimate(), numValues());
    }
}
