package dev.jlance.schema;

import java.util.List;
import java.util.Map;
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
 * @param storage how the values are laid out physically (fixed width, variable width, ...)
 * @param children child fields (structs and lists), pre-order after this one
 * @param encodingParams the {@code lance-encoding:*} metadata, parsed once
 */
public record LanceField(Field arrow, String path, int id, int parentId, String logicalType, PhysicalType storage,
        List<LanceField> children, FieldEncodingParams encodingParams) {

    public LanceField {
        children = List.copyOf(children);
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
