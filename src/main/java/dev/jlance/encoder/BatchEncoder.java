package dev.jlance.encoder;

import dev.jlance.schema.LanceField;
import dev.jlance.schema.LanceSchema;
import java.util.ArrayList;
import java.util.List;

/** One field encoder per top-level field of a schema, with column indices assigned in order. */
public final class BatchEncoder implements AutoCloseable {

    private final List<FieldEncoder> fieldEncoders;
    private final List<ColumnIndexSequence.Assignment> fieldIdToColumnIndex;

    public BatchEncoder(LanceSchema schema, FieldEncodingStrategy strategy, EncodingOptions options) {
        strategy.checkSchema(schema);
        ColumnIndexSequence columns = new ColumnIndexSequence();
        List<FieldEncoder> encoders = new ArrayList<>();
        try {
            for (LanceField f : schema.fields()) {
                encoders.add(strategy.createFieldEncoder(strategy, f, columns, options));
            }
        } catch (RuntimeException e) {
            encoders.forEach(FieldEncoder::close);
            throw e;
        }
        this.fieldEncoders = List.copyOf(encoders);
        this.fieldIdToColumnIndex = columns.mapping();
    }

    public List<FieldEncoder> fieldEncoders() {
        return fieldEncoders;
    }

    /** Which column each leaf field was given. */
    public List<ColumnIndexSequence.Assignment> fieldIdToColumnIndex() {
        return fieldIdToColumnIndex;
    }

    public int numColumns() {
        return fieldEncoders.stream().mapToInt(FieldEncoder::numColumns).sum();
    }

    /** Drops all buffered data. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (FieldEncoder e : fieldEncoders) {
            try {
                e.close();
            } catch (RuntimeException ex) {
                if (first == null) {
                    first = ex;
                } else {
                    first.addSuppressed(ex);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
