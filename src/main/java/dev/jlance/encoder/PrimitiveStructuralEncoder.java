package dev.jlance.encoder;

import dev.jlance.FormatVersion;
import dev.jlance.arrow.ArrowDictionaries;
import dev.jlance.arrow.ArrowLeaf;
import dev.jlance.compression.CompressionStrategy;
import dev.jlance.repdef.RepDefBuilder;
import dev.jlance.schema.DictionaryType;
import dev.jlance.schema.LanceField;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.dictionary.DictionaryProvider;

/**
 * The encoder of a leaf column (one column per field): buffers arrays in an
 * {@link AccumulationQueue} and turns each full queue into a page task. The keys of a
 * dictionary-encoded field travel with the dictionary the batch's provider holds.
 */
public final class PrimitiveStructuralEncoder implements FieldEncoder {

    private final LanceField field;
    private final PageEncoder pageEncoder;
    private final AccumulationQueue queue;

    public PrimitiveStructuralEncoder(LanceField field, int columnIndex, EncodingOptions options,
            CompressionStrategy compression, FormatVersion version) {
        this.field = field;
        this.pageEncoder = new PageEncoder(field, columnIndex, compression, version);
        this.queue = new AccumulationQueue(options.cacheBytesPerColumn(), options.keepOriginalArray(),
                "pending data of column " + columnIndex + " (" + field.path() + ")",
                field.dictionary().map(DictionaryType::addressableEntries).orElse(Long.MAX_VALUE));
    }

    @Override
    public List<EncodeTask> maybeEncode(FieldVector array, DictionaryProvider dictionaries,
            OutOfLineBuffers externalBuffers, RepDefBuilder repdef, long rowNumber, long numRows) {
        if (array.getValueCount() == 0) {
            return List.of();
        }
        if (field.dictionary().isEmpty()) {
            ArrowLeaf view = ArrowLeaf.borrow(array, field.storage());
            return queue.insert(view, array, rowNumber, numRows).map(this::task).map(List::of).orElse(List.of());
        }
        DictionaryType type = field.dictionary().get();
        FieldVector values = ArrowDictionaries.values(field.path(), type, dictionaries);
        ArrowLeaf view = ArrowLeaf.borrowKeys(array, type.indexStorage(), values, type.valueStorage());
        ArrowDictionaries.checkKeys(field.path(), type, view);
        return queue.insert(view, array, values, rowNumber, numRows).stream().map(this::task).toList();
    }

    @Override
    public List<EncodeTask> flush(OutOfLineBuffers externalBuffers) {
        return queue.flush().map(this::task).map(List::of).orElse(List.of());
    }

    private EncodeTask task(PendingPage page) {
        return new EncodeTask() {
            @Override
            public EncodedPage call() {
                try (page) {
                    return pageEncoder.encode(page);
                }
            }

            @Override
            public void discard() {
                page.close();
            }
        };
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
