package dev.jlance.schema;

/**
 * How a flat Arrow type's values are stored, which is all the encoder needs to know about them.
 *
 * @param kind the storage shape
 * @param bitsPerValue bits per value for fixed-width kinds (1 for booleans), bits per offset for
 *     variable-width kinds (32 or 64), 0 for null
 */
public record PhysicalType(Kind kind, int bitsPerValue) {

    /** The storage shapes of flat columns. */
    public enum Kind {
        /** Arrow's Null type: no buffers at all. */
        NULL,
        /** A bitmap of booleans. */
        BOOLEAN,
        /** Values of a fixed number of bytes. */
        FIXED,
        /** Offsets plus value bytes. */
        VARIABLE,
        /** A struct: validity only; its children hold the values. */
        STRUCT,
        /** A list: validity plus offsets (of {@code bitsPerValue} bits) into its child. */
        LIST
    }

    public static final PhysicalType NULL = new PhysicalType(Kind.NULL, 0);
    public static final PhysicalType BOOLEAN = new PhysicalType(Kind.BOOLEAN, 1);

    public static final PhysicalType STRUCT = new PhysicalType(Kind.STRUCT, 0);

    /** A list with 32- or 64-bit offsets. */
    public static PhysicalType list(int bitsPerOffset) {
        return new PhysicalType(Kind.LIST, bitsPerOffset);
    }

    public static PhysicalType fixedBytes(int bytes) {
        return new PhysicalType(Kind.FIXED, bytes * 8);
    }

    public static PhysicalType variable(int bitsPerOffset) {
        return new PhysicalType(Kind.VARIABLE, bitsPerOffset);
    }

    /** The legacy {@code Field.encoding} value official Lance records: 1 plain, 2 var-binary, 0 none. */
    public int legacyEncoding() {
        return switch (kind) {
            case NULL, STRUCT -> 0;
            case BOOLEAN, FIXED, LIST -> 1;
            case VARIABLE -> 2;
        };
    }
}
