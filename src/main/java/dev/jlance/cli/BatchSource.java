package dev.jlance.cli;

import java.io.IOException;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.Schema;

/** Record batches loaded one after another into the same {@link VectorSchemaRoot}. */
interface BatchSource extends AutoCloseable {

    Schema schema();

    /** The root every batch is loaded into; valid after {@link #next()} returned true. */
    VectorSchemaRoot root();

    /**
     * Where the values of dictionary-encoded columns are, for the batch last loaded; null when the
     * source has none.
     */
    default DictionaryProvider dictionaries() {
        return null;
    }

    /** Loads the next batch into {@link #root()}; false once there are no more. */
    boolean next() throws CliException;

    @Override
    void close() throws IOException;
}
