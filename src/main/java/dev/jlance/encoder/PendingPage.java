package dev.jlance.encoder;

import dev.jlance.arrow.ArrowLeaf;
import dev.jlance.data.BlockStatistics;
import dev.jlance.data.DataBlock;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.repdef.ShreddedLevels;
import dev.jlance.schema.PhysicalType;
import java.util.List;
import java.util.Optional;

/**
 * The arrays of one column that make one page, and whatever keeps them alive: an arena holding
 * copies and/or references on the caller's Arrow buffers. Closing it lets go of both.
 *
 * @param pieces the arrays, in row order
 * @param levels for a leaf under structs or lists, each piece's levels (same order); empty for a
 *     top-level leaf, whose levels come from its validity alone
 * @param rowNumber first row of the page
 * @param numRows rows in the page
 * @param copies arena of copied pieces, or null
 * @param joined the pieces' values, already joined as they were copied (in {@code copies}), or null
 */
public record PendingPage(List<ArrowLeaf> pieces, List<ShreddedLevels> levels, long rowNumber, long numRows,
        OffHeapArena copies, ContiguousPageValues joined) implements AutoCloseable {

    public PendingPage {
        pieces = List.copyOf(pieces);
        levels = List.copyOf(levels);
        if (!levels.isEmpty() && levels.size() != pieces.size()) {
            throw new IllegalArgumentException(pieces.size() + " pieces but " + levels.size() + " level pieces");
        }
    }

    /** A page whose values were not joined as they arrived. */
    public PendingPage(List<ArrowLeaf> pieces, List<ShreddedLevels> levels, long rowNumber, long numRows,
            OffHeapArena copies) {
        this(pieces, levels, rowNumber, numRows, copies, null);
    }

    /** A page of a top-level leaf. */
    public PendingPage(List<ArrowLeaf> pieces, long rowNumber, long numRows, OffHeapArena copies) {
        this(pieces, List.of(), rowNumber, numRows, copies);
    }

    /**
     * The values of {@code assembled} as one block without a copy, when they are exactly this page's
     * pieces and were joined as they arrived.
     */
    public Optional<DataBlock> joinedValues(PhysicalType type, List<ArrowLeaf> assembled) {
        return joined == null ? Optional.empty() : joined.blockOf(type, assembled);
    }

    /**
     * Statistics of the page's {@code values}: those measured while the values were joined, when
     * {@code values} is the joined block; else computed on demand.
     */
    public BlockStatistics statistics(DataBlock values, long nullCount) {
        return joined == null ? new BlockStatistics(values, nullCount) : joined.statistics(values, nullCount);
    }

    /** Whether the leaf sits under structs or lists. */
    public boolean nested() {
        return !levels.isEmpty();
    }

    /** Arrow bytes of the page's arrays (dictionaries included). */
    public long inputBytes() {
        if (joined != null && joined.pieceCount() == pieces.size()) {
            return joined.arrowBytes();
        }
        long bytes = 0;
        for (ArrowLeaf p : pieces) {
            bytes += p.arrowBytes();
        }
        return bytes;
    }

    public long nullCount() {
        return ArrowLeaf.nullCount(pieces);
    }

    @Override
    public void close() {
        for (ArrowLeaf p : pieces) {
            p.release();
        }
        if (copies != null) {
            copies.close();
        }
    }
}
