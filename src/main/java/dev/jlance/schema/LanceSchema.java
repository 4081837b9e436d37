package dev.jlance.schema;

import dev.jlance.UnsupportedTypeException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
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
     * Checks and describes {@code schema}, which has no dictionary-encoded fields.
     *
     * @throws UnsupportedTypeException for a field jlance cannot write, naming it and its type
     * @throws IllegalArgumentException for an invalid schema (duplicate or dotted top-level names,
     *     bad encoding metadata, a dictionary-encoded field)
     */
    public static LanceSchema of(Schema schema) {
        return of(schema, null);
    }

    /**
     * Checks and describes {@code schema}; the value types of its dictionary-encoded fields are
     * taken from {@code dictionaries}.
     *
     * @param dictionaries holds a dictionary for every dictionary-encoded field; may be null when
     *     there is none
     * @throws UnsupportedTypeException for a field jlance cannot write, naming it and its type
     * @throws IllegalArgumentException for an invalid schema (duplicate or dotted top-level names,
     *     bad encoding metadata, a dictionary-encoded field whose dictionary is missing)
     */
    public static LanceSchema of(Schema schema, DictionaryProvider dictionaries) {
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
            out.add(describe(f, f.getName(), -1, nextId, dictionaries));
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

    /**
     * The fields written as columns, in column order: leaves in pre-order, a packed struct standing
     * for its children.
     */
    public List<LanceField> leafColumns() {
        List<LanceField> leaves = new ArrayList<>();
        for (LanceField f : fields) {
            addLeafColumns(f, leaves);
        }
        return leaves;
    }

    private static void addLeafColumns(LanceField f, List<LanceField> into) {
        if (f.isLeafColumn()) {
            into.add(f);
            return;
        }
        for (LanceField c : f.children()) {
            addLeafColumns(c, into);
        }
    }

    private static void addPreOrder(LanceField f, List<LanceField> into) {
        into.add(f);
        for (LanceField c : f.children()) {
            addPreOrder(c, into);
        }
    }

    private static LanceField describe(Field f, String path, int parentId, int[] nextId,
            DictionaryProvider dictionaries) {
        if (f.getDictionary() != null) {
            return describeDictionary(f, path, parentId, nextId[0]++, dictionaries);
        }
        int id = nextId[0]++;
        ArrowType type = f.getType();
        if (type instanceof ArrowType.FixedSizeList) {
            // a leaf in Lance: no child field, the items are described by the logical type
            FixedSizeListTypes.Described fsl = FixedSizeListTypes.describe(path, f);
            return new LanceField(f, path, id, parentId, fsl.logicalType(), fsl.storage(), List.of(),
                    FieldEncodingParams.parse(path, f.getMetadata()));
        }
        PhysicalType storage = LogicalTypes.physicalType(path, type);
        if (LogicalTypes.isNested(type)) {
            return describeNested(f, path, id, parentId, nextId, dictionaries, storage);
        }
        String logical = LogicalTypes.logicalType(path, type);
        return new LanceField(f, path, id, parentId, logical, storage, List.of(),
                FieldEncodingParams.parse(path, f.getMetadata()));
    }

    private static LanceField describeNested(Field f, String path, int id, int parentId, int[] nextId,
            DictionaryProvider dictionaries, PhysicalType storage) {
        ArrowType type = f.getType();
        List<Field> arrowChildren = f.getChildren();
        if (storage.kind() == PhysicalType.Kind.LIST && arrowChildren.size() != 1) {
            throw new IllegalArgumentException("list field '" + path + "' must have exactly one child field, has "
                    + arrowChildren.size());
        }
        Set<String> names = new HashSet<>();
        List<LanceField> children = new ArrayList<>();
        for (Field c : arrowChildren) {
            if (!names.add(c.getName())) {
                throw new IllegalArgumentException("struct field '" + path + "' has two children named '" + c.getName()
                        + "'");
            }
            children.add(describe(c, path + "." + c.getName(), id, nextId, dictionaries));
        }
        ArrowType childType = arrowChildren.isEmpty() ? null : arrowChildren.getFirst().getType();
        String logical = LogicalTypes.nestedLogicalType(path, type, childType);
        return new LanceField(f, path, id, parentId, logical, storage, children,
                FieldEncodingParams.parse(path, f.getMetadata()));
    }

    private static LanceField describeDictionary(Field f, String path, int parentId, int id,
            DictionaryProvider dictionaries) {
        DictionaryEncoding encoding = f.getDictionary();
        ArrowType.Int indexType = encoding.getIndexType();
        if (!f.getType().equals(indexType)) {
            // Arrow Java's message form (value type + encoding) would make value vectors, not keys.
            throw new IllegalArgumentException("dictionary-encoded field '" + path + "' has type " + f.getType()
                    + " but index type " + indexType + ": give dictionary-encoded fields their index type, as"
                    + " Arrow Java does for the vectors that hold the keys");
        }
        Dictionary dictionary = dictionaries == null ? null : dictionaries.lookup(encoding.getId());
        if (dictionary == null) {
            throw new IllegalArgumentException("field '" + path + "' is dictionary-encoded (dictionary id "
                    + encoding.getId() + ") but " + (dictionaries == null ? "no DictionaryProvider was given"
                    : "the DictionaryProvider has no dictionary with that id")
                    + ": the writer needs it when it opens, to learn the type of the values");
        }
        Field valueField = dictionary.getVector().getField();
        DictionaryType type = LogicalTypes.dictionaryType(path, encoding.getId(), indexType, valueField);
        return new LanceField(f, path, id, parentId, LogicalTypes.dictionaryLogicalType(path, type),
                type.indexStorage(), List.of(), FieldEncodingParams.parse(path, f.getMetadata()), Optional.of(type));
    }
}
