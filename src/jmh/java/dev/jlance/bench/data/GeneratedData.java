package dev.jlance.bench.data;

import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Batches generated for a dataset; closing releases them.
 *
 * @param dataset what they were generated from
 * @param batches the batches, in row order
 * @param rows total rows
 * @param arrowBytes total {@link ArrowBytes Arrow buffer bytes}
 */
public record GeneratedData(Dataset dataset, List<VectorSchemaRoot> batches, long rows, long arrowBytes)
        implements AutoCloseable {

    public GeneratedData {
        batches = List.copyOf(batches);
    }

    @Override
    public void close() {
        batches.forEach(VectorSchemaRoot::close);
    }
}
