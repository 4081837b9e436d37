package dev.jlance.encoder;

import dev.jlance.repdef.NestingPath;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.dictionary.DictionaryProvider;

/**
 * Encodes one field (and its children) into one or more columns. Data arrives batch by batch and is
 * buffered until there is enough for a page; each page becomes an {@link EncodeTask}.
 *
 * <p>Vectors passed to {@link #maybeEncode} may only be read until the returned tasks have run: an
 * encoder that keeps data for later must copy or retain it.
 */
public interface FieldEncoder extends AutoCloseable {

    /**
     * Buffers {@code array}; returns tasks for any pages that are now full.
     *
     * @param dictionaries the values of dictionary-encoded fields for this batch (null when the
     *     schema has none)
     * @param path the structs and lists above {@code array} ({@link NestingPath#top()} for a
     *     top-level field)
     * @param rowNumber the batch's first top-level row
     * @param numRows top-level rows in the batch
     */
    List<EncodeTask> maybeEncode(FieldVector array, DictionaryProvider dictionaries, OutOfLineBuffers externalBuffers,
            NestingPath path, long rowNumber, long numRows);

    /** Returns tasks for whatever is still buffered. */
    List<EncodeTask> flush(OutOfLineBuffers externalBuffers);

    /** Called once after the last flush: the columns this encoder produced. */
    List<EncodedColumn> finish(OutOfLineBuffers externalBuffers);

    /** How many columns this encoder writes. */
    int numColumns();

    /**
     * Whether {@link #maybeEncode} puts buffers into its {@link OutOfLineBuffers}. Those land in the
     * file at once, at positions that depend on what was written before, so such fields are fed
     * one after another on the writer's thread; the others may be fed concurrently with each other.
     */
    default boolean writesOutOfLine() {
        return false;
    }

    /** Releases buffered data without encoding it (the write was abandoned). */
    @Override
    void close();
}
