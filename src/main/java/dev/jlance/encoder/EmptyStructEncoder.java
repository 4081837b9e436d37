package dev.jlance.encoder;

import dev.jlance.encoder.layout.AllNullLayoutWriter;
import dev.jlance.encoder.layout.PageBuffers;
import dev.jlance.repdef.NestingPath;
import dev.jlance.schema.LanceField;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.NonNullableStructVector;
import org.apache.arrow.vector.dictionary.DictionaryProvider;

/**
 * A struct without children: one column, as official Lance stores it, whose only page is a simple
 * all-null page of all the rows (its reader never looks at it and returns an empty struct per row).
 *
 * <p>Official Lance 7.0.0 refuses the write when the struct, or a struct above it, has a null
 * (it has no levels to store them), and so does this encoder, naming the field. Under a list it is
 * refused when the writer opens.
 */
public final class EmptyStructEncoder implements FieldEncoder {

    private final LanceField field;
    private final int columnIndex;
    private long firstRow = -1;
    private long rows;

    public EmptyStructEncoder(LanceField field, int columnIndex) {
        this.field = field;
        this.columnIndex = columnIndex;
    }

    @Override
    public List<EncodeTask> maybeEncode(FieldVector array, DictionaryProvider dictionaries,
            OutOfLineBuffers externalBuffers, NestingPath path, long rowNumber, long numRows) {
        if (!(array instanceof NonNullableStructVector)) {
            throw new IllegalArgumentException("field '" + field.path() + "' expects a struct vector, got "
                    + array.getClass().getSimpleName());
        }
        if (array.getNullCount() > 0) {
            throw new IllegalArgumentException("struct '" + field.path() + "' has no children and " + array.getNullCount()
                    + " nulls in this batch: format 2.1 cannot store nulls of a struct without children (official"
                    + " Lance 7.0.0 refuses them too); give the struct a child, or write no null there");
        }
        for (NestingPath.Layer layer : path.layers()) {
            switch (layer) {
                case NestingPath.StructLayer s when s.vector().getNullCount() > 0 -> throw new IllegalArgumentException(
                        "struct '" + field.path() + "' has no children and sits in struct '" + s.vector().getName()
                                + "', which has nulls in this batch: format 2.1 cannot store them for a struct without"
                                + " children (official Lance 7.0.0 refuses them too)");
                case NestingPath.ListLayer l -> throw new IllegalStateException("struct '" + field.path()
                        + "' has no children and cannot be stored under a list");
                default -> {
                }
            }
        }
        if (numRows > 0 && firstRow < 0) {
            firstRow = rowNumber;
        }
        rows += numRows;
        return List.of();
    }

    @Override
    public List<EncodeTask> flush(OutOfLineBuffers externalBuffers) {
        if (rows == 0) {
            return List.of();
        }
        long pageRows = rows;
        long pageFirstRow = firstRow;
        rows = 0;
        firstRow = -1;
        return List.of(new EncodeTask() {
            @Override
            public EncodedPage call() {
                PageBuffers page = AllNullLayoutWriter.simple();
                return new EncodedPage(page.buffers(), page.layout(), pageRows, pageFirstRow, columnIndex,
                        page.layoutName(), page.encodingName(), () -> { });
            }

            @Override
            public void discard() {
            }

            @Override
            public long inputBytes() {
                return 0;
            }
        });
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
        rows = 0;
        firstRow = -1;
    }
}
