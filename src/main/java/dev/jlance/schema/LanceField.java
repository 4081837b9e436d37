package dev.jlance.schema;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * A field as Lance describes it: the Arrow field plus the id, parent id and logical type string the
 * file's schema descriptor records.
 *
 * @param arrow the Arrow field it came from
 * @param path dotted path from the top level, for messages
 * @param id field id (pre-order from 0)
 * @param parentId the parent's id, -1 at the top level
 * @param logicalType Lance's logical type string, e.g. {@code "timestamp:us:UTC"}
 * @param storage how the batches' vectors are laid out physically (fixed width, variable width, ...);
 *     for a dictionary-encoded field, its keys
 * @param children child fields (structs and lists), pre-order after this one
 * @param encodingParams the {@code lance-encoding:*} metadata, parsed once
 * @param dictionary the dictionary of an Arrow dictionary-encoded field, else empty
 */
public record LanceField(Field arrow, String path, int id, int parentId, String logicalType, PhysicalType storage,
        List<LanceField> children, FieldEncodingParams encodingParams, Optional<DictionaryType> dictionary) {

    /** Official Lance's legacy {@code Field.encoding} value for dictionary-encoded fields. */
    public static final int LEGACY_DICTIONARY_ENCODING = 3;

    public LanceField {
        children = List.copyOf(children);
        java.util.Objects.requireNonNull(dictionary, "dictionary");
    }

    /** A field that is not dictionary-encoded. */
    public LanceField(Field arrow, String path, int id, int parentId, String logicalType, PhysicalType storage,
            List<LanceField> children, FieldEncodingParams encodingParams) {
        this(arrow, path, id, parentId, logicalType, storage, children, encodingParams, Optional.empty());
    }

    /** The legacy {@code Field.encoding} value official Lance records (NOTES §2). */
    public int legacyEncoding() {
        return dictionary.isPresent() ? LEGACY_DICTIONARY_ENCODING : storage.legacyEncoding();
    }

    /**
     * Whether this field is written as one column of its own: fields without children, and packed
     * structs (whose children are stored together in the struct's column).
     */
    public boolean isLeafColumn() {
        return children.isEmpty() || (storage.kind() == PhysicalType.Kind.STRUCT && encodingParams.packed());
    }

    public String name() {
        return arrow.getName();
    }

    public boolean nullable() {
        return arrow.isNullable();
    }

    public Map<String, String> metadata() {
        Map<String, String> m = arrow.getMetadata();
        return m == null ? Map.of() : m;
    }
}
