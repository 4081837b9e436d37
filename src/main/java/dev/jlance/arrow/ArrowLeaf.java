package dev.jlance.arrow;

import dev.jlance.memory.BitRanges;
import dev.jlance.memory.Layouts;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.schema.PhysicalType;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * One Arrow vector of a leaf column, seen as Lance needs it: validity, values and offsets as
 * memory segments; for a fixed-size list, the rows' validity, the innermost items' values and
 * each item layer's validity. Starts as a borrowed view (valid while the caller's vector is untouched); the
 * accumulator either {@link #retain() retains} the Arrow buffers or {@link #copyInto copies} them
 * when it must keep the data past the {@code write} call.
 *
 * @param type physical storage
 * @param numValues values (rows) in the vector
 * @param nullCount nulls among them
 * @param validity LSB-first validity bitmap, or null when there are no nulls
 * @param values value bytes: n × width (fixed), ⌈n/8⌉ (boolean) or the referenced bytes (variable);
 *     for a fixed-size list the innermost items, n × items-per-row × width (or bits, for booleans)
 * @param offsets n+1 offsets (variable only, else null); may not start at 0
 * @param retained Arrow buffers whose reference this leaf holds (released by {@link #release()})
 * @param dictionary for the keys of a dictionary-encoded column, the dictionary's values; else null
 * @param items for a fixed-size list, the validity of each item layer, outer first (one per
 *     dimension); empty for other kinds
 */
public record ArrowLeaf(PhysicalType type, long numValues, long nullCount, MemorySegment validity,
        MemorySegment values, MemorySegment offsets, List<ArrowBuf> retained, ArrowLeaf dictionary,
        List<ItemValidity> items) {

    public ArrowLeaf {
        items = List.copyOf(items);
        int layers = type.dimensions().size();
        if (items.size() != layers) {
            throw new IllegalArgumentException(type + " has " + layers + " item layers, got validity for " + items.size());
        }
    }

    /** A leaf that is not a fixed-size list. */
    public ArrowLeaf(PhysicalType type, long numValues, long nullCount, MemorySegment validity, MemorySegment values,
            MemorySegment offsets, List<ArrowBuf> retained, ArrowLeaf dictionary) {
        this(type, numValues, nullCount, validity, values, offsets, retained, dictionary, List.of());
    }

    /** A leaf without a dictionary, not a fixed-size list. */
    public ArrowLeaf(PhysicalType type, long numValues, long nullCount, MemorySegment validity, MemorySegment values,
            MemorySegment offsets, List<ArrowBuf> retained) {
        this(type, numValues, nullCount, validity, values, offsets, retained, null);
    }

    /**
     * A borrowed view of the keys of a dictionary-encoded column together with its dictionary's
     * values ({@code dictionary} comes from the caller's {@code DictionaryProvider}).
     */
    public static ArrowLeaf borrowKeys(FieldVector keys, PhysicalType keyType, FieldVector dictionary,
            PhysicalType valueType) {
        return borrow(keys, keyType).withDictionary(borrow(dictionary, valueType));
    }

    /** Nulls among all of {@code leaves}. */
    public static long nullCount(List<ArrowLeaf> leaves) {
        long nulls = 0;
        for (ArrowLeaf leaf : leaves) {
            nulls += leaf.nullCount();
        }
        return nulls;
    }

    /**
     * Whether slot {@code i} is null, read from the validity view: Arrow's own {@code isNull}
     * checks bounds and reference counts on every call, and is a different method per vector class.
     */
    public boolean isNull(int i) {
        if (nullCount == 0) {
            return false;
        }
        if (validity == null) {
            return true; // a null-typed leaf: every slot is null
        }
        return !BitRanges.get(validity, i);
    }

    /** This leaf with {@code dictionary} (null for none). */
    public ArrowLeaf withDictionary(ArrowLeaf dictionary) {
        return new ArrowLeaf(type, numValues, nullCount, validity, values, offsets, retained, dictionary, items);
    }

    /** A borrowed, zero-copy view of {@code vector}. */
    public static ArrowLeaf borrow(FieldVector vector, PhysicalType type) {
        int n = vector.getValueCount();
        long nulls = type.kind() == PhysicalType.Kind.NULL ? n : vector.getNullCount();
        MemorySegment validity = nulls > 0 && type.kind() != PhysicalType.Kind.NULL
                ? ArrowSegments.view(vector.getValidityBuffer(), bitmapBytes(n)) : null;
        return switch (type.kind()) {
            case NULL -> new ArrowLeaf(type, n, n, null, null, null, List.of());
            case BOOLEAN -> new ArrowLeaf(type, n, nulls, validity,
                    ArrowSegments.view(vector.getDataBuffer(), bitmapBytes(n)), null, List.of());
            case FIXED -> new ArrowLeaf(type, n, nulls, validity,
                    ArrowSegments.view(vector.getDataBuffer(), (long) n * (type.bitsPerValue() / 8)), null, List.of());
            case VARIABLE -> variable(vector, type, n, nulls, validity);
            case FIXED_SIZE_LIST -> FixedSizeListViews.borrow(vector, type, n, nulls, validity);
            case STRUCT, LIST -> throw new IllegalArgumentException("vector '" + vector.getName()
                    + "' is a struct or list, not a leaf");
        };
    }

    private static ArrowLeaf variable(FieldVector vector, PhysicalType type, int n, long nulls, MemorySegment validity) {
        int w = type.bitsPerValue() / 8;
        if (n == 0) {
            return new ArrowLeaf(type, 0, 0, null, ArrowSegments.view(vector.getDataBuffer(), 0),
                    MemorySegment.ofArray(new byte[w]), List.of());
        }
        MemorySegment offsets = ArrowSegments.view(vector.getOffsetBuffer(), (long) (n + 1) * w);
        long first = offsetAt(offsets, 0, w);
        long last = offsetAt(offsets, n, w);
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("vector '" + vector.getName() + "' has corrupt offsets [" + first
                    + ", " + last + "]");
        }
        if (!(vector instanceof BaseVariableWidthVector) && !(vector instanceof BaseLargeVariableWidthVector)) {
            throw new IllegalArgumentException("vector '" + vector.getName() + "' is not a variable-width vector");
        }
        MemorySegment data = ArrowSegments.view(vector.getDataBuffer(), last);
        return new ArrowLeaf(type, n, nulls, validity, data, offsets, List.of());
    }

    static long offsetAt(MemorySegment offsets, long index, int width) {
        return width == 4 ? Integer.toUnsignedLong(offsets.getAtIndex(Layouts.U32, index))
                : offsets.getAtIndex(Layouts.U64, index);
    }

    public static long bitmapBytes(long n) {
        return (n + 7) >>> 3;
    }

    /** Offset {@code i} of a variable-width leaf. */
    public long offset(long i) {
        return offsetAt(offsets, i, type.bitsPerValue() / 8);
    }

    /**
     * Rows {@code [start, end)} of this leaf. Values and offsets are views; bitmaps that do not
     * start on a byte boundary are copied into {@code arena}. The dictionary is kept as it is.
     */
    public ArrowLeaf rows(long start, long end, OffHeapArena arena) {
        if (start == 0 && end == numValues) {
            return this;
        }
        long n = end - start;
        MemorySegment subValidity = validity == null ? null : bits(validity, start, n, arena);
        long nulls = subValidity == null ? 0 : BitRanges.countClear(subValidity, 0, n);
        return switch (type.kind()) {
            case NULL -> new ArrowLeaf(type, n, n, null, null, null, List.of(), dictionary);
            case BOOLEAN -> new ArrowLeaf(type, n, nulls, subValidity, bits(values, start, n, arena), null, List.of(),
                    dictionary);
            case FIXED -> {
                long w = type.bitsPerValue() / 8;
                yield new ArrowLeaf(type, n, nulls, subValidity, values.asSlice(start * w, n * w), null, List.of(),
                        dictionary);
            }
            case VARIABLE -> {
                long w = type.bitsPerValue() / 8;
                yield new ArrowLeaf(type, n, nulls, subValidity, values, offsets.asSlice(start * w, (n + 1) * w),
                        List.of(), dictionary);
            }
            case FIXED_SIZE_LIST -> FixedSizeListViews.rows(this, start, n, subValidity, nulls, arena);
            case STRUCT, LIST -> throw new IllegalStateException(type + " is not a leaf type");
        };
    }

    static MemorySegment bits(MemorySegment bitmap, long start, long n, OffHeapArena arena) {
        if ((start & 7) == 0) {
            return bitmap.asSlice(start >>> 3, bitmapBytes(n));
        }
        MemorySegment out = arena.allocate(bitmapBytes(n));
        BitRanges.copy(bitmap, start, out, 0, n);
        return out;
    }

    /**
     * Arrow buffer bytes this leaf covers (validity, values, offsets, and its dictionary's, which
     * official Lance also counts with every batch that uses it).
     */
    public long arrowBytes() {
        long bytes = validity == null ? 0 : validity.byteSize();
        for (ItemValidity layer : items) {
            bytes += layer.hasNulls() ? layer.bitmap().byteSize() : 0;
        }
        if (dictionary != null) {
            bytes += dictionary.arrowBytes();
        }
        if (values != null) {
            bytes += values.byteSize();
        }
        if (offsets != null) {
            bytes += offsets.byteSize();
        }
        return bytes;
    }

    /**
     * A copy of this leaf in {@code arena}; it no longer depends on the caller's vector. Its
     * dictionary is copied too (callers that share one copy among leaves replace it afterwards).
     */
    public ArrowLeaf copyInto(OffHeapArena arena) {
        return new ArrowLeaf(type, numValues, nullCount,
                validity == null ? null : arena.copyOf(validity),
                values == null ? null : arena.copyOf(values),
                offsets == null ? null : arena.copyOf(offsets), List.of(),
                dictionary == null ? null : dictionary.copyInto(arena),
                items.stream().map(l -> l.hasNulls() ? new ItemValidity(arena.copyOf(l.bitmap()), l.nullCount()) : l)
                        .toList());
    }

    /**
     * Keeps the vector's buffers alive past the write call by taking a reference on each; the
     * caller may clear or reallocate its vector, but must not change the values in place. The
     * view's dictionary, if any, is kept as it is: retain it separately.
     */
    public static ArrowLeaf retain(FieldVector vector, ArrowLeaf view) {
        List<ArrowBuf> bufs = List.of(vector.getBuffers(false));
        for (ArrowBuf b : bufs) {
            b.getReferenceManager().retain();
        }
        return new ArrowLeaf(view.type, view.numValues, view.nullCount, view.validity, view.values, view.offsets, bufs,
                view.dictionary, view.items);
    }

    /** Drops the references {@link #retain} took, its dictionary's included; views and copies have none. */
    public void release() {
        for (ArrowBuf b : retained) {
            b.getReferenceManager().release();
        }
        if (dictionary != null) {
            dictionary.release();
        }
    }

    /**
     * Whether {@code other} certainly holds the same values: same shape and byte-identical buffers
     * (segments at the same address are taken as identical without reading them). A false answer
     * may be wrong only towards caution, e.g. for equal values at different offsets.
     */
    public boolean sameBuffers(ArrowLeaf other) {
        return type.equals(other.type) && numValues == other.numValues && nullCount == other.nullCount
                && sameBytes(validity, other.validity) && sameBytes(values, other.values)
                && sameBytes(offsets, other.offsets) && sameItems(other);
    }

    private boolean sameItems(ArrowLeaf other) {
        if (items.size() != other.items.size()) {
            return false;
        }
        for (int k = 0; k < items.size(); k++) {
            if (items.get(k).nullCount() != other.items.get(k).nullCount()
                    || !sameBytes(items.get(k).bitmap(), other.items.get(k).bitmap())) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameBytes(MemorySegment a, MemorySegment b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.byteSize() != b.byteSize()) {
            return false;
        }
        if (a.isNative() && b.isNative() && a.address() == b.address()) {
            return true;
        }
        return a.mismatch(b) < 0;
    }
}
