package dev.jlance.encoder;

import dev.jlance.memory.OffHeapArena;
import dev.jlance.repdef.NestingPath;
import dev.jlance.schema.LanceSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;

/** Encodes one batch entirely in memory: the in-memory counterpart of the file writer. */
public final class BatchEncoding {

    private BatchEncoding() {
    }

    /**
     * Encodes {@code batch} into one buffer of pages. The caller closes the result.
     *
     * @throws IllegalArgumentException if the alignment is not a power of two of at least 8
     */
    public static EncodedBatch encodeBatch(VectorSchemaRoot batch, LanceSchema schema, FieldEncodingStrategy strategy,
            EncodingOptions options, Executor executor) {
        return encodeBatch(batch, null, schema, strategy, options, executor);
    }

    /**
     * Encodes {@code batch}, whose dictionary-encoded columns have their values in
     * {@code dictionaries}, into one buffer of pages. The caller closes the result.
     */
    public static EncodedBatch encodeBatch(VectorSchemaRoot batch, DictionaryProvider dictionaries, LanceSchema schema,
            FieldEncodingStrategy strategy, EncodingOptions options, Executor executor) {
        OffHeapArena arena = OffHeapArena.open("encoded batch");
        try (BatchEncoder encoder = new BatchEncoder(schema, strategy, options)) {
            MemorySink sink = new MemorySink(arena, options.bufferAlignment());
            TreeMap<Integer, List<EncodedBatch.PageInfo>> pages = new TreeMap<>();
            long rows = batch.getRowCount();
            int columnOffset = 0;
            List<FieldEncoder> encoders = encoder.fieldEncoders();
            for (int i = 0; i < encoders.size(); i++) {
                FieldEncoder fe = encoders.get(i);
                OutOfLineBuffers external = new OutOfLineBuffers(sink.position(), options.bufferAlignment());
                List<EncodeTask> tasks = new ArrayList<>(
                        fe.maybeEncode(batch.getVector(i), dictionaries, external, NestingPath.top(), 0, rows));
                tasks.addAll(fe.flush(external));
                for (var b : external.takeBuffers()) {
                    sink.writeAligned(b);
                }
                for (EncodedPage page : TaskRunner.runInOrder(tasks, executor)) {
                    try (page) {
                        pages.computeIfAbsent(page.columnIndex(), k -> new ArrayList<>()).add(sink.writePage(page));
                    }
                }
                List<EncodedColumn> columns = fe.finish(new OutOfLineBuffers(sink.position(), options.bufferAlignment()));
                for (int c = 0; c < columns.size(); c++) {
                    for (EncodedPage page : columns.get(c).finalPages()) {
                        try (page) {
                            pages.computeIfAbsent(page.columnIndex(), k -> new ArrayList<>()).add(sink.writePage(page));
                        }
                    }
                    pages.computeIfAbsent(columnOffset + c, k -> new ArrayList<>());
                }
                columnOffset += columns.size();
            }
            List<EncodedBatch.ColumnPages> table = new ArrayList<>();
            pages.forEach((col, list) -> table.add(new EncodedBatch.ColumnPages(col, list)));
            List<Integer> top = encoder.fieldIdToColumnIndex().stream()
                    .map(ColumnIndexSequence.Assignment::columnIndex).toList();
            return new EncodedBatch(sink.contents(), table, schema, top, rows, arena);
        } catch (IOException e) {
            arena.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }
}
