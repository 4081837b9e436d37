package dev.jlance.encoder;

import dev.jlance.FormatVersion;
import dev.jlance.UnsupportedTypeException;
import dev.jlance.compression.CompressionStrategy;
import dev.jlance.schema.LanceField;
import dev.jlance.schema.PhysicalType;
import java.util.ArrayList;
import java.util.List;

/**
 * The 2.1+ strategy: every leaf field (packed structs included) gets a
 * {@link PrimitiveStructuralEncoder} and blob fields a {@link BlobStructuralEncoder}; structs and
 * lists fold their structure into their leaves' levels through a {@link NestedFieldEncoder}.
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
        if (field.encodingParams().blob()) {
            // official Lance looks at the blob key before anything else
            BlobStructuralEncoder.checkSupported(field);
            return new BlobStructuralEncoder(field, columnIndex.nextColumnIndex(field.id()), options, compression);
        }
        if (!field.isLeafColumn()) {
            if (field.storage().kind() == PhysicalType.Kind.LIST) {
                refuseUnderList(field, field.children().getFirst());
            }
            List<FieldEncoder> children = new ArrayList<>();
            try {
                for (LanceField child : field.children()) {
                    children.add(root.createFieldEncoder(root, child, columnIndex, options));
                }
            } catch (RuntimeException e) {
                children.forEach(FieldEncoder::close);
                throw e;
            }
            return new NestedFieldEncoder(field, children);
        }
        if (field.storage().kind() == PhysicalType.Kind.STRUCT && field.children().isEmpty()
                && !field.encodingParams().packed()) {
            throw new UnsupportedOperationException("field '" + field.path()
                    + "': structs without children are not supported yet");
        }
        compression.checkSupported(field);
        return new PrimitiveStructuralEncoder(field, columnIndex.nextColumnIndex(field.id()), options, compression,
                version);
    }

    /**
     * Fields official Lance 7.0.0 cannot store under a list in format 2.1, refused when the writer
     * opens: blobs (its reader fails on the file).
     */
    private static void refuseUnderList(LanceField list, LanceField field) {
        String type = field.arrow().getType().toString();
        if (field.encodingParams().blob()) {
            throw new UnsupportedTypeException(field.path(), type, "blob fields cannot be stored under list '"
                    + list.path() + "' (official Lance 7.0.0 writes such files but cannot read them back)");
        }
        if (!field.isLeafColumn()) {
            for (LanceField child : field.children()) {
                refuseUnderList(list, child);
            }
        }
    }
}
