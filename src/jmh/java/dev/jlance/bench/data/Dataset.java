package dev.jlance.bench.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A named, deterministic benchmark table: a fixed seed and a list of column recipes. Every column
 * draws its values and its nulls from its own {@link Rng} streams, so the data is the same on every
 * run, whatever the batch size, and adding a column leaves the others unchanged.
 *
 * @param name short identifier (used on the command line)
 * @param description one line on what the table models
 * @param seed the seed of all its random streams
 * @param columns the columns, in schema order
 */
public record Dataset(String name, String description, long seed, List<ColumnSpec> columns) {

    public Dataset {
        Objects.requireNonNull(name);
        columns = List.copyOf(columns);
    }

    /** The name: datasets print as their name in test reports and logs. */
    @Override
    public String toString() {
        return name;
    }

    public Schema schema() {
        return new Schema(columns.stream().map(ColumnSpec::field).toList());
    }

    /** A fresh generator positioned at row 0. */
    public Generator generator() {
        return new Generator();
    }

    /**
     * Generates batches per {@code size}: full batches until the row limit, or until the byte budget,
     * the last batch then sized to end near it. The caller closes the result (it owns the batches).
     */
    public GeneratedData generate(DatasetSize size, BufferAllocator allocator) {
        Generator generator = generator();
        List<VectorSchemaRoot> batches = new ArrayList<>();
        long rows = 0;
        long bytes = 0;
        try {
            while (rows < size.maxRows() && bytes < size.maxArrowBytes()) {
                long n = Math.min(size.batchRows(), size.maxRows() - rows);
                if (rows > 0) { // stop near the byte budget: size the batch by the bytes per row so far
                    double bytesPerRow = (double) bytes / rows;
                    n = Math.min(n, Math.max(1, (long) Math.ceil((size.maxArrowBytes() - bytes) / bytesPerRow)));
                }
                VectorSchemaRoot batch = generator.next(allocator, (int) n);
                batches.add(batch);
                rows += n;
                bytes += ArrowBytes.of(batch);
            }
        } catch (RuntimeException | Error e) {
            batches.forEach(VectorSchemaRoot::close);
            throw e;
        }
        return new GeneratedData(this, batches, rows, bytes);
    }

    /** Produces the rows of the dataset in order, batch after batch. */
    public final class Generator {

        private final List<ValueWriter> writers = new ArrayList<>();
        private final List<Rng> nulls = new ArrayList<>();

        private Generator() {
            for (int c = 0; c < columns.size(); c++) {
                writers.add(columns.get(c).values().apply(new Rng(seed, 2L * c)));
                nulls.add(new Rng(seed, 2L * c + 1));
            }
        }

        /** The next {@code rows} rows, in a new root the caller closes. */
        public VectorSchemaRoot next(BufferAllocator allocator, int rows) {
            VectorSchemaRoot root = VectorSchemaRoot.create(schema(), allocator);
            try {
                for (int c = 0; c < columns.size(); c++) {
                    FieldVector vector = root.getVector(c);
                    vector.setInitialCapacity(rows);
                    vector.allocateNew();
                    double nullFraction = columns.get(c).nullFraction();
                    ValueWriter writer = writers.get(c);
                    Rng nullRng = nulls.get(c);
                    for (int i = 0; i < rows; i++) {
                        if (nullFraction > 0 && nullRng.chance(nullFraction)) {
                            vector.setNull(i);
                        } else {
                            writer.write(vector, i);
                        }
                    }
                }
                root.setRowCount(rows);
            } catch (RuntimeException | Error e) {
                root.close();
                throw e;
            }
            return root;
        }
    }
}
