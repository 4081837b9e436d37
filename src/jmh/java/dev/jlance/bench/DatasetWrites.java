package dev.jlance.bench;

import dev.jlance.bench.data.GeneratedData;
import dev.jlance.file.LanceFileWriter;
import dev.jlance.file.WriteOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/** One whole dataset written into a new file, by jlance or by the official writer: what every benchmark times. */
final class DatasetWrites {

    private DatasetWrites() {
    }

    static void jlance(GeneratedData data, Path out, WriteOptions options) throws IOException {
        try (LanceFileWriter writer = LanceFileWriter.open(out, data.dataset().schema(), options)) {
            for (VectorSchemaRoot batch : data.batches()) {
                writer.write(batch);
            }
        }
    }

    /** Format 2.1, no options. */
    static void official(GeneratedData data, BufferAllocator allocator, Path out) throws Exception {
        try (org.lance.file.LanceFileWriter writer = org.lance.file.LanceFileWriter.open(out.toString(), allocator,
                null, Optional.of("2.1"), Map.of())) {
            for (VectorSchemaRoot batch : data.batches()) {
                writer.write(batch);
            }
        }
    }
}
