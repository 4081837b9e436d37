package dev.jlance.encoder;

import dev.jlance.repdef.NestingPath;
import dev.jlance.schema.LanceField;
import dev.jlance.schema.PhysicalType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.NonNullableStructVector;
import org.apache.arrow.vector.dictionary.DictionaryProvider;

/**
 * The encoder of a struct or list field. It writes no column of its own: it adds its validity (and
 * a list's offsets) to the nesting path and hands each child vector to the child's encoder, so the
 * structure ends up in the leaves' repetition and definition levels.
 */
public final class NestedFieldEncoder implements FieldEncoder {

    private final LanceField field;
    private final List<FieldEncoder> children;

    public NestedFieldEncoder(LanceField field, List<FieldEncoder> children) {
        this.field = field;
        this.children = List.copyOf(children);
    }

    @Override
    public List<EncodeTask> maybeEncode(FieldVector array, DictionaryProvider dictionaries,
            OutOfLineBuffers externalBuffers, NestingPath path, long rowNumber, long numRows) {
        List<EncodeTask> tasks = new ArrayList<>();
        if (field.storage().kind() == PhysicalType.Kind.LIST) {
            FieldVector items = switch (array) {
                case ListVector l -> l.getDataVector();
                case LargeListVector l -> l.getDataVector();
                default -> throw new IllegalArgumentException("field '" + field.path() + "' expects a list vector, got "
                        + array.getClass().getSimpleName());
            };
            NestingPath inner = path.withList(array, field.path());
            try {
                tasks.addAll(children.getFirst().maybeEncode(items, dictionaries, externalBuffers, inner, rowNumber,
                        numRows));
            } finally {
                inner.release(); // the leaves below have queued copies of their levels
            }
            return tasks;
        }
        if (!(array instanceof NonNullableStructVector struct)) {
            throw new IllegalArgumentException("field '" + field.path() + "' expects a struct vector, got "
                    + array.getClass().getSimpleName());
        }
        NestingPath inner = path.withStruct(struct, field.path());
        List<FieldVector> childVectors = struct.getChildrenFromFields();
        if (childVectors.size() != children.size()) {
            throw new IllegalArgumentException("struct '" + field.path() + "' has " + childVectors.size()
                    + " child vectors, its field has " + children.size());
        }
        try {
            for (int i = 0; i < children.size(); i++) {
                tasks.addAll(children.get(i).maybeEncode(childVectors.get(i), dictionaries, externalBuffers, inner,
                        rowNumber, numRows));
            }
        } finally {
            inner.release(); // the leaves below have queued copies of their levels
        }
        return tasks;
    }

    @Override
    public boolean writesOutOfLine() {
        return children.stream().anyMatch(FieldEncoder::writesOutOfLine);
    }

    @Override
    public List<EncodeTask> flush(OutOfLineBuffers externalBuffers) {
        List<EncodeTask> tasks = new ArrayList<>();
        for (FieldEncoder c : children) {
            tasks.addAll(c.flush(externalBuffers));
        }
        return tasks;
    }

    @Override
    public List<EncodedColumn> finish(OutOfLineBuffers externalBuffers) {
        List<EncodedColumn> columns = new ArrayList<>();
        for (FieldEncoder c : children) {
            columns.addAll(c.finish(externalBuffers));
        }
        return columns;
    }

    @Override
    public int numColumns() {
        return children.stream().mapToInt(FieldEncoder::numColumns).sum();
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (FieldEncoder c : children) {
            try {
                c.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
