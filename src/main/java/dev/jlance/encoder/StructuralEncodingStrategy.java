package dev.jlance.encoder;

import dev.jlance.FormatVersion;
import dev.jlance.UnsupportedTypeException;
import dev.jlance.compression.CompressionStrategy;
import dev.jlance.schema.LanceField;
import dev.jlance.schema.LanceSchema;
import dev.jlance.schema.PackedStructType;
import dev.jlance.schema.PhysicalType;
import java.util.ArrayList;
import java.util.List;

/**
 * The 2.1+ strategy: every leaf field (packed structs included) gets a
 * {@link PrimitiveStructuralEncoder}, blob fields a {@link BlobStructuralEncoder} and structs
 * without children an {@link EmptyStructEncoder}; structs and lists fold their structure into their
 * leaves' levels through a {@link NestedFieldEncoder}.
 */
public final class StructuralEncodingStrategy implements FieldEncodingStrategy {

    private final CompressionStrategy compression;
    private final FormatVersion version;

    public StructuralEncodingStrategy(FormatVersion version, CompressionStrategy compression) {
        if (version == FormatVersion.V2_0) {
            throw new IllegalArgumentException("the structural encoding strategy needs format 2.1 or later");
        }
        this.version = version;
        this.compression = java.util.Objects.requireNonNull(compression, "compression");
    }

    public FormatVersion version() {
        return version;
    }

    @Override
    public FieldEncoder createFieldEncoder(FieldEncodingStrategy root, LanceField field, ColumnIndexSequence columnIndex,
            EncodingOptions options) {
        return create(field, field, columnIndex, options);
    }

    private FieldEncoder create(LanceField field, LanceField topLevel, ColumnIndexSequence columnIndex,
            EncodingOptions options) {
        if (field.encodingParams().blob()) {
            // official Lance looks at the blob key before anything else
            BlobStructuralEncoder.checkSupported(field);
            return new BlobStructuralEncoder(field, columnIndex.nextColumnIndex(field.id()), options, version);
        }
        if (!field.isLeafColumn()) {
            if (field.storage().kind() == PhysicalType.Kind.LIST) {
                refuseUnderList(field, field.children().getFirst());
            }
            List<FieldEncoder> children = new ArrayList<>();
            try {
                for (LanceField child : field.children()) {
                    children.add(create(child, topLevel, columnIndex, options));
                }
            } catch (RuntimeException e) {
                children.forEach(FieldEncoder::close);
                throw e;
            }
            return new NestedFieldEncoder(field, children);
        }
        if (isEmptyStruct(field)) {
            return new EmptyStructEncoder(field, columnIndex.nextColumnIndex(field.id()));
        }
        compression.checkSupported(field);
        if (PackedStructType.isPacked(field)) {
            PackedStructType.checkLayout(field, topLevel.encodingParams().structuralEncoding());
        }
        return new PrimitiveStructuralEncoder(field, topLevel, columnIndex.nextColumnIndex(field.id()), options,
                compression, version);
    }

    /**
     * Official Lance 7.0.0 gives a struct without children a column when it writes, but none when
     * its reader numbers the columns, so it reads every column after one from the wrong place (and
     * returns wrong values without a word). Such structs are therefore written only after all other
     * columns, where they read back.
     */
    @Override
    public void checkSchema(LanceSchema schema) {
        LanceField empty = null;
        LanceField packed = null;
        for (LanceField column : schema.leafColumns()) {
            if (packed != null) {
                throw new UnsupportedTypeException(packed.path(), packed.arrow().getType().toString(),
                        "a packed struct must be the last column, but '" + column.path() + "' follows it (official"
                                + " Lance 7.0.0's reader counts a packed struct's children as columns and fails to"
                                + " read any column after it); move it to the end of the schema");
            }
            if (column.storage().kind() == PhysicalType.Kind.STRUCT && column.encodingParams().packed()) {
                packed = column;
            }
            if (isEmptyStruct(column)) {
                empty = empty == null ? column : empty;
            } else if (empty != null) {
                throw new UnsupportedTypeException(empty.path(), empty.arrow().getType().toString(),
                        "a struct without children must come after all other columns, but '" + column.path()
                                + "' follows it (official Lance 7.0.0 writes it a column that its reader does not"
                                + " count, so that reader would return the columns after it from the wrong place);"
                                + " move it to the end of the schema or give it a child");
            }
        }
    }

    private static boolean isEmptyStruct(LanceField field) {
        return field.storage().kind() == PhysicalType.Kind.STRUCT && field.children().isEmpty()
                && !field.encodingParams().packed();
    }

    /**
     * Fields official Lance 7.0.0 cannot store under a list in format 2.1, refused when the writer
     * opens: blobs (its reader fails on the file) and structs without children (its writer
     * refuses them).
     */
    private static void refuseUnderList(LanceField list, LanceField field) {
        String type = field.arrow().getType().toString();
        if (field.encodingParams().blob()) {
            throw new UnsupportedTypeException(field.path(), type, "blob fields cannot be stored under list '"
                    + list.path() + "' (official Lance 7.0.0 writes such files but cannot read them back)");
        }
        if (field.storage().kind() == PhysicalType.Kind.STRUCT && field.children().isEmpty()) {
            throw new UnsupportedTypeException(field.path(), type, "a struct without children cannot be stored under"
                    + " list '" + list.path() + "' (official Lance 7.0.0 refuses it)");
        }
        if (!field.isLeafColumn()) {
            for (LanceField child : field.children()) {
                refuseUnderList(list, child);
            }
        }
    }
}
