package dev.jlance.arrow;

import dev.jlance.SchemaMismatchException;
import dev.jlance.memory.Layouts;
import dev.jlance.schema.DictionaryType;
import java.lang.foreign.MemorySegment;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;

/** The dictionaries of Arrow dictionary-encoded columns: looked up per batch and checked against their keys. */
public final class ArrowDictionaries {

    private ArrowDictionaries() {
    }

    /**
     * The values of {@code column}'s dictionary as {@code dictionaries} holds them now.
     *
     * @throws IllegalArgumentException if the provider is missing or has no such dictionary
     * @throws SchemaMismatchException if the values' type changed since the writer opened
     */
    public static FieldVector values(String column, DictionaryType type, DictionaryProvider dictionaries) {
        Dictionary dictionary = dictionaries == null ? null : dictionaries.lookup(type.id());
        if (dictionary == null) {
            throw new IllegalArgumentException("column '" + column + "' is dictionary-encoded (dictionary id " + type.id()
                    + ") but " + (dictionaries == null ? "no DictionaryProvider was given"
                    : "the DictionaryProvider has no dictionary with that id") + " for this batch");
        }
        FieldVector values = dictionary.getVector();
        if (!values.getField().getType().equals(type.valueType())) {
            throw new SchemaMismatchException("column '" + column + "': dictionary " + type.id() + " holds "
                    + values.getField().getType() + " values but held " + type.valueType()
                    + " when the writer was opened");
        }
        return values;
    }

    /**
     * Checks that every non-null key of {@code keys} addresses an entry of its dictionary, so that a
     * bad batch is refused by {@code write} instead of turning into a file that reads back wrong.
     *
     * @throws IllegalArgumentException naming the column, the first bad row and its key
     */
    public static void checkKeys(String column, DictionaryType type, ArrowLeaf keys) {
        long entries = keys.dictionary().numValues();
        int width = type.indexType().getBitWidth() / 8;
        boolean signed = type.indexType().getIsSigned();
        MemorySegment values = keys.values();
        MemorySegment validity = keys.validity();
        for (long i = 0; i < keys.numValues(); i++) {
            if (validity != null && !isSet(validity, i)) {
                continue;
            }
            long key = key(values, i, width, signed);
            // unsigned 64-bit keys above Long.MAX_VALUE read as negative: out of range as well
            if (key < 0 || key >= entries) {
                throw new IllegalArgumentException("column '" + column + "': row " + i + " of the batch has dictionary key "
                        + (signed ? Long.toString(key) : Long.toUnsignedString(key)) + " but dictionary " + type.id()
                        + " has " + entries + " entries");
            }
        }
    }

    /** Key {@code i} of a keys buffer of {@code width}-byte integers. */
    public static long key(MemorySegment values, long i, int width, boolean signed) {
        return switch (width) {
            case 1 -> signed ? values.get(Layouts.U8, i) : Byte.toUnsignedLong(values.get(Layouts.U8, i));
            case 2 -> signed ? values.getAtIndex(Layouts.U16, i) : Short.toUnsignedLong(values.getAtIndex(Layouts.U16, i));
            case 4 -> signed ? values.getAtIndex(Layouts.U32, i) : Integer.toUnsignedLong(values.getAtIndex(Layouts.U32, i));
            case 8 -> values.getAtIndex(Layouts.U64, i);
            default -> throw new IllegalArgumentException("dictionary keys of " + width + " bytes");
        };
    }

    static boolean isSet(MemorySegment bitmap, long i) {
        return (bitmap.get(Layouts.U8, i >>> 3) & (1 << (i & 7))) != 0;
    }
}
