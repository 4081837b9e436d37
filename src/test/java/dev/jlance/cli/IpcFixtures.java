package dev.jlance.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalDayVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.ArrowWriter;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.MetadataVersion;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** Small Arrow IPC files and streams for the CLI tests. */
final class IpcFixtures {

    /** Rows per batch of the {@link #smallSchema()} fixtures. */
    static final List<Integer> BATCH_SIZES = List.of(3, 0, 5, 1);

    enum Format {
        FILE, STREAM, LEGACY_STREAM
    }

    private IpcFixtures() {
    }

    /** {@code id int32 not null, name utf8 nullable}. */
    static Schema smallSchema() {
        return new Schema(List.of(Field.notNullable("id", new ArrowType.Int(32, true)),
                Field.nullable("name", ArrowType.Utf8.INSTANCE)));
    }

    /** Writes {@link #BATCH_SIZES} batches of {@link #smallSchema()}; ids count up from 0 across batches. */
    static Path writeSmall(Path file, Format format, BufferAllocator allocator) throws IOException {
        try (VectorSchemaRoot root = VectorSchemaRoot.create(smallSchema(), allocator);
                OutputStream out = Files.newOutputStream(file);
                ArrowWriter writer = writer(root, null, out, format)) {
            writer.start();
            int id = 0;
            for (int rows : BATCH_SIZES) {
                root.allocateNew();
                IntVector ids = (IntVector) root.getVector("id");
                VarCharVector names = (VarCharVector) root.getVector("name");
                for (int i = 0; i < rows; i++, id++) {
                    ids.setSafe(i, id);
                    if (id % 4 == 3) {
                        names.setNull(i);
                    } else {
                        names.setSafe(i, name(id).getBytes(StandardCharsets.UTF_8));
                    }
                }
                root.setRowCount(rows);
                writer.writeBatch();
            }
            writer.end();
        }
        return file;
    }

    static String name(int id) {
        return "name-" + id;
    }

    /** Writes demo rows {@code [0, rows)} in batches of {@code batchRows}. */
    static Path writeDemo(Path file, Format format, long seed, int rows, int batchRows, BufferAllocator allocator)
            throws IOException {
        DemoTable table = new DemoTable(seed);
        try (VectorSchemaRoot root = VectorSchemaRoot.create(DemoTable.schema(), allocator);
                OutputStream out = Files.newOutputStream(file);
                ArrowWriter writer = writer(root, null, out, format)) {
            writer.start();
            for (int first = 0; first < rows; first += batchRows) {
                table.fill(root, first, Math.min(batchRows, rows - first));
                writer.writeBatch();
            }
            writer.end();
        }
        return file;
    }

    /** A stream whose {@code color} column is dictionary-encoded utf8. */
    static Path writeDictionaryEncoded(Path file, BufferAllocator allocator) throws IOException {
        DictionaryEncoding encoding = new DictionaryEncoding(7L, false, new ArrowType.Int(32, true));
        try (VarCharVector dictionaryValues = new VarCharVector("colors", allocator);
                VarCharVector plain = new VarCharVector("color", allocator)) {
            dictionaryValues.allocateNew();
            dictionaryValues.setSafe(0, "red".getBytes(StandardCharsets.UTF_8));
            dictionaryValues.setSafe(1, "blue".getBytes(StandardCharsets.UTF_8));
            dictionaryValues.setValueCount(2);
            plain.allocateNew();
            plain.setSafe(0, "blue".getBytes(StandardCharsets.UTF_8));
            plain.setSafe(1, "red".getBytes(StandardCharsets.UTF_8));
            plain.setValueCount(2);
            Dictionary dictionary = new Dictionary(dictionaryValues, encoding);
            DictionaryProvider.MapDictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider(dictionary);
            try (IntVector indices = (IntVector) DictionaryEncoder.encode(plain, dictionary);
                    VectorSchemaRoot root = VectorSchemaRoot.of(indices);
                    OutputStream out = Files.newOutputStream(file);
                    ArrowWriter writer = writer(root, provider, out, Format.STREAM)) {
                writer.start();
                writer.writeBatch();
                writer.end();
            }
        }
        return file;
    }

    /** {@code id int32 not null, color dictionary<int16, utf8> nullable} (dictionary id 7). */
    static Schema dictionarySchema() {
        ArrowType.Int keys = new ArrowType.Int(16, true);
        return new Schema(List.of(Field.notNullable("id", new ArrowType.Int(32, true)),
                new Field("color", new org.apache.arrow.vector.types.pojo.FieldType(true, keys,
                        new DictionaryEncoding(7L, false, keys)), null)));
    }

    /**
     * Four batches of {@link #dictionarySchema()} with null keys and a null dictionary entry. A stream
     * replaces the dictionary after the second batch (Arrow writes a new dictionary batch); an IPC
     * file cannot, so it keeps one dictionary.
     */
    static Path writeDictionaryBatches(Path file, Format format, BufferAllocator allocator) throws IOException {
        DictionaryEncoding encoding = dictionarySchema().getFields().get(1).getDictionary();
        try (VarCharVector values = new VarCharVector("colors", allocator);
                VectorSchemaRoot root = VectorSchemaRoot.create(dictionarySchema(), allocator);
                OutputStream out = Files.newOutputStream(file)) {
            String[] first = {"red", null, "green", "blue"};
            String[] second = {"cyan", "magenta", "red", null, "yellow"};
            setStrings(values, first);
            DictionaryProvider.MapDictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider(
                    new Dictionary(values, encoding));
            try (ArrowWriter writer = writer(root, provider, out, format)) {
                writer.start();
                int id = 0;
                for (int b = 0; b < 4; b++) {
                    if (b == 2 && format != Format.FILE) {
                        setStrings(values, second);
                    }
                    int entries = values.getValueCount();
                    root.allocateNew();
                    int rows = 40 + 13 * b;
                    for (int i = 0; i < rows; i++, id++) {
                        ((IntVector) root.getVector(0)).setSafe(i, id);
                        if (id % 9 == 4) {
                            root.getVector(1).setNull(i);
                        } else {
                            ((org.apache.arrow.vector.SmallIntVector) root.getVector(1)).setSafe(i, (id * 7) % entries);
                        }
                    }
                    root.setRowCount(rows);
                    writer.writeBatch();
                }
                writer.end();
            }
        }
        return file;
    }

    private static void setStrings(VarCharVector v, String[] values) {
        v.reset();
        v.allocateNew();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                v.setNull(i);
            } else {
                v.setSafe(i, values[i].getBytes(StandardCharsets.UTF_8));
            }
        }
        v.setValueCount(values.length);
    }

    /** A stream whose {@code price} column is dictionary-encoded decimal(10, 2), which Lance cannot describe. */
    static Path writeDecimalDictionary(Path file, BufferAllocator allocator) throws IOException {
        ArrowType.Int keys = new ArrowType.Int(32, true);
        DictionaryEncoding encoding = new DictionaryEncoding(3L, false, keys);
        Schema schema = new Schema(List.of(new Field("price", new org.apache.arrow.vector.types.pojo.FieldType(true,
                keys, encoding), null)));
        try (org.apache.arrow.vector.DecimalVector values = new org.apache.arrow.vector.DecimalVector("prices",
                allocator, 10, 2);
                VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
                OutputStream out = Files.newOutputStream(file)) {
            values.allocateNew(1);
            values.set(0, 1999);
            values.setValueCount(1);
            var provider = new DictionaryProvider.MapDictionaryProvider(new Dictionary(values, encoding));
            try (ArrowWriter writer = writer(root, provider, out, Format.STREAM)) {
                writer.start();
                ((IntVector) root.getVector(0)).setSafe(0, 0);
                root.setRowCount(1);
                writer.writeBatch();
                writer.end();
            }
        }
        return file;
    }

    /** A one-row stream with an {@code interval[day_time]} column, a type Lance has no logical type for. */
    static Path writeInterval(Path file, BufferAllocator allocator) throws IOException {
        Schema schema = new Schema(List.of(Field.nullable("gap", new ArrowType.Interval(IntervalUnit.DAY_TIME))));
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
                OutputStream out = Files.newOutputStream(file);
                ArrowWriter writer = writer(root, null, out, Format.STREAM)) {
            writer.start();
            ((IntervalDayVector) root.getVector(0)).setSafe(0, 1, 2);
            root.setRowCount(1);
            writer.writeBatch();
            writer.end();
        }
        return file;
    }

    private static ArrowWriter writer(VectorSchemaRoot root, DictionaryProvider provider, OutputStream out,
            Format format) {
        return switch (format) {
            case FILE -> new ArrowFileWriter(root, provider, Channels.newChannel(out));
            case STREAM -> new ArrowStreamWriter(root, provider, out);
            case LEGACY_STREAM -> new ArrowStreamWriter(root, provider, Channels.newChannel(out),
                    new IpcOption(true, MetadataVersion.DEFAULT));
        };
    }
}
