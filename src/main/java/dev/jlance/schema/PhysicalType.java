package dev.jlance.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * How a flat Arrow type's values are stored, which is all the encoder needs to know about them.
 *
 * @param kind the storage shape
 * @param bitsPerValue bits per value for fixed-width kinds (1 for booleans), bits per offset for
 *     variable-width kinds (32 or 64), 0 for null; for a fixed-size list the bits of one row's
 *     items ({@code dimension × item bits}, validity not counted)
 * @param dimension items per row of a fixed-size list, else 0
 * @param item how a fixed-size list's items are stored (fixed width, boolean or another
 *     fixed-size list), else null
 */
public record PhysicalType(Kind kind, int bitsPerValue, int dimension, PhysicalType item) {

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
        LIST,
        /**
         * A fixed-size list of fixed-width items (e.g. an embedding): one Lance leaf whose rows are
         * {@code dimension} items; the items may have their own validity, stored with the values.
         */
        FIXED_SIZE_LIST
    }

    public PhysicalType {
        if (kind == Kind.FIXED_SIZE_LIST) {
            if (dimension <= 0 || item == null) {
                throw new IllegalArgumentException("a fixed-size list needs a positive dimension and an item type");
            }
            if (item.kind != Kind.FIXED && item.kind != Kind.BOOLEAN && item.kind != Kind.FIXED_SIZE_LIST) {
                throw new IllegalArgumentException("fixed-size list items must be fixed width, got " + item);
            }
            if ((long) dimension * item.bitsPerValue != bitsPerValue) {
                throw new IllegalArgumentException("a fixed-size list of " + dimension + " x " + item.bitsPerValue
                        + " bits has " + (long) dimension * item.bitsPerValue + " bits per row, not " + bitsPerValue);
            }
        } else if (dimension != 0 || item != null) {
            throw new IllegalArgumentException(kind + " has no dimension or item type");
        }
    }

    /** A type that is not a fixed-size list. */
    public PhysicalType(Kind kind, int bitsPerValue) {
        this(kind, bitsPerValue, 0, null);
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

    /**
     * A fixed-size list of {@code dimension} items of type {@code item}.
     *
     * @throws ArithmeticException if a row would hold {@code 2^31} bits or more
     */
    public static PhysicalType fixedSizeList(int dimension, PhysicalType item) {
        return new PhysicalType(Kind.FIXED_SIZE_LIST, Math.multiplyExact(dimension, item.bitsPerValue), dimension, item);
    }

    /**
     * The dimensions of a fixed-size list's layers, outer first ({@code fsl<fsl<f32, 2>, 3>} gives
     * {@code [3, 2]}); empty for other kinds.
     */
    public List<Integer> dimensions() {
        List<Integer> out = new ArrayList<>();
        for (PhysicalType t = this; t.kind == Kind.FIXED_SIZE_LIST; t = t.item) {
            out.add(t.dimension);
        }
        return out;
    }

    /** Items of the innermost layer per row (the product of the dimensions); 1 for other kinds. */
    public long itemsPerRow() {
        long n = 1;
        for (PhysicalType t = this; t.kind == Kind.FIXED_SIZE_LIST; t = t.item) {
            n *= t.dimension;
        }
        return n;
    }

    /** The type of a fixed-size list's innermost items (fixed width or boolean); this type otherwise. */
    public PhysicalType innermost() {
        PhysicalType t = this;
        while (t.kind == Kind.FIXED_SIZE_LIST) {
            t = t.item;
        }
        return t;
    }

    /** The legacy {@code Field.encoding} value official Lance records: 1 plain, 2 var-binary, 0 none. */
    public int legacyEncoding() {
        return switch (kind) {
            case NULL, STRUCT -> 0;
            case BOOLEAN, FIXED, LIST, FIXED_SIZE_LIST -> 1;
            case VARIABLE -> 2;
        };
    }
}
