package dev.jlance.schema;

import dev.jlance.UnsupportedTypeException;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Fixed-size lists as Lance stores them: one leaf field, without a child field, whose logical type
 * names the item type and the dimension ({@code fixed_size_list:float:384};
 * {@code fixed_size_list:fixed_size_list:float:2:3} for a list of lists;
 * {@code fixed_size_list:lance.bfloat16:d} when the items carry the {@code lance.bfloat16}
 * extension). Official Lance 7.0.0 writes only fixed-size lists of fixed-width values and of
 * booleans readably; everything else is refused here, when the writer opens.
 */
public final class FixedSizeListTypes {

    /** The Arrow extension that marks 2-byte fixed-size binary items as bfloat16 values. */
    public static final String BFLOAT16_EXTENSION = "lance.bfloat16";
    static final String EXTENSION_NAME_KEY = "ARROW:extension:name";

    private FixedSizeListTypes() {
    }

    /** Logical type and storage of a fixed-size list field. */
    public record Described(String logicalType, PhysicalType storage) {
    }

    /**
     * Describes the fixed-size list field {@code f}.
     *
     * @throws UnsupportedTypeException naming the field when official Lance cannot store it
     * @throws IllegalArgumentException when the Arrow field is malformed (not exactly one child)
     */
    public static Described describe(String path, Field f) {
        if (!(f.getType() instanceof ArrowType.FixedSizeList fsl)) {
            throw new IllegalArgumentException("field '" + path + "' is not a fixed-size list: " + f.getType());
        }
        if (f.getChildren().size() != 1) {
            throw new IllegalArgumentException("fixed-size list field '" + path + "' must have exactly one child field, has "
                    + f.getChildren().size());
        }
        String described = describeType(f);
        int dimension = fsl.getListSize();
        if (dimension <= 0) {
            throw new UnsupportedTypeException(path, described, "a fixed-size list needs at least one item per row"
                    + " (official Lance 7.0.0 fails on dimension 0)");
        }
        Field child = f.getChildren().getFirst();
        if (child.getDictionary() != null) {
            throw new UnsupportedTypeException(path, described, "the items of a fixed-size list cannot be"
                    + " dictionary-encoded");
        }
        ArrowType itemType = child.getType();
        String itemLogical;
        PhysicalType item;
        if (itemType instanceof ArrowType.FixedSizeList) {
            try {
                Described inner = describe(path + ".item", child);
                itemLogical = inner.logicalType();
                item = inner.storage();
            } catch (UnsupportedTypeException e) {
                throw new UnsupportedTypeException(path, described, "its items cannot be stored: " + e.reason());
            }
        } else {
            if (itemType instanceof ArrowType.Null) {
                throw new UnsupportedTypeException(path, described, "official Lance 7.0.0 writes fixed-size lists of"
                        + " nulls so that its own reader cannot read them back");
            }
            try {
                item = LogicalTypes.physicalType(path, itemType);
            } catch (UnsupportedTypeException e) {
                throw new UnsupportedTypeException(path, described, "its items cannot be stored: " + e.reason());
            }
            if (item.kind() != PhysicalType.Kind.FIXED && item.kind() != PhysicalType.Kind.BOOLEAN) {
                throw new UnsupportedTypeException(path, described, "Lance stores fixed-size lists of fixed-width"
                        + " values and booleans only (official Lance 7.0.0 aborts on one of " + itemType
                        + " items); use a list instead");
            }
            try {
                itemLogical = LogicalTypes.logicalType(path, itemType);
            } catch (UnsupportedTypeException e) {
                throw new UnsupportedTypeException(path, described, "its items cannot be stored: " + e.reason());
            }
            if (isBfloat16(child)) {
                itemLogical = BFLOAT16_EXTENSION;
            }
        }
        PhysicalType storage;
        try {
            storage = PhysicalType.fixedSizeList(dimension, item);
        } catch (ArithmeticException e) {
            throw new UnsupportedTypeException(path, described, "a row of " + dimension + " items of " + item.bitsPerValue()
                    + " bits each is too wide for a Lance page");
        }
        return new Described("fixed_size_list:" + itemLogical + ":" + dimension, storage);
    }

    /**
     * Whether {@code child} holds bfloat16 values: 2-byte fixed-size binary marked with the
     * {@value #BFLOAT16_EXTENSION} extension, as official Lance recognises them.
     */
    static boolean isBfloat16(Field child) {
        Map<String, String> md = child.getMetadata();
        return child.getType() instanceof ArrowType.FixedSizeBinary b && b.getByteWidth() == 2 && md != null
                && BFLOAT16_EXTENSION.equals(md.get(EXTENSION_NAME_KEY));
    }

    /** {@code FixedSizeList(3)<FloatingPoint(SINGLE)>}, for messages. */
    private static String describeType(Field f) {
        StringBuilder sb = new StringBuilder(f.getType().toString());
        Field c = f.getChildren().getFirst();
        sb.append('<').append(c.getType() instanceof ArrowType.FixedSizeList && c.getChildren().size() == 1
                ? describeType(c) : c.getType().toString()).append('>');
        return sb.toString();
    }
}
