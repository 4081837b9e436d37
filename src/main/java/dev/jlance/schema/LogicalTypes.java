package dev.jlance.schema;

import dev.jlance.UnsupportedTypeException;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/** Maps Arrow types to Lance logical type strings and to their physical storage. */
public final class LogicalTypes {

    private LogicalTypes() {
    }

    /** Lance's logical type string for a flat Arrow type, e.g. {@code "decimal:128:10:2"}. */
    public static String logicalType(String path, ArrowType type) {
        return switch (type) {
            case ArrowType.Null n -> "null";
            case ArrowType.Bool b -> "bool";
            case ArrowType.Int i -> (i.getIsSigned() ? "int" : "uint") + i.getBitWidth();
            case ArrowType.FloatingPoint fp -> switch (fp.getPrecision()) {
                case HALF -> "halffloat";
                case SINGLE -> "float";
                case DOUBLE -> "double";
            };
            case ArrowType.Decimal d -> "decimal:" + d.getBitWidth() + ":" + d.getPrecision() + ":" + d.getScale();
            case ArrowType.Utf8 u -> "string";
            case ArrowType.LargeUtf8 u -> "large_string";
            case ArrowType.Binary b -> "binary";
            case ArrowType.LargeBinary b -> "large_binary";
            case ArrowType.Date d -> switch (d.getUnit()) {
                case DAY -> "date32:day";
                case MILLISECOND -> "date64:ms";
            };
            case ArrowType.Time t -> "time" + t.getBitWidth() + ":" + unit(t.getUnit());
            case ArrowType.Timestamp t -> "timestamp:" + unit(t.getUnit()) + ":" + timeZone(path, t);
            case ArrowType.Duration d -> "duration:" + unit(d.getUnit());
            case ArrowType.FixedSizeBinary b -> "fixed_size_binary:" + b.getByteWidth();
            default -> throw unsupported(path, type);
        };
    }

    /**
     * Lance's logical type string for a struct or list field: {@code struct}, {@code list},
     * {@code large_list}, and {@code list.struct} / {@code large_list.struct} for lists of structs
     * (the reader needs the suffix to rebuild the child).
     */
    public static String nestedLogicalType(String path, ArrowType type, ArrowType childType) {
        String suffix = childType instanceof ArrowType.Struct ? ".struct" : "";
        return switch (type) {
            case ArrowType.Struct s -> "struct";
            case ArrowType.List l -> "list" + suffix;
            case ArrowType.LargeList l -> "large_list" + suffix;
            default -> throw unsupported(path, type);
        };
    }

    /** Whether Lance stores {@code type} as a struct or list layer over child fields. */
    public static boolean isNested(ArrowType type) {
        return type instanceof ArrowType.Struct || type instanceof ArrowType.List || type instanceof ArrowType.LargeList;
    }

    /** How values of a flat Arrow type are stored. */
    public static PhysicalType physicalType(String path, ArrowType type) {
        return switch (type) {
            case ArrowType.Struct s -> PhysicalType.STRUCT;
            case ArrowType.List l -> PhysicalType.list(32);
            case ArrowType.LargeList l -> PhysicalType.list(64);
            case ArrowType.Null n -> PhysicalType.NULL;
            case ArrowType.Bool b -> PhysicalType.BOOLEAN;
            case ArrowType.Int i -> PhysicalType.fixedBytes(i.getBitWidth() / 8);
            case ArrowType.FloatingPoint fp -> PhysicalType.fixedBytes(switch (fp.getPrecision()) {
                case HALF -> 2;
                case SINGLE -> 4;
                case DOUBLE -> 8;
            });
            case ArrowType.Decimal d -> PhysicalType.fixedBytes(d.getBitWidth() / 8);
            case ArrowType.Utf8 u -> PhysicalType.variable(32);
            case ArrowType.Binary b -> PhysicalType.variable(32);
            case ArrowType.LargeUtf8 u -> PhysicalType.variable(64);
            case ArrowType.LargeBinary b -> PhysicalType.variable(64);
            case ArrowType.Date d -> PhysicalType.fixedBytes(d.getUnit() == org.apache.arrow.vector.types.DateUnit.DAY ? 4 : 8);
            case ArrowType.Time t -> PhysicalType.fixedBytes(t.getBitWidth() / 8);
            case ArrowType.Timestamp t -> PhysicalType.fixedBytes(8);
            case ArrowType.Duration d -> PhysicalType.fixedBytes(8);
            case ArrowType.FixedSizeBinary b -> {
                if (b.getByteWidth() <= 0) {
                    throw new UnsupportedTypeException(path, type.toString(), "fixed_size_binary needs a positive width");
                }
                yield PhysicalType.fixedBytes(b.getByteWidth());
            }
            default -> throw unsupported(path, type);
        };
    }

    /**
     * Checks that official Lance can store a dictionary of {@code valueField}'s type under keys of
     * {@code indexType}, and describes it.
     *
     * @throws UnsupportedTypeException naming the field and its dictionary type when it cannot
     */
    public static DictionaryType dictionaryType(String path, long id, ArrowType.Int indexType, Field valueField) {
        ArrowType valueType = valueField.getType();
        String described = "Dictionary(" + indexType + ", " + valueType + ")";
        if (valueField.getDictionary() != null || !valueField.getChildren().isEmpty()) {
            throw new UnsupportedTypeException(path, described,
                    "dictionary values must be a flat type (not nested, not dictionary-encoded themselves)");
        }
        if (valueType instanceof ArrowType.Null) {
            throw new UnsupportedTypeException(path, described,
                    "official Lance cannot write a dictionary of nulls (lance 7.0.0 panics); use a Null field instead");
        }
        String valueLogical;
        PhysicalType storage;
        try {
            valueLogical = logicalType(path, valueType);
            storage = physicalType(path, valueType);
        } catch (UnsupportedTypeException e) {
            throw new UnsupportedTypeException(path, described, "its values cannot be stored: " + e.reason());
        }
        if (valueLogical.contains(":")) {
            throw new UnsupportedTypeException(path, described, "Lance records a dictionary as 'dict:<values>:<keys>:false'"
                    + " and splits it at ':', so values whose own logical type has parameters ('" + valueLogical
                    + "') cannot be described (lance 7.0.0 panics on such a field); write such values without a dictionary,"
                    + " or use integer, float, boolean, string or binary values");
        }
        return new DictionaryType(id, indexType, valueType, storage);
    }

    /** Lance's logical type string of a dictionary-encoded field: {@code dict:<values>:<keys>:false}. */
    public static String dictionaryLogicalType(String path, DictionaryType type) {
        // the last part is Arrow C++'s "ordered" flag, which Lance always writes as false
        return "dict:" + logicalType(path, type.valueType()) + ":" + logicalType(path, type.indexType()) + ":false";
    }

    /**
     * Lance splits logical types at ':', so a time zone containing one (an offset like "+05:30")
     * would make a file the reader rejects; such fields fail up front instead.
     */
    private static String timeZone(String path, ArrowType.Timestamp t) {
        String tz = t.getTimezone();
        if (tz == null) {
            return "-";
        }
        if (tz.contains(":") || tz.isEmpty() || tz.equals("-")) {
            throw new UnsupportedTypeException(path, t.toString(), "time zone '" + tz
                    + "' cannot be stored in a Lance logical type (it may not be empty, '-' or contain ':');"
                    + " use a zone name such as 'Asia/Kolkata' or an offset without a colon such as '+0530'");
        }
        return tz;
    }

    private static String unit(TimeUnit unit) {
        return switch (unit) {
            case SECOND -> "s";
            case MILLISECOND -> "ms";
            case MICROSECOND -> "us";
            case NANOSECOND -> "ns";
        };
    }

    private static UnsupportedTypeException unsupported(String path, ArrowType type) {
        String why = switch (type) {
            case ArrowType.ListView l -> "Lance files cannot store list views; use list or large_list";
            case ArrowType.LargeListView l -> "Lance files cannot store list views; use list or large_list";
            case ArrowType.FixedSizeList l -> "a fixed-size list is described with its item field (FixedSizeListTypes), not here";
            case ArrowType.Map m -> "Lance files cannot store maps in format 2.1";
            case ArrowType.Union u -> "Lance files cannot store unions";
            case ArrowType.Interval i -> "Lance files have no logical type for intervals";
            default -> "Lance files cannot store this type";
        };
        return new UnsupportedTypeException(path, type.toString(), why);
    }
}
