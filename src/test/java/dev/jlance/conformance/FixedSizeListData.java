package dev.jlance.conformance;

import dev.jlance.conformance.TestData.Nulls;
import dev.jlance.conformance.TestData.TypeCase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Deterministic fixed-size-list test data: fields of any nesting depth over any fixed-width
 * {@link TypeCase}, and vectors whose rows, middle layers and items follow their own
 * {@link Nulls} pattern. The innermost items come from {@link TestData} (its special values, NaN
 * payloads, garbage under null items), and rows or inner lists that are null keep the items
 * written under them.
 */
final class FixedSizeListData {

    private FixedSizeListData() {
    }

    /**
     * A fixed-size list field: {@code dims} outer first ({@code 3, 2} is {@code fsl<fsl<item, 2>, 3>});
     * every child is named {@code item} and nullable, as the official reader returns it.
     */
    static Field field(String name, boolean nullable, TypeCase item, int... dims) {
        return field(name, nullable, new Field("item", FieldType.nullable(item.type()), null), dims);
    }

    /** A fixed-size list field around the given innermost item field. */
    static Field field(String name, boolean nullable, Field item, int... dims) {
        Field child = item;
        for (int k = dims.length - 1; k >= 1; k--) {
            child = new Field("item", FieldType.nullable(new ArrowType.FixedSizeList(dims[k])), List.of(child));
        }
        return new Field(name, new FieldType(nullable, new ArrowType.FixedSizeList(dims[0]), null), List.of(child));
    }

    /** {@code field} with metadata on the list itself. */
    static Field withMetadata(Field f, Map<String, String> metadata) {
        return new Field(f.getName(), new FieldType(f.isNullable(), f.getType(), null, metadata), f.getChildren());
    }

    /**
     * A vector for {@code field} with {@code rows} rows.
     *
     * @param rowNulls where the rows are null
     * @param layerNulls where the slots of each deeper layer are null, outer first: one pattern per
     *     dimension (the last one for the items); missing patterns mean no nulls
     */
    static FixedSizeListVector vector(BufferAllocator allocator, Field field, TypeCase item, int rows, long seed,
            Nulls rowNulls, Nulls... layerNulls) {
        FixedSizeListVector v = (FixedSizeListVector) field.createVector(allocator);
        try {
            fill(allocator, v, item, rows, seed, rowNulls, layerNulls);
        } catch (RuntimeException e) {
            v.close();
            throw e;
        }
        return v;
    }

    private static void fill(BufferAllocator allocator, FixedSizeListVector v, TypeCase item, int rows, long seed,
            Nulls rowNulls, Nulls[] layerNulls) {
        List<FixedSizeListVector> lists = new ArrayList<>();
        FieldVector current = v;
        while (current instanceof FixedSizeListVector l) {
            lists.add(l);
            current = l.getDataVector();
        }
        v.setInitialCapacity(Math.max(rows, 1));
        v.allocateNew();
        int slots = rows;
        for (FixedSizeListVector l : lists) {
            slots *= l.getListSize();
        }
        FieldVector items = current;
        Nulls itemNulls = layerNulls.length >= lists.size() ? layerNulls[lists.size() - 1] : Nulls.NONE;
        try (FieldVector generated = TestData.vector(allocator, items.getField(), item, slots, seed, itemNulls)) {
            TransferPair transfer = generated.makeTransferPair(items);
            transfer.transfer();
        }
        int layerSlots = rows;
        for (int k = 0; k < lists.size(); k++) {
            Nulls nulls = k == 0 ? rowNulls : layerNulls.length >= k ? layerNulls[k - 1] : Nulls.NONE;
            if (!lists.get(k).getField().isNullable()) {
                nulls = Nulls.NONE;
            }
            SplittableRandom r = new SplittableRandom(seed * 31 + k);
            for (int i = 0; i < layerSlots; i++) {
                if (isNull(nulls, i, layerSlots, r)) {
                    lists.get(k).setNull(i);
                } else {
                    lists.get(k).setNotNull(i);
                }
            }
            layerSlots *= lists.get(k).getListSize();
        }
        v.setValueCount(rows);
    }

    static boolean isNull(Nulls nulls, int i, int n, SplittableRandom r) {
        return switch (nulls) {
            case NONE -> false;
            case RANDOM -> r.nextInt(10) < 3;
            case FIRST -> i < Math.max(1, n / 3);
            case LAST -> i >= n - Math.max(1, n / 3);
            case ALL -> true;
            case ALTERNATE -> (i & 1) == 1;
            case SINGLE_MIDDLE -> i == n / 2;
        };
    }

    /** A one-column root holding {@link #vector}. */
    static VectorSchemaRoot root(BufferAllocator allocator, Field field, TypeCase item, int rows, long seed,
            Nulls rowNulls, Nulls... layerNulls) {
        FixedSizeListVector v = vector(allocator, field, item, rows, seed, rowNulls, layerNulls);
        return new VectorSchemaRoot(new Schema(List.of(field)), List.of(v), rows);
    }

    /** The fixed-width and boolean item types official Lance stores in fixed-size lists. */
    static List<TypeCase> itemTypes() {
        return TestData.flatTypes().stream().filter(t -> switch (t.type()) {
            case ArrowType.Utf8 u -> false;
            case ArrowType.LargeUtf8 u -> false;
            case ArrowType.Binary b -> false;
            case ArrowType.LargeBinary b -> false;
            case ArrowType.Null n -> false;
            default -> true;
        }).toList();
    }
}
