package dev.jlance.conformance.nested;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** Fields of a schema addressed by index paths ({@code 0.2.1}): look-up, replacement, removal, printing. */
final class SchemaPaths {

    private SchemaPaths() {
    }

    static int[] parse(String path) {
        return Arrays.stream(path.split("\\.")).mapToInt(Integer::parseInt).toArray();
    }

    static String format(int[] path) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.length; i++) {
            sb.append(i == 0 ? "" : ".").append(path[i]);
        }
        return sb.toString();
    }

    static Field at(Schema schema, int[] path) {
        Field f = schema.getFields().get(path[0]);
        for (int i = 1; i < path.length; i++) {
            f = f.getChildren().get(path[i]);
        }
        return f;
    }

    /** {@code schema} with the field at {@code path} replaced by {@code change.apply(field)}. */
    static Schema replace(Schema schema, int[] path, UnaryOperator<Field> change) {
        List<Field> top = new ArrayList<>(schema.getFields());
        top.set(path[0], replaceIn(top.get(path[0]), path, 1, change));
        return new Schema(top, schema.getCustomMetadata());
    }

    private static Field replaceIn(Field f, int[] path, int depth, UnaryOperator<Field> change) {
        if (depth == path.length) {
            return change.apply(f);
        }
        List<Field> children = new ArrayList<>(f.getChildren());
        children.set(path[depth], replaceIn(children.get(path[depth]), path, depth + 1, change));
        return withChildren(f, children);
    }

    /** {@code schema} without the field at {@code path} (a top-level field or a struct child). */
    static Schema drop(Schema schema, int[] path) {
        if (path.length == 1) {
            List<Field> top = new ArrayList<>(schema.getFields());
            top.remove(path[0]);
            return new Schema(top, schema.getCustomMetadata());
        }
        int[] parent = Arrays.copyOf(path, path.length - 1);
        int child = path[path.length - 1];
        return replace(schema, parent, p -> {
            if (!(p.getType() instanceof ArrowType.Struct)) {
                throw new IllegalArgumentException("only struct children can be dropped, not a child of " + p);
            }
            List<Field> children = new ArrayList<>(p.getChildren());
            children.remove(child);
            return withChildren(p, children);
        });
    }

    /** {@code schema} with the field at {@code path} replaced by its child {@code k}, under the field's name. */
    static Schema unwrap(Schema schema, int[] path, int k) {
        return replace(schema, path, f -> {
            Field c = f.getChildren().get(k);
            return new Field(f.getName(), c.getFieldType(), c.getChildren());
        });
    }

    static Field withChildren(Field f, List<Field> children) {
        return new Field(f.getName(), f.getFieldType(), children);
    }

    /** Every index path of the schema, pre-order. */
    static List<int[]> allPaths(Schema schema) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < schema.getFields().size(); i++) {
            collect(schema.getFields().get(i), new int[] {i}, out);
        }
        return out;
    }

    private static void collect(Field f, int[] path, List<int[]> out) {
        out.add(path);
        for (int i = 0; i < f.getChildren().size(); i++) {
            int[] p = Arrays.copyOf(path, path.length + 1);
            p[path.length] = i;
            collect(f.getChildren().get(i), p, out);
        }
    }

    /** Appends an indented tree line per field: index path, name, type, nullability, metadata, dictionary. */
    static void describe(Field f, String path, String indent, StringBuilder sb) {
        sb.append('\n').append(indent).append('[').append(path).append("] '").append(f.getName()).append("': ")
                .append(typeName(f.getType())).append(f.isNullable() ? "" : " not null");
        if (f.getDictionary() != null) {
            sb.append(" dictionary(id ").append(f.getDictionary().getId()).append(", keys ")
                    .append(f.getDictionary().getIndexType()).append(')');
        }
        Map<String, String> md = f.getMetadata();
        if (md != null && !md.isEmpty()) {
            sb.append(' ').append(new TreeMap<>(md));
        }
        for (int i = 0; i < f.getChildren().size(); i++) {
            describe(f.getChildren().get(i), path + "." + i, indent + "  ", sb);
        }
    }

    static String typeName(ArrowType t) {
        return switch (t) {
            case ArrowType.Struct s -> "struct";
            case ArrowType.List l -> "list";
            case ArrowType.LargeList l -> "large_list";
            case ArrowType.FixedSizeList l -> "fixed_size_list(" + l.getListSize() + ")";
            default -> t.toString();
        };
    }

    /** A field like {@code f} but with another {@link FieldType} nullability. */
    static Field withNullable(Field f, boolean nullable) {
        return new Field(f.getName(), new FieldType(nullable, f.getType(), f.getDictionary(), f.getMetadata()),
                f.getChildren());
    }
}
