package dev.jlance.bench.data;

import java.util.List;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * "Arrow buffer bytes": the bytes the Arrow buffers of a batch hold for its rows (validity, offsets,
 * values, children), as {@link ValueVector#getBufferSize()} counts them; excludes unused capacity.
 * The denominator for MB/s figures and the "Arrow MB" of the size comparison.
 */
public final class ArrowBytes {

    private ArrowBytes() {
    }

    public static long of(VectorSchemaRoot root) {
        long sum = 0;
        for (ValueVector v : root.getFieldVectors()) {
            sum += v.getBufferSize();
        }
        return sum;
    }

    public static long of(List<VectorSchemaRoot> batches) {
        return batches.stream().mapToLong(ArrowBytes::of).sum();
    }

    /** Bytes of column {@code index} over all batches. */
    public static long ofColumn(List<VectorSchemaRoot> batches, int index) {
        return batches.stream().mapToLong(b -> b.getVector(index).getBufferSize()).sum();
    }
}
