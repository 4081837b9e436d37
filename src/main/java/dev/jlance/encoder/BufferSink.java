package dev.jlance.encoder;

import dev.jlance.memory.LanceBuffer;
import java.io.IOException;

/**
 * Where page buffers go: a file or memory. Every buffer is followed by padding to the alignment, so
 * each one starts aligned.
 */
public interface BufferSink {

    /** Bytes written so far. */
    long position();

    /** Writes {@code buffer} plus padding; returns the position the buffer starts at. */
    long writeAligned(LanceBuffer buffer) throws IOException;

    /** Writes the page's buffers and says where they went. */
    default EncodedBatch.PageInfo writePage(EncodedPage page) throws IOException {
        int n = page.buffers().size();
        long[] offsets = new long[n];
        long[] sizes = new long[n];
        for (int i = 0; i < n; i++) {
            LanceBuffer b = page.buffers().get(i);
            offsets[i] = writeAligned(b);
            sizes[i] = b.size();
        }
        return new EncodedBatch.PageInfo(offsets, sizes, page.numRows(), page.rowNumber(), page.encoding());
    }
}
