package dev.jlance.encoder;

import dev.jlance.arrow.ArrowLeaf;
import dev.jlance.memory.OffHeapArena;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.FieldVector;

/**
 * Buffers a column's arrays until they are worth a page: once more than {@code cacheBytes} of Arrow
 * data is waiting, everything waiting (including the array that crossed the line) becomes a page.
 *
 * <p>The array that completes a page is used as a borrowed view, since its page is encoded before
 * {@code write} returns. Arrays that must wait are copied into the queue's arena, or retained when
 * the options say to keep the caller's arrays.
 */
public final class AccumulationQueue implements AutoCloseable {

    private final long cacheBytes;
    private final boolean keepOriginalArray;
    private final String purpose;
    private final List<ArrowLeaf> waiting = new ArrayList<>();
    private OffHeapArena copies;
    private long bytes;
    private long rowNumber = -1;
    private long numRows;

    public AccumulationQueue(long cacheBytes, boolean keepOriginalArray, String purpose) {
        this.cacheBytes = cacheBytes;
        this.keepOriginalArray = keepOriginalArray;
        this.purpose = purpose;
    }

    /** Adds an array; returns a page when the queue is full. */
    public Optional<PendingPage> insert(ArrowLeaf view, FieldVector vector, long firstRow, long rows) {
        if (rowNumber < 0) {
            rowNumber = firstRow;
        }
        numRows += rows;
        bytes += view.arrowBytes();
        if (bytes > cacheBytes) {
            waiting.add(view);
            return Optional.of(take());
        }
        waiting.add(keep(view, vector));
        return Optional.empty();
    }

    /** Whatever is waiting, as a final page. */
    public Optional<PendingPage> flush() {
        return waiting.isEmpty() ? Optional.empty() : Optional.of(take());
    }

    private ArrowLeaf keep(ArrowLeaf view, FieldVector vector) {
        if (keepOriginalArray) {
            return ArrowLeaf.retain(vector, view);
        }
        if (copies == null) {
            copies = OffHeapArena.open(purpose);
        }
        return view.copyInto(copies);
    }

    private PendingPage take() {
        PendingPage page = new PendingPage(waiting, rowNumber, numRows, copies);
        waiting.clear();
        copies = null;
        bytes = 0;
        rowNumber = -1;
        numRows = 0;
        return page;
    }

    /** Drops whatever is waiting. */
    @Override
    public void close() {
        if (!waiting.isEmpty() || copies != null) {
            take().close();
        }
    }
}
