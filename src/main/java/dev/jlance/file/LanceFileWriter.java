package dev.jlance.file;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** Writes Arrow batches into one Lance file. (Skeleton: being implemented.) */
public final class LanceFileWriter implements AutoCloseable {

    private LanceFileWriter() {
    }

    public static LanceFileWriter open(Path path, Schema schema, WriteOptions options) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    public void write(VectorSchemaRoot root) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    public long rowsWritten() {
        throw new UnsupportedOperationException("not yet");
    }

    public WriteSummary summary() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void close() throws IOException {
        throw new UnsupportedOperationException("not yet");
    }
}
