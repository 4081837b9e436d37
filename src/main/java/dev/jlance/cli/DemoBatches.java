package dev.jlance.cli;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** The demo table as a sequence of bounded batches, all generated into one reused root. */
final class DemoBatches implements BatchSource {

    private final DemoTable table;
    private final VectorSchemaRoot root;
    private final long totalRows;
    private final int batchRows;
    private long nextRow;

    DemoBatches(BufferAllocator allocator, long seed, long totalRows, int batchRows) {
        if (totalRows < 0 || batchRows <= 0) {
            throw new IllegalArgumentException("rows " + totalRows + ", batch rows " + batchRows);
        }
        this.table = new DemoTable(seed);
        this.root = VectorSchemaRoot.create(DemoTable.schema(), allocator);
        this.totalRows = totalRows;
        this.batchRows = batchRows;
    }

    @Override
    public Schema schema() {
        return root.getSchema();
    }

    @Override
    public VectorSchemaRoot root() {
        return root;
    }

    @Override
    public boolean next() {
        if (nextRow >= totalRows) {
            return false;
        }
        int rows = (int) Math.min(batchRows, totalRows - nextRow);
        table.fill(root, nextRow, rows);
        nextRow += rows;
        return true;
    }

    @Override
    public void close() {
        root.close();
    }
}
