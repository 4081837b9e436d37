package dev.jlance.encoder;

import com.google.protobuf.Message;
import dev.jlance.memory.LanceBuffer;
import java.util.List;

/**
 * One encoded page, ready to be written: its buffers in page-buffer order and the protobuf that
 * tells a reader how to decode them. Closing it frees the memory its buffers live in, and parts of
 * the encoding too (an FSST page's symbol table lives there), so the encoding is read before: the
 * writer records it and then closes the page once the buffers are in the file.
 *
 * @param buffers page buffers, in the order their offsets are recorded
 * @param encoding the page's encoding message (a 2.1 {@code PageLayout})
 * @param numRows rows in the page
 * @param rowNumber the page's first row (its priority in 2.1)
 * @param columnIndex the column the page belongs to
 * @param layoutName a short layout name for summaries ("mini-block", "full-zip", "all-null")
 * @param encodingName a short description of the value encoding, e.g. "flat(32)"
 * @param owner frees the page's memory; never null
 */
public record EncodedPage(List<LanceBuffer> buffers, Message encoding, long numRows, long rowNumber, int columnIndex,
        String layoutName, String encodingName, AutoCloseable owner) implements AutoCloseable {

    public EncodedPage {
        buffers = List.copyOf(buffers);
    }

    /** Bytes of all buffers, without alignment padding. */
    public long dataBytes() {
        long total = 0;
        for (LanceBuffer b : buffers) {
            total += b.size();
        }
        return total;
    }

    @Override
    public void close() {
        try {
            owner.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not release page memory of column " + columnIndex, e);
        }
    }
}
