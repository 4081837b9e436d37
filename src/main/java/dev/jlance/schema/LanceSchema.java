package dev.jlance.schema;

import dev.jlance.UnsupportedTypeException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An Arrow schema checked and described the way a Lance file records it: fields in pre-order with
 * ids from 0, logical type strings, parsed encoding metadata.
 *
 * @param arrow the Arrow schema
 * @param fields top-level fields
 * @param metadata schema-level metadata
 */
public record LanceSchema(Schema arrow, List<LanceField> fields, Map<String, String> metadata) {

    public LanceSchema {
        fields = List.copyOf(fields);
        metadata = Map.copyOf(metadata);
    }

    /**
     * Checks and describes {@code schema}.
     *
     * @throws UnsupportedTypeException for a field jlance cannot write, naming it and its type
     * @throws IllegalArgumentException for an invalid schema (duplicate or dotted top-level names,
     *     bad encoding metadata)
     */
    public static LanceSchema of(Schema schema) {
        List<LanceField> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int[] nextId = {0};
        for (Field f : schema.getFields()) {
            if (f.getName().contains(".")) {
                throw new IllegalArgumentException("top-level field '" + f.getName()
                        + "' cannot contain '.' (Lance uses dots for nested paths; use a struct field)");
            }
            if (!seen.add(f.getName())) {
                throw new IllegalArgumentException("duplicate top-level field name '" + f.getName() + "'");
            }
            out.add(describe(f, f.getName(), -1, nextId));
        }
        Map<String, String> meta = schema.getCustomMetadata() == null ? Map.of() : schema.getCustomMetadata();
        return new LanceSchema(schema, out, meta);
    }

    /** Every field in pre-order (a field, then its children). */
    public List<LanceField> preOrder() {
        List<LanceField> all = new ArrayList<>();
        for (LanceField f : fields) {
            addPreOrder(f, all);
        }
        return all;
    }

    private static void addPreOrder(LanceField f, List<LanceField> into) {
        into.add(f);
        for (LanceField c : f.children()) {
            addPreOrder(c, into);
        }
    }

    private static LanceField describe(Field f, String path, int parentId, int[] nextId) {
        if (f.getDictionary() != null) {
            throw new UnsupportedTypeException(path, "dictionary<" + f.getType() + ">",
                    "dictionary-encoded Arrow input is not supported yet");
        }
        int id = nextId[0]++;
        ArrowType type = f.getType();
        PhysicalType storage = LogicalTypes.physicalType(path, type);
        String logical = LogicalTypes.logicalType(path, type);
        return new LanceField(f, path, id, parentId, logical, storage, List.of(),
                FieldEncodingParams.parse(path, f.getMetadata()));
    }
}
