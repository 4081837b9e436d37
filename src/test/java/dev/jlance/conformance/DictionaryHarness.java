package dev.jlance.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.jlance.file.LanceFileWriter;
import dev.jlance.file.WriteOptions;
import dev.jlance.file.WriteSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.lance.file.LanceFileReader;

/**
 * The dictionary-encoded side of {@link OfficialReaderHarness}: writes batches whose dictionaries
 * may change from batch to batch and compares what the official reader returns by decoded value
 * (the value each key stands for), never by raw key, since a writer may renumber keys.
 *
 * <h2>What the official reader returns for a dictionary-encoded column (lance-core 7.0.0, observed)</h2>
 * {@code LanceFileReader.schema()} gives the field with its index type and no
 * {@code DictionaryEncoding}. The batches of {@code readAll} carry the field with the index type and
 * a {@code DictionaryEncoding} of the same index type, {@code ordered=false} and an id of the
 * reader's choosing (0 for the first); the values come from the {@code ArrowReader}, which is the
 * {@code DictionaryProvider} of the batches. Both are checked here: index type, nullability,
 * metadata and ordered flag exactly, the id not at all.
 */
public final class DictionaryHarness {

    private DictionaryHarness() {
    }

    /** A provider whose dictionaries are replaced between batches, as a caller with changing dictionaries does. */
    public static final class SwitchingProvider implements DictionaryProvider {
        public DictionaryProvider current;

        public SwitchingProvider(DictionaryProvider first) {
            this.current = first;
        }

        @Override
        public Dictionary lookup(long id) {
            return current.lookup(id);
        }

        @Override
        public Set<Long> getDictionaryIds() {
            return current.getDictionaryIds();
        }
    }

    /**
     * Writes {@code batches} with jlance, the provider answering with {@code providers.get(i)} while
     * batch {@code i} is written (and with the first one when the writer opens).
     */
    public static WriteSummary writeJlance(Path file, Schema schema, List<VectorSchemaRoot> batches,
            List<? extends DictionaryProvider> providers, WriteOptions options) throws IOException {
        assertEquals(batches.size(), providers.size(), "test bug: one provider per batch");
        var before = OfficialReaderHarness.DirSnapshot.of(file.getParent());
        SwitchingProvider provider = new SwitchingProvider(providers.getFirst());
        LanceFileWriter writer = LanceFileWriter.open(file, schema, options, provider);
        try {
            for (int i = 0; i < batches.size(); i++) {
                provider.current = providers.get(i);
                writer.write(batches.get(i));
            }
        } catch (IOException | RuntimeException | Error e) {
            try {
                writer.close();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        writer.close();
        WriteSummary summary = writer.summary();
        assertEquals(batches.stream().mapToLong(VectorSchemaRoot::getRowCount).sum(), summary.rows(), "rows of " + file);
        assertEquals(Files.size(file), summary.fileBytes(), "WriteSummary.fileBytes() vs the size of " + file);
        OfficialReaderHarness.assertNoStrayFiles(file.getParent(), before, file);
        return summary;
    }

    /** Writes with the official writer, the provider switching per batch as in {@link #writeJlance}. */
    public static void writeOfficial(Path file, List<VectorSchemaRoot> batches, List<? extends DictionaryProvider> providers,
            BufferAllocator allocator) throws Exception {
        SwitchingProvider provider = new SwitchingProvider(providers.getFirst());
        try (org.lance.file.LanceFileWriter writer = org.lance.file.LanceFileWriter.open(file.toString(), allocator,
                provider, Optional.of("2.1"), Map.of())) {
            for (int i = 0; i < batches.size(); i++) {
                provider.current = providers.get(i);
                writer.write(batches.get(i));
            }
        }
    }

    /**
     * Writes with jlance and checks, through the official reader, that every row decodes to the
     * value its key stood for when it was written.
     */
    public static WriteSummary writeAndVerify(Path file, Schema schema, List<VectorSchemaRoot> batches,
            List<? extends DictionaryProvider> providers, WriteOptions options, BufferAllocator allocator, int readBatchSize)
            throws Exception {
        List<VectorSchemaRoot> expected = new ArrayList<>();
        try {
            // decoded before writing, so nothing the writer does to the inputs can hide
            for (int i = 0; i < batches.size(); i++) {
                expected.add(decode(batches.get(i), providers.get(i), allocator));
            }
            WriteSummary summary = writeJlance(file, schema, batches, providers, options);
            assertFileContains(file, schema, expected, allocator, readBatchSize);
            return summary;
        } finally {
            expected.forEach(VectorSchemaRoot::close);
        }
    }

    /**
     * Reads {@code file} with the official reader and asserts that it holds the rows of
     * {@code expectedDecoded} (batches with every dictionary-encoded column of {@code written}
     * replaced by the values its keys stand for), bit for bit, and the schema the reader returns for
     * a file written with {@code written} (see the class comment).
     */
    public static void assertFileContains(Path file, Schema written, List<VectorSchemaRoot> expectedDecoded,
            BufferAllocator allocator, int readBatchSize) throws Exception {
        long rows = expectedDecoded.stream().mapToLong(VectorSchemaRoot::getRowCount).sum();
        try (LanceFileReader reader = LanceFileReader.open(file.toString(), allocator)) {
            OfficialReaderHarness.assertSchemaEquals(withoutDictionaries(written), reader.schema(),
                    "LanceFileReader.schema() of " + file);
            assertEquals(rows, reader.numRows(), "numRows of " + file);
            try (ArrowReader stream = reader.readAll(null, null, readBatchSize)) {
                VectorSchemaRoot actual = stream.getVectorSchemaRoot();
                assertDictionaryFields(written, actual.getSchema(), "schema of the batches read from " + file);
                var cursor = new OfficialReaderHarness.RowCursor(expectedDecoded);
                while (stream.loadNextBatch()) {
                    try (VectorSchemaRoot decoded = decode(actual, stream, allocator)) {
                        if (!expectedDecoded.isEmpty()) {
                            OfficialReaderHarness.assertSchemaEquals(expectedDecoded.getFirst().getSchema(),
                                    decoded.getSchema(), "decoded schema of a batch read from " + file);
                        }
                        cursor.compareNext(decoded, file.toString());
                    }
                }
                cursor.assertExhausted(file.toString());
            }
        }
    }

    /** {@code schema} as the reader's {@code schema()} reports it: dictionary fields keep only their index type. */
    public static Schema withoutDictionaries(Schema schema) {
        List<Field> fields = new ArrayList<>();
        for (Field f : schema.getFields()) {
            fields.add(new Field(f.getName(), new FieldType(f.isNullable(), f.getType(), null, f.getMetadata()),
                    f.getChildren()));
        }
        return new Schema(fields, schema.getCustomMetadata());
    }

    private static void assertDictionaryFields(Schema written, Schema read, String what) {
        OfficialReaderHarness.assertSchemaEquals(withoutDictionaries(written), withoutDictionaries(read), what);
        for (int i = 0; i < written.getFields().size(); i++) {
            DictionaryEncoding w = written.getFields().get(i).getDictionary();
            DictionaryEncoding r = read.getFields().get(i).getDictionary();
            String name = written.getFields().get(i).getName();
            if (w == null) {
                assertEquals(null, r, what + ": field '" + name + "' should not be dictionary-encoded");
            } else {
                assertNotNull(r, what + ": field '" + name + "' lost its dictionary encoding");
                assertEquals(w.getIndexType(), r.getIndexType(), what + ": index type of '" + name + "'");
                assertEquals(false, r.isOrdered(), what + ": Lance stores dictionaries as unordered");
            }
        }
    }

    /**
     * A copy of {@code root} with each dictionary-encoded column replaced by the values its keys
     * stand for in {@code provider} (a null key or a null value gives null); plain columns are
     * copied. The caller closes the result.
     */
    public static VectorSchemaRoot decode(VectorSchemaRoot root, DictionaryProvider provider, BufferAllocator allocator) {
        List<FieldVector> vectors = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        int n = root.getRowCount();
        try {
            for (FieldVector v : root.getFieldVectors()) {
                Field f = v.getField();
                FieldVector out;
                if (f.getDictionary() == null) {
                    out = f.createVector(allocator);
                    vectors.add(out);
                    if (!(out instanceof NullVector)) {
                        out.allocateNew();
                        for (int i = 0; i < n; i++) {
                            out.copyFromSafe(i, i, v);
                        }
                    }
                } else {
                    Dictionary dictionary = provider.lookup(f.getDictionary().getId());
                    assertNotNull(dictionary, "no dictionary " + f.getDictionary().getId() + " for '" + f.getName() + "'");
                    FieldVector values = dictionary.getVector();
                    Field decoded = new Field(f.getName(), new FieldType(f.isNullable(), values.getField().getType(),
                            null, f.getMetadata()), null);
                    out = decoded.createVector(allocator);
                    vectors.add(out);
                    out.allocateNew();
                    BaseIntVector keys = (BaseIntVector) v;
                    for (int i = 0; i < n; i++) {
                        if (v.isNull(i)) {
                            out.setNull(i);
                        } else {
                            out.copyFromSafe((int) keys.getValueAsLong(i), i, values);
                        }
                    }
                }
                out.setValueCount(n);
                fields.add(out.getField());
            }
        } catch (RuntimeException | Error e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        return new VectorSchemaRoot(fields, vectors, n);
    }
}
