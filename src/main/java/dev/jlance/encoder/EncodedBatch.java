package dev.jlance.encoder;

import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.schema.LanceSchema;
import java.util.List;

/**
 * A batch encoded in memory: all page buffers back to back in {@code data}, with a page table
 * saying where each column's pages are. Owns {@code data}'s memory until closed.
 *
 * @param data page buffers, each starting at a multiple of the buffer alignment
 * @param pageTable one entry per column
 * @param schema the schema it was encoded with
 * @param topLevelColumns column index of each leaf field, in field order
 * @param numRows rows in the batch
 * @param owner the arena {@code data} lives in, closed with the batch
 */
public record EncodedBatch(LanceBuffer data, List<ColumnPages> pageTable, LanceSchema schema,
        List<Integer> topLevelColumns, long numRows, OffHeapArena owner) implements AutoCloseable {

    /**
     * @param columnIndex the column
     * @param pages its pages, in row order
     */
    public record ColumnPages(int columnIndex, List<PageInfo> pages) {
        public ColumnPages {
            pages = List.copyOf(pages);
        }
    }

    /**
     * Where a page's buffers are and how to decode them.
     *
     * @param bufferOffsets offset of each buffer in {@code data} (or in the file)
     * @param bufferSizes size of each buffer
     * @param numRows rows in the page
     * @param priority first row of the page
     * @param encoding the page's encoding message
     */
    public record PageInfo(long[] bufferOffsets, long[] bufferSizes, long numRows, long priority,
            com.google.protobuf.Message encoding) {
    }

    public EncodedBatch {
        pageTable = List.copyOf(pageTable);
        topLevelColumns = List.copyOf(topLevelColumns);
    }

    @Override
    public void close() {
        owner.close();
    }
}
