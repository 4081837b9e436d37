package dev.jlance.encoder;

import dev.jlance.FormatVersion;
import dev.jlance.compression.CompressionStrategy;
import dev.jlance.schema.LanceField;
import dev.jlance.schema.PhysicalType;
import java.util.ArrayList;
import java.util.List;

/**
 * The 2.1+ strategy: every leaf field gets a {@link PrimitiveStructuralEncoder}; structs and lists
 * (coming with nested types) fold their structure into their leaves' levels.
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
        if (!field.isLeafColumn()) {
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
        if (field.storage().kind() == PhysicalType.Kind.STRUCT) {
            throw new UnsupportedOperationException("field '" + field.path()
                    + "': structs without children are not supported yet");
        }
        compression.checkSupported(field);
        return new PrimitiveStructuralEncoder(field, topLevel, columnIndex.nextColumnIndex(field.id()), options,
                compression, version);
    }
}
