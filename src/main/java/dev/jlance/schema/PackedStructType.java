package dev.jlance.schema;

import dev.jlance.UnsupportedTypeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * A packed struct ({@code lance-encoding:packed=true}) as format 2.1 stores it: one column whose
 * value is a row's children side by side, child 0's bytes first. Official Lance 7.0.0 writes (and
 * reads back) only what {@link #of} accepts; everything else fails there, naming the field.
 *
 * @param path the struct's path
 * @param childBits bits of each child's value, in child order
 */
public record PackedStructType(String path, List<Integer> childBits) {

    /** Rows at least this long go to full-zip pages, which official Lance cannot write for packed structs. */
    public static final int MINIBLOCK_MAX_BYTES_PER_ROW = 256;

    /** Mini-block chunks of flat values aim below this many bytes (FlatCodec's target, Lance's 8 KiB less the header). */
    private static final long MINIBLOCK_CHUNK_TARGET_BYTES = 8 * 1024 - 6;

    public PackedStructType {
        childBits = List.copyOf(childBits);
    }

    /** Whether {@code field} is a struct stored packed. */
    public static boolean isPacked(LanceField field) {
        return field.storage().kind() == PhysicalType.Kind.STRUCT && field.encodingParams().packed();
    }

    /**
     * Checks that {@code field} is a packed struct official Lance 7.0.0 can write in format 2.1 and
     * read back, and describes it. Probed against 7.0.0: children must be fixed-width values of
     * whole bytes (integers, floats, decimals, dates, times, timestamps, durations, fixed-size
     * binary). Booleans are written but its reader panics on them; nested structs, fixed-size
     * lists, strings and binaries need the variable packed-struct encoding of format 2.2; a Null
     * child makes its writer panic; a struct without children reads back as nulls. (Row widths
     * are checked against the page layout by {@link #checkLayout}.)
     *
     * @throws UnsupportedTypeException naming the struct (and the child at fault)
     */
    public static PackedStructType of(LanceField field) {
        String type = field.arrow().getType().toString();
        if (!isPacked(field)) {
            throw new IllegalArgumentException("field '" + field.path() + "' is not a packed struct");
        }
        if (field.children().isEmpty()) {
            throw new UnsupportedTypeException(field.path(), type, "a packed struct needs at least one child"
                    + " (official Lance 7.0.0 reads a packed struct without children back as nulls);"
                    + " drop " + FieldEncodingParams.PACKED + " to store an empty struct");
        }
        List<Integer> bits = new ArrayList<>();
        for (LanceField child : field.children()) {
            String why = unsupportedChild(child);
            if (why != null) {
                throw new UnsupportedTypeException(field.path(), type, "child '" + child.name() + "' ("
                        + child.arrow().getType() + ") cannot be packed: " + why);
            }
            bits.add(child.storage().bitsPerValue());
        }
        return new PackedStructType(field.path(), bits);
    }

    /**
     * Checks the layout a packed struct's pages would get: official Lance 7.0.0 writes packed
     * structs in mini-block pages only (rows under 256 bytes, or any row when the top-level field
     * forces {@code lance-encoding:structural-encoding=miniblock}, up to the chunk limit).
     *
     * @param forcedLayout the layout the top-level field asks for (official Lance reads it there
     *     for every leaf below)
     * @throws UnsupportedTypeException naming the struct
     */
    public static void checkLayout(LanceField field, Optional<FieldEncodingParams.StructuralEncoding> forcedLayout) {
        String type = field.arrow().getType().toString();
        long rowBytes = of(field).bytesPerRow();
        if (forcedLayout.isPresent() && forcedLayout.get() == FieldEncodingParams.StructuralEncoding.FULLZIP) {
            throw new UnsupportedTypeException(field.path(), type, FieldEncodingParams.STRUCTURAL_ENCODING
                    + "=fullzip: official Lance 7.0.0 cannot write packed structs in full-zip pages in format 2.1");
        }
        if (rowBytes >= MINIBLOCK_MAX_BYTES_PER_ROW && forcedLayout.isEmpty()) {
            throw new UnsupportedTypeException(field.path(), type, "its rows are " + rowBytes
                    + " bytes, which would go to a full-zip page, and official Lance 7.0.0 cannot write packed"
                    + " structs there in format 2.1; add " + FieldEncodingParams.STRUCTURAL_ENCODING
                    + "=miniblock (to the top-level field) to keep them in mini-blocks");
        }
        if (2 * rowBytes >= MINIBLOCK_CHUNK_TARGET_BYTES) {
            throw new UnsupportedTypeException(field.path(), type, "its rows are " + rowBytes
                    + " bytes, too wide for mini-block chunks, which start at two rows under "
                    + MINIBLOCK_CHUNK_TARGET_BYTES + " bytes (official Lance 7.0.0 panics); pack fewer or narrower"
                    + " children");
        }
    }

    private static String unsupportedChild(LanceField child) {
        if (child.dictionary().isPresent()) {
            return "dictionary-encoded values are not fixed-width";
        }
        if (!child.children().isEmpty() || child.encodingParams().blob()) {
            return "only fixed-width values can be packed in format 2.1 (official Lance 7.0.0 needs format 2.2"
                    + " for nested children)";
        }
        return switch (child.arrow().getType()) {
            case ArrowType.Int i -> null;
            case ArrowType.FloatingPoint f -> null;
            case ArrowType.Decimal d -> null;
            case ArrowType.Date d -> null;
            case ArrowType.Time t -> null;
            case ArrowType.Timestamp t -> null;
            case ArrowType.Duration d -> null;
            case ArrowType.FixedSizeBinary b -> null;
            case ArrowType.Bool b -> "booleans are bits, not whole bytes (official Lance 7.0.0 writes them but its"
                    + " reader panics)";
            case ArrowType.Null n -> "null columns have no values (official Lance 7.0.0 panics)";
            case ArrowType.Utf8 u -> variableWidth();
            case ArrowType.LargeUtf8 u -> variableWidth();
            case ArrowType.Binary b -> variableWidth();
            case ArrowType.LargeBinary b -> variableWidth();
            default -> "only fixed-width values can be packed in format 2.1";
        };
    }

    private static String variableWidth() {
        return "variable-width values need the variable packed-struct encoding of format 2.2";
    }

    /** Bytes of one packed row. */
    public int bytesPerRow() {
        return childBits.stream().mapToInt(b -> b / 8).sum();
    }

    /** How a packed row is stored: a fixed-width value of all children's bytes. */
    public PhysicalType rowType() {
        return PhysicalType.fixedBytes(bytesPerRow());
    }
}
