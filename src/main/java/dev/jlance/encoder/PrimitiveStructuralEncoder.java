package dev.jlance.encoder;

import dev.jlance.FormatVersion;
import dev.jlance.arrow.ArrowDictionaries;
import dev.jlance.arrow.ArrowLeaf;
import dev.jlance.arrow.PackedStructRows;
import dev.jlance.compression.CompressionStrategy;
import dev.jlance.repdef.LevelShredder;
import dev.jlance.repdef.NestingPath;
import dev.jlance.repdef.ShreddedLevels;
import dev.jlance.schema.DictionaryType;
import dev.jlance.schema.LanceField;
import dev.jlance.schema.PackedStructType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.dictionary.DictionaryProvider;

/**
 * The encoder of a leaf column (one column per field): buffers arrays in an
 * {@link AccumulationQueue} and turns each full queue into a page task. The keys of a
 * dictionary-encoded field travel with the dictionary the batch's provider holds; a packed
 * struct's rows are packed into fixed-width values (its children side by side) as they arrive.
 */
public final class PrimitiveStructuralEncoder implements FieldEncoder {

    private final LanceField field;
    private final PageEncoder pageEncoder;
    private final AccumulationQueue queue;
    /** The layout of a packed struct's rows, else null. */
    private final PackedStructType packed;

    public PrimitiveStructuralEncoder(LanceField field, int columnIndex, EncodingOptions options,
            CompressionStrategy compression, FormatVersion version) {
        this(field, field, columnIndex, options, compression, version);
    }

    /**
     * @param topLevel the top-level field {@code field} belongs to (itself at the top level), whose
     *     {@code lance-encoding:structural-encoding} decides the layout
     */
    public PrimitiveStructuralEncoder(LanceField field, LanceField topLevel, int columnIndex, EncodingOptions options,
            CompressionStrategy compression, FormatVersion version) {
        this.field = field;
        this.packed = PackedStructType.isPacked(field) ? PackedStructType.of(field) : null;
        this.pageEncoder = new PageEncoder(field, topLevel.encodingParams().structuralEncoding(), columnIndex,
                compression, version);
        this.queue = new AccumulationQueue(options.cacheBytesPerColumn(), options.keepOriginalArray(),
                "pending data of column " + columnIndex + " (" + field.path() + ")",
                field.dictionary().map(DictionaryType::addressableEntries).orElse(Long.MAX_VALUE));
    }

    @Override
    public List<EncodeTask> maybeEncode(FieldVector array, DictionaryProvider dictionaries,
            OutOfLineBuffers externalBuffers, NestingPath path, long rowNumber, long numRows) {
        if (numRows == 0) {
            return List.of();
        }
        if (path.isEmpty() && !field.arrow().isNullable() && array.getNullCount() > 0) {
            int row = 0;
            while (!array.isNull(row)) {
                row++;
            }
            throw new IllegalArgumentException("column '" + field.path() + "' is not nullable but row "
                    + (rowNumber + row) + " is null; official Lance refuses such data too");
        }
        ArrowLeaf view;
        FieldVector values = null;
        if (packed != null) {
            // the rows are packed into the page's own memory right away, so the queue keeps them as they are
            view = PackedStructRows.pack(array, packed, queue.pageArena());
            ShreddedLevels levels = path.isEmpty() ? null
                    : LevelShredder.shred(path, Math.toIntExact(numRows), array, view, field.path());
            return queue.insertOwned(view, levels, rowNumber, numRows).map(this::task).map(List::of).orElse(List.of());
        }
        if (field.dictionary().isEmpty()) {
            view = ArrowLeaf.borrow(array, field.storage());
        } else {
            DictionaryType type = field.dictionary().get();
            values = ArrowDictionaries.values(field.path(), type, dictionaries);
            view = ArrowLeaf.borrowKeys(array, type.indexStorage(), values, type.valueStorage());
            ArrowDictionaries.checkKeys(field.path(), type, view);
        }
        ShreddedLevels levels = null;
        if (!path.isEmpty()) {
            if (values == null) {
                levels = LevelShredder.shred(path, Math.toIntExact(numRows), array, view, field.path());
            } else {
                boolean leafHasNulls = view.nullCount() > 0 || values.getNullCount() > 0;
                levels = LevelShredder.shred(path, Math.toIntExact(numRows), array, nullKeyOrValue(array, values),
                        leafHasNulls, field.path());
            }
        }
        return tasks(queue.insert(view, levels, array, values, rowNumber, numRows));
    }

    /** A dictionary key is null when the key is, or when the entry it points at is. */
    private static IntPredicate nullKeyOrValue(FieldVector keys, FieldVector values) {
        BaseIntVector ints = (BaseIntVector) keys;
        return i -> keys.isNull(i) || values.isNull(Math.toIntExact(ints.getValueAsLong(i)));
    }

    @Override
    public List<EncodeTask> flush(OutOfLineBuffers externalBuffers) {
        return queue.flush().map(this::task).map(List::of).orElse(List.of());
    }

    /** A task per page; most batches fill no page, and then nothing is allocated. */
    private List<EncodeTask> tasks(List<PendingPage> pages) {
        if (pages.isEmpty()) {
            return List.of();
        }
        List<EncodeTask> tasks = new ArrayList<>(pages.size());
        for (PendingPage page : pages) {
            tasks.add(task(page));
        }
        return tasks;
    }

    private EncodeTask task(PendingPage page) {
        return EncodeTask.of(page, pageEncoder::encode);
    }

    @Override
    public List<EncodedColumn> finish(OutOfLineBuffers externalBuffers) {
        return List.of(EncodedColumn.values());
    }

    @Override
    public int numColumns() {
        return 1;
    }

    public LanceField field() {
        return field;
    }

    @Override
    public void close() {
        queue.close();
    }
}
