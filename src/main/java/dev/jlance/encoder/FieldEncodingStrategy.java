package dev.jlance.encoder;

import dev.jlance.schema.LanceField;
import dev.jlance.schema.LanceSchema;

/** Chooses the encoder for each field of a schema. */
public interface FieldEncodingStrategy {

    /**
     * @param root the top-level strategy, for strategies that delegate children back to it
     * @param field the field to encode
     * @param columnIndex hands out column indices in schema order
     * @param options encoder options
     */
    FieldEncoder createFieldEncoder(FieldEncodingStrategy root, LanceField field, ColumnIndexSequence columnIndex,
            EncodingOptions options);

    /**
     * Checks what depends on the whole schema (the order of columns, say) before any encoder is
     * made; throws, naming the field, when the strategy cannot write it.
     */
    default void checkSchema(LanceSchema schema) {
    }
}
