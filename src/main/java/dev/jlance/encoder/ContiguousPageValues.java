package dev.jlance.encoder;

import dev.jlance.arrow.ArrowLeaf;
import dev.jlance.data.BlockStatistics;
import dev.jlance.data.DataBlock;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.data.VariableWidthBlock;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.schema.PhysicalType;
import dev.jlance.simd.OffsetsKernel;
import dev.jlance.simd.ValueStatsKernel;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The values of one page, copied as its arrays arrive into one contiguous buffer (fixed width) or
 * one data buffer plus one run of offsets rebased to start at 0 (variable width). The copy the
 * queue has to make anyway then already is the page's block, and encoding skips the join.
 *
 * <p>Buffers are sized for the arrays expected to fill the page (the cache limit over the first
 * array's size), but never more than 32 arrays' worth up front, so a wide table of small batches
 * does not reserve a full page per column. When an array does not fit, the buffers move to four
 * times the room; arrays kept before the move keep their views of the old buffers, which hold the
 * same bytes and live as long as the page's arena.
 */
public final class ContiguousPageValues {

    /** Arrays' worth of room reserved before the page shows it needs more. */
    private static final long UP_FRONT_ARRAYS = 32;
    private static final long MIN_BYTES = 64 * 1024;

    private final PhysicalType type;
    private final long cacheBytes;
    private final OffHeapArena arena;
    private final int offsetBytes;
    private final List<ArrowLeaf> pieces = new ArrayList<>();
    private MemorySegment values;
    private long valueBytes;
    private MemorySegment offsets;
    private long numValues;
    private long arrowBytes;
    /**
     * For 8/16/32/64-bit values, measured as they are copied: the width of each 1024-value chunk
     * and the values that differ from the one before them. Null for other values.
     */
    private byte[] chunkWidths;
    private long changes;
    /** The block {@link #blockOf} last returned, which the measurements describe. */
    private FixedWidthBlock measuredBlock;

    private ContiguousPageValues(PhysicalType type, long cacheBytes, OffHeapArena arena) {
        this.type = type;
        this.cacheBytes = cacheBytes;
        this.arena = arena;
        this.offsetBytes = type.kind() == PhysicalType.Kind.VARIABLE ? type.bitsPerValue() / 8 : 0;
        boolean measurable = type.kind() == PhysicalType.Kind.FIXED && ValueStatsKernel.measures(type.bitsPerValue());
        this.chunkWidths = measurable ? new byte[0] : null;
    }

    /** Whether arrays like {@code view} can be joined as they arrive. */
    public static boolean supports(ArrowLeaf view) {
        if (view.dictionary() != null) {
            return false;
        }
        return switch (view.type().kind()) {
            case FIXED -> view.type().bitsPerValue() % 8 == 0;
            case VARIABLE -> true;
            default -> false;
        };
    }

    /** An empty page of {@code type} values whose buffers come from {@code arena}. */
    static ContiguousPageValues open(PhysicalType type, long cacheBytes, OffHeapArena arena) {
        return new ContiguousPageValues(type, cacheBytes, arena);
    }

    /**
     * Copies {@code view} to the end of the page: the returned leaf's values (and offsets) are views
     * of the page's buffers, its validity a copy in the arena.
     */
    ArrowLeaf append(ArrowLeaf view) {
        if (!supports(view) || !view.type().equals(type)) {
            throw new IllegalArgumentException("cannot join " + view.type() + " values into a page of " + type);
        }
        long n = view.numValues();
        MemorySegment validity = view.validity() == null ? null : arena.copyOf(view.validity());
        ArrowLeaf kept;
        if (offsetBytes == 0) {
            long bytes = view.values().byteSize();
            ensureValues(bytes, view.arrowBytes());
            if (chunkWidths != null && bytes == n * (type.bitsPerValue() / 8)) {
                copyMeasured(view.values(), n);
            } else {
                MemorySegment.copy(view.values(), 0, values, valueBytes, bytes);
                chunkWidths = null; // a copy the statistics did not see: the page is measured when encoded
            }
            kept = new ArrowLeaf(type, n, view.nullCount(), validity, values.asSlice(valueBytes, bytes), null,
                    List.of());
            valueBytes += bytes;
        } else {
            long first = view.offset(0);
            long bytes = view.offset(n) - first;
            if (offsetBytes == 4 && valueBytes + bytes > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("a page of 32-bit-offset values would hold " + (valueBytes + bytes)
                        + " bytes, more than 32-bit offsets can address");
            }
            ensureValues(bytes, view.arrowBytes());
            ensureOffsets(n, view.arrowBytes());
            MemorySegment.copy(view.values(), first, values, valueBytes, bytes);
            long at = numValues * offsetBytes;
            // offset i of the page is the array's offset minus its first, plus the bytes before it
            if (offsetBytes == 4) {
                OffsetsKernel.kernel().rebase32(view.offsets(), 0, offsets, at, n + 1, (int) (valueBytes - first));
            } else {
                OffsetsKernel.kernel().rebase64(view.offsets(), 0, offsets, at, n + 1, valueBytes - first);
            }
            valueBytes += bytes;
            kept = new ArrowLeaf(type, n, view.nullCount(), validity, values.asSlice(0, valueBytes),
                    offsets.asSlice(at, (n + 1) * offsetBytes), List.of());
        }
        numValues += n;
        arrowBytes += view.arrowBytes();
        pieces.add(kept);
        return kept;
    }

    /** Copies the {@code n} values of {@code source} to the end of the page, measuring them. */
    private void copyMeasured(MemorySegment source, long n) {
        int width = type.bitsPerValue() / 8;
        long chunksNeeded = (numValues + n + ValueStatsKernel.CHUNK - 1) / ValueStatsKernel.CHUNK;
        if (chunkWidths.length < chunksNeeded) {
            long expected = Math.max(values.byteSize() / width, numValues + n);
            chunkWidths = Arrays.copyOf(chunkWidths, Math.toIntExact(
                    Math.max(chunksNeeded, (expected + ValueStatsKernel.CHUNK - 1) / ValueStatsKernel.CHUNK)));
        }
        if (numValues > 0 && n > 0
                && MemorySegment.mismatch(values, valueBytes - width, valueBytes, source, 0, width) >= 0) {
            changes++;
        }
        changes += ValueStatsKernel.kernel().copyMeasured(type.bitsPerValue(), source, 0, values, valueBytes, n,
                numValues, chunkWidths);
    }

    /**
     * Statistics of {@code block}: with the widths and runs measured while copying when it is the
     * whole page as {@link #blockOf} returned it, else to be computed when asked.
     */
    public BlockStatistics statistics(DataBlock block, long nullCount) {
        if (chunkWidths == null || block != measuredBlock) {
            return new BlockStatistics(block, nullCount);
        }
        byte[] widths = Arrays.copyOf(chunkWidths,
                Math.toIntExact((numValues + ValueStatsKernel.CHUNK - 1) / ValueStatsKernel.CHUNK));
        return BlockStatistics.measured(measuredBlock, nullCount, widths, numValues == 0 ? 0 : changes + 1);
    }

    /**
     * The whole page as one block, when {@code assembled} are exactly the arrays appended here (the
     * same leaves, in order); empty otherwise, e.g. when only some of their values are visible.
     */
    public Optional<DataBlock> blockOf(PhysicalType assembledType, List<ArrowLeaf> assembled) {
        if (!assembledType.equals(type) || pieces.isEmpty() || assembled.size() != pieces.size()) {
            return Optional.empty();
        }
        for (int i = 0; i < pieces.size(); i++) {
            if (assembled.get(i) != pieces.get(i)) {
                return Optional.empty();
            }
        }
        if (offsetBytes == 0) {
            measuredBlock = new FixedWidthBlock(new LanceBuffer(slice(values, valueBytes)), type.bitsPerValue(),
                    numValues);
            return Optional.of(measuredBlock);
        }
        MemorySegment offs = slice(offsets, (numValues + 1) * offsetBytes);
        return Optional.of(new VariableWidthBlock(new LanceBuffer(offs), new LanceBuffer(slice(values, valueBytes)),
                type.bitsPerValue(), numValues));
    }

    private static MemorySegment slice(MemorySegment s, long bytes) {
        return s.asSlice(0, bytes);
    }

    /** Arrays appended. */
    public int pieceCount() {
        return pieces.size();
    }

    /** Arrow bytes of the arrays appended (what their views covered, not the page's buffers). */
    public long arrowBytes() {
        return arrowBytes;
    }

    private void ensureValues(long bytes, long arrayArrowBytes) {
        long needed = valueBytes + bytes;
        if (values != null && needed <= values.byteSize()) {
            return;
        }
        long room = room(values, needed, bytes, arrayArrowBytes);
        MemorySegment bigger = arena.allocateUninitialized(room);
        if (valueBytes > 0) {
            MemorySegment.copy(values, 0, bigger, 0, valueBytes);
        }
        values = bigger;
    }

    private void ensureOffsets(long n, long arrayArrowBytes) {
        long used = numValues * offsetBytes;
        long needed = (numValues + n + 1) * offsetBytes;
        if (offsets != null && needed <= offsets.byteSize()) {
            return;
        }
        long room = room(offsets, needed, (n + 1) * offsetBytes, arrayArrowBytes);
        MemorySegment bigger = arena.allocateUninitialized(room);
        if (used > 0) {
            MemorySegment.copy(offsets, 0, bigger, 0, used);
        }
        offsets = bigger;
    }

    /**
     * Room for a buffer that must hold {@code needed} bytes, when the array being added brings
     * {@code arrayPart} of them and {@code arrayArrowBytes} to the page: the arrays still expected
     * before the page exceeds the cache limit, at most 32 arrays' (or four times the old room).
     */
    private long room(MemorySegment current, long needed, long arrayPart, long arrayArrowBytes) {
        long arraysLeft = Math.max(0, cacheBytes - arrowBytes) / Math.max(1, arrayArrowBytes) + 1;
        long expected = saturatedAdd(needed - arrayPart, saturatedMultiply(arraysLeft, arrayPart));
        long cap = current == null ? Math.max(MIN_BYTES, saturatedMultiply(UP_FRONT_ARRAYS, arrayPart))
                : saturatedMultiply(4, current.byteSize());
        return Math.max(needed, Math.min(expected, cap));
    }

    private static long saturatedMultiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }

    private static long saturatedAdd(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }
}
