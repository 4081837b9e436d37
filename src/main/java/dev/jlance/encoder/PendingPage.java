package dev.jlance.encoder;

import dev.jlance.arrow.ArrowLeaf;
import dev.jlance.memory.OffHeapArena;
import java.util.List;

/**
 * The arrays of one column that make one page, and whatever keeps them alive: an arena holding
 * copies and/or references on the caller's Arrow buffers. Closing it lets go of both.
 *
 * @param pieces the arrays, in row order
 * @param rowNumber first row of the page
 * @param numRows rows in the page
 * @param copies arena of copied pieces, or null
 */
public record PendingPage(List<ArrowLeaf> pieces, long rowNumber, long numRows, OffHeapArena copies)
        implements AutoCloseable {

    public PendingPage {
        pieces = List.copyOf(pieces);
    }

    public long nullCount() {
        return pieces.stream().mapToLong(ArrowLeaf::nullCount).sum();
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
