package dev.jlance.encoder;

import dev.jlance.arrow.ArrowLeaf;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.repdef.ShreddedLevels;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.FieldVector;

/**
 * Buffers a column's arrays until they are worth a page: once more than {@code cacheBytes} of Arrow
 * data is waiting, everything waiting (including the array that crossed the line) becomes a page.
 *
 * <p>Every array is copied into the queue's arena, or retained when the options say to keep the
 * caller's arrays, the one that completes a page included: pages encode on other threads after
 * {@code write} has returned, when the caller may already have reused its vectors.
 *
 * <p>Copied values go straight into one contiguous buffer per page ({@link ContiguousPageValues}),
 * so the copy is also the join the page needs.
 *
 * <p>Keys of a dictionary-encoded column travel with their dictionary. Consecutive arrays with the
 * same dictionary share one copy of it. A page's dictionaries are merged when it is encoded, so a
 * page ends early when the dictionaries waiting could together hold more entries than its keys can
 * address.
 */
public final class AccumulationQueue implements AutoCloseable {

    private final long cacheBytes;
    private final boolean keepOriginalArray;
    private final String purpose;
    private final long maxDictionaryEntries;
    private final List<ArrowLeaf> waiting = new ArrayList<>();
    /** Levels of the waiting arrays of a nested leaf, copied into the waiting page's arena. */
    private final List<ShreddedLevels> waitingLevels = new ArrayList<>();
    private OffHeapArena copies;
    /** The waiting arrays' values joined as they were copied, while every array went there. */
    private ContiguousPageValues joined;
    private long bytes;
    private long rowNumber = -1;
    private long numRows;
    /** The dictionary of the last array waiting, as kept (copy or retained view). */
    private ArrowLeaf lastDictionary;
    /** Entries of the waiting arrays' dictionaries, counting a run of equal dictionaries once. */
    private long dictionaryEntries;

    public AccumulationQueue(long cacheBytes, boolean keepOriginalArray, String purpose) {
        this(cacheBytes, keepOriginalArray, purpose, Long.MAX_VALUE);
    }

    /**
     * @param maxDictionaryEntries the most dictionary entries a page's keys can address (for
     *     dictionary-encoded columns)
     */
    public AccumulationQueue(long cacheBytes, boolean keepOriginalArray, String purpose, long maxDictionaryEntries) {
        this.cacheBytes = cacheBytes;
        this.keepOriginalArray = keepOriginalArray;
        this.purpose = purpose;
        this.maxDictionaryEntries = maxDictionaryEntries;
    }

    /** Adds an array; returns a page when the queue is full. */
    public Optional<PendingPage> insert(ArrowLeaf view, FieldVector vector, long firstRow, long rows) {
        List<PendingPage> pages = insert(view, vector, null, firstRow, rows);
        return pages.isEmpty() ? Optional.empty() : Optional.of(pages.getFirst());
    }

    /**
     * Adds an array (with its dictionary vector when {@code view} has a dictionary); returns the
     * pages that are complete: none, one, or two when the array's dictionary first ends the page
     * waiting before it.
     */
    public List<PendingPage> insert(ArrowLeaf view, FieldVector vector, FieldVector dictionaryVector, long firstRow,
            long rows) {
        return insert(view, null, vector, dictionaryVector, firstRow, rows);
    }

    /**
     * Adds an array of a leaf under structs or lists, with its levels; otherwise as
     * {@link #insert(ArrowLeaf, FieldVector, FieldVector, long, long)}.
     */
    public List<PendingPage> insert(ArrowLeaf view, ShreddedLevels levels, FieldVector vector,
            FieldVector dictionaryVector, long firstRow, long rows) {
        return add(view, levels, vector, dictionaryVector, firstRow, rows, false);
    }

    /**
     * The arena the next page will own. Values an encoder builds there (rather than borrows) go in
     * with {@link #insertOwned} and live exactly as long as their page.
     */
    public OffHeapArena pageArena() {
        if (copies == null) {
            copies = OffHeapArena.open(purpose);
        }
        return copies;
    }

    /**
     * Adds an array that lives in {@link #pageArena()} (no dictionary): kept as it is, never copied
     * or retained; otherwise as {@link #insert(ArrowLeaf, ShreddedLevels, FieldVector, FieldVector, long, long)}.
     */
    public Optional<PendingPage> insertOwned(ArrowLeaf view, ShreddedLevels levels, long firstRow, long rows) {
        if (view.dictionary() != null) {
            throw new IllegalArgumentException("an owned array cannot carry a dictionary");
        }
        List<PendingPage> pages = add(view, levels, null, null, firstRow, rows, true);
        return pages.isEmpty() ? Optional.empty() : Optional.of(pages.getFirst());
    }

    private List<PendingPage> add(ArrowLeaf view, ShreddedLevels levels, FieldVector vector,
            FieldVector dictionaryVector, long firstRow, long rows, boolean owned) {
        List<PendingPage> pages = new ArrayList<>(2);
        ArrowLeaf dictionary = view.dictionary();
        boolean sameDictionary = dictionary != null && lastDictionary != null && lastDictionary.sameBuffers(dictionary);
        if (dictionary != null && !sameDictionary && !waiting.isEmpty()
                && dictionaryEntries + DictionaryPageAssembler.entriesKept(dictionary) > maxDictionaryEntries) {
            pages.add(take());
        }
        if (rowNumber < 0) {
            rowNumber = firstRow;
        }
        numRows += rows;
        bytes += view.arrowBytes();
        if (dictionary != null && !sameDictionary) {
            dictionaryEntries += DictionaryPageAssembler.entriesKept(dictionary);
        }
        if (levels != null) {
            // the shredder's levels live in its scratch: the page keeps its own copy
            waitingLevels.add(levels.copyInto(pageArena()));
        }
        ArrowLeaf kept = owned ? view : keep(view, vector, dictionaryVector, sameDictionary);
        waiting.add(kept);
        lastDictionary = kept.dictionary();
        if (bytes > cacheBytes) {
            pages.add(take());
        }
        return pages;
    }

    /** Whatever is waiting, as a final page. */
    public Optional<PendingPage> flush() {
        return waiting.isEmpty() ? Optional.empty() : Optional.of(take());
    }

    private ArrowLeaf keep(ArrowLeaf view, FieldVector vector, FieldVector dictionaryVector, boolean sameDictionary) {
        ArrowLeaf dictionary = view.dictionary();
        if (keepOriginalArray) {
            ArrowLeaf kept = ArrowLeaf.retain(vector, view);
            return dictionary == null ? kept : kept.withDictionary(ArrowLeaf.retain(dictionaryVector, dictionary));
        }
        if (copies == null) {
            copies = OffHeapArena.open(purpose);
        }
        if (dictionary == null) {
            if (ContiguousPageValues.supports(view) && (joined != null || waiting.isEmpty())) {
                if (joined == null) {
                    joined = ContiguousPageValues.open(view.type(), cacheBytes, copies);
                }
                return joined.append(view);
            }
            return view.copyInto(copies);
        }
        return view.withDictionary(null).copyInto(copies)
                .withDictionary(sameDictionary ? lastDictionary : dictionary.copyInto(copies));
    }

    private PendingPage take() {
        PendingPage page = new PendingPage(waiting, waitingLevels, rowNumber, numRows, copies, joined);
        joined = null;
        waiting.clear();
        waitingLevels.clear();
        copies = null;
        bytes = 0;
        rowNumber = -1;
        numRows = 0;
        lastDictionary = null;
        dictionaryEntries = 0;
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
