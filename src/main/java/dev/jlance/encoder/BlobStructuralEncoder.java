package dev.jlance.encoder;

import dev.jlance.FormatVersion;
import dev.jlance.UnsupportedTypeException;
import dev.jlance.arrow.ArrowLeaf;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.Layouts;
import dev.jlance.repdef.LevelShredder;
import dev.jlance.repdef.NestingPath;
import dev.jlance.repdef.ShreddedLevels;
import dev.jlance.schema.FieldEncodingParams;
import dev.jlance.schema.LanceField;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * A blob field ({@code lance-encoding:blob}, NOTES §6.6): each value's bytes go to the file as an
 * out-of-line buffer of its own, before the pages of the batch, and the column stores one
 * description per row, {@code (position, size)}, as a packed struct of two u64 in mini-blocks
 * (see {@link BlobPageEncoder}). An empty value is described as {@code (0, 0)}; a null one as
 * {@code (def << 16 | rep, 0)} once its page knows its definition level.
 *
 * <p>Blobs may sit in structs (whose nulls make the blob null), not under lists: official Lance
 * 7.0.0 cannot read those back.
 */
public final class BlobStructuralEncoder implements FieldEncoder {

    /** Bytes of one description: u64 position, u64 size. */
    static final int DESCRIPTION_BYTES = 16;

    private final LanceField field;
    private final AccumulationQueue queue;
    private final BlobPageEncoder pageEncoder;
    /** Which layers had nulls in the first batch (official Lance gives its final page their kinds). */
    private boolean[] firstBatchNulls;

    public BlobStructuralEncoder(LanceField field, int columnIndex, EncodingOptions options, FormatVersion version) {
        this.field = field;
        this.pageEncoder = new BlobPageEncoder(field, columnIndex, version);
        this.queue = new AccumulationQueue(options.cacheBytesPerColumn(), false,
                "blob descriptions of column " + columnIndex + " (" + field.path() + ")");
    }

    /**
     * Refuses, when the writer opens, blob fields official Lance 7.0.0 cannot write: anything but
     * large_binary (7.0.0 rejects binary at the first batch, "Expected LargeBinary array", and
     * every other type when it opens).
     */
    public static void checkSupported(LanceField field) {
        ArrowType type = field.arrow().getType();
        if (field.dictionary().isPresent() || !(type instanceof ArrowType.LargeBinary)) {
            String what = field.dictionary().isPresent() ? "a dictionary-encoded field" : type.toString();
            String hint = type instanceof ArrowType.Binary ? "; use large_binary (official Lance 7.0.0 refuses binary"
                    + " blobs when it writes them)" : "";
            throw new UnsupportedTypeException(field.path(), field.dictionary().isPresent() ? "Dictionary" : type.toString(),
                    FieldEncodingParams.BLOB + " needs large_binary values, not " + what + hint);
        }
    }

    @Override
    public List<EncodeTask> maybeEncode(FieldVector array, DictionaryProvider dictionaries,
            OutOfLineBuffers externalBuffers, NestingPath path, long rowNumber, long numRows) {
        if (numRows == 0) {
            return List.of();
        }
        if (path.layers().stream().anyMatch(l -> l instanceof NestingPath.ListLayer)) {
            throw new IllegalStateException("blob field '" + field.path() + "' cannot be stored under a list");
        }
        ArrowLeaf values = ArrowLeaf.borrow(array, field.storage());
        int n = Math.toIntExact(numRows);
        if (values.numValues() < n) {
            throw new IllegalArgumentException("blob field '" + field.path() + "' has " + values.numValues()
                    + " values for " + n + " rows");
        }
        // (structs above pass their nulls down: the levels count the blob's layer nullable then)
        ShreddedLevels levels = LevelShredder.shred(path, n, array, values, field.path());
        if (firstBatchNulls == null) {
            firstBatchNulls = levels.hasNull().clone();
        }
        for (int i = 0; i < n; i++) {
            if (levels.code(i) == 0 && values.offset(i + 1) == values.offset(i)) {
                // described as (0, 0), which official Lance 7.0.0's reader fails on ("Expected option
                // to have value"): refuse rather than write a file that cannot be read back
                throw new IllegalArgumentException("blob field '" + field.path() + "' has an empty value at row "
                        + (rowNumber + i) + ": official Lance 7.0.0 cannot read empty blobs back; store null or at"
                        + " least one byte instead");
            }
        }
        MemorySegment descriptions = queue.pageArena().allocate((long) n * DESCRIPTION_BYTES);
        for (int i = 0; i < n; i++) {
            long size = values.offset(i + 1) - values.offset(i);
            long position = 0;
            if (levels.code(i) != 0) {
                size = 0; // null: the page writes its definition level into the position
            } else if (size > 0) {
                position = externalBuffers.addBuffer(new LanceBuffer(values.values().asSlice(values.offset(i), size)));
            }
            descriptions.setAtIndex(Layouts.U64, 2L * i, position);
            descriptions.setAtIndex(Layouts.U64, 2L * i + 1, size);
        }
        ArrowLeaf leaf = new ArrowLeaf(BlobPageEncoder.DESCRIPTION_TYPE, n, 0, null, descriptions, null, List.of());
        return queue.insertOwned(leaf, levels, rowNumber, numRows).map(p -> task(p, null)).stream().toList();
    }

    @Override
    public boolean writesOutOfLine() {
        return true;
    }

    @Override
    public List<EncodeTask> flush(OutOfLineBuffers externalBuffers) {
        return queue.flush().map(p -> task(p, firstBatchNulls)).map(List::of).orElse(List.of());
    }

    private EncodeTask task(PendingPage page, boolean[] alsoNullable) {
        return EncodeTask.of(page, p -> pageEncoder.encode(p, alsoNullable));
    }

    @Override
    public List<EncodedColumn> finish(OutOfLineBuffers externalBuffers) {
        return List.of(EncodedColumn.values());
    }

    @Override
    public int numColumns() {
        return 1;
    }

    @Override
    public void close() {
        queue.close();
    }
}
