package dev.jlance.conformance.nested;

import dev.jlance.conformance.nested.FuzzCase.BatchSpec;
import dev.jlance.conformance.nested.FuzzCase.Mood;
import dev.jlance.conformance.nested.FuzzCase.Quirk;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider.MapDictionaryProvider;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Builds the Arrow batches of a {@link FuzzCase}, deterministically. Every vector is assembled from
 * raw buffers ({@code loadFieldBuffers}), which allows what the builder APIs do not produce:
 * <ul>
 *   <li>nulls at every level with densities 0, low, medium, high and all, at random or in blocks;
 *   <li>empty lists, null lists, lists of thousands of items, tens of thousands of empty/null lists
 *       around a few values ({@link Mood#SPARSE});
 *   <li>garbage under nulls: null lists whose offsets span child values, values kept under null
 *       leaves (fixed and variable width);
 *   <li>"sliced" layouts: list offsets that do not start at 0, child vectors longer than the offsets
 *       reach, variable-width offsets that do not start at 0 (garbage bytes before the first value);
 *   <li>value distributions that steer every encoding: random bits (NaN payloads included), special
 *       values, small ranges, few distinct values, constants, runs, strings of 0..600 bytes and now
 *       and then one of tens of kilobytes.
 * </ul>
 * The data of a field depends only on the batch's seed and the field's path (names from the top),
 * so removing a field leaves the others unchanged.
 */
public final class NestedDataGenerator {

    /** Variable-width bytes one leaf vector gets at most per batch (then values turn short). */
    private static final long BYTE_CAP = 24L << 20;

    private static final String[] ALPHABET = {"a", "b", "z", "Q", "0", " ", "é", "ß", "漢", "字", "😀", "👍🏽",
        "e\u0301", "\u0000", "\t", "\n", "Ω", "🇺🇳"};
    private static final byte[][] ALPHABET_UTF8 = Arrays.stream(ALPHABET)
            .map(a -> a.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);

    private final BufferAllocator allocator;
    private final BatchSpec batch;
    private final FuzzCase fuzzCase;
    private final int itemCap;
    private final MapDictionaryProvider dictionaries;
    private final Map<Long, ArrowType> dictionaryTypes;

    private NestedDataGenerator(BufferAllocator allocator, BatchSpec batch, FuzzCase fuzzCase,
            MapDictionaryProvider dictionaries) {
        this.allocator = allocator;
        this.batch = batch;
        this.fuzzCase = fuzzCase;
        this.itemCap = fuzzCase.itemCap();
        this.dictionaryTypes = fuzzCase.dictionaries();
        this.dictionaries = dictionaries;
    }

    /** The batches of a case and, per batch, the dictionaries its dictionary-encoded fields refer to. */
    public static final class Batches implements AutoCloseable {
        public final List<VectorSchemaRoot> roots = new ArrayList<>();
        public final List<DictionaryProvider> providers = new ArrayList<>();
        private final List<FieldVector> dictionaryVectors = new ArrayList<>();

        public boolean hasDictionaries() {
            return !dictionaryVectors.isEmpty();
        }

        @Override
        public void close() {
            roots.forEach(VectorSchemaRoot::close);
            dictionaryVectors.forEach(FieldVector::close);
            roots.clear();
            dictionaryVectors.clear();
        }
    }

    /** Every batch of {@code c}; the caller closes the result. */
    public static Batches generate(FuzzCase c, BufferAllocator allocator) {
        Batches out = new Batches();
        try {
            for (BatchSpec b : c.batches()) {
                MapDictionaryProvider provider = new MapDictionaryProvider();
                out.providers.add(provider);
                NestedDataGenerator g = new NestedDataGenerator(allocator, b, c, provider);
                g.makeDictionaries(c.schema(), out.dictionaryVectors);
                List<FieldVector> vectors = new ArrayList<>();
                try {
                    for (Field f : c.schema().getFields()) {
                        FieldVector v = f.createVector(allocator);
                        vectors.add(v);
                        g.fill(v, f, b.rows() + b.skip(), f.getName(), null);
                        if (b.skip() > 0) { // Arrow's own slicing: offsets rebased, children cut to what is used
                            var pair = v.getTransferPair(allocator);
                            pair.splitAndTransfer(b.skip(), b.rows());
                            vectors.set(vectors.size() - 1, (FieldVector) pair.getTo());
                            v.close();
                        }
                    }
                } catch (RuntimeException | Error e) {
                    vectors.forEach(FieldVector::close);
                    throw e;
                }
                out.roots.add(new VectorSchemaRoot(c.schema().getFields(), vectors, b.rows()));
            }
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
        return out;
    }

    /** The random stream of one field in this batch: a function of the batch seed and the path only. */
    static SplittableRandom stream(long seed, String path) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < path.length(); i++) {
            h ^= path.charAt(i);
            h *= 0x100000001b3L;
        }
        return new SplittableRandom(seed ^ (h * 0x9E3779B97F4A7C15L) ^ Long.rotateLeft(h, 29));
    }

    // ------------------------------------------------------------------------------------------
    // Dispatch
    // ------------------------------------------------------------------------------------------

    /**
     * Fills {@code v} with {@code count} values of {@code f}. {@code hidden} (null: none) marks the
     * slots under a null ancestor when {@link Quirk#UNDER_NULL_PARENTS} is off: they get null, or
     * empty/zero values where the field is not nullable.
     */
    private void fill(FieldVector v, Field f, int count, String path, boolean[] hidden) {
        SplittableRandom r = stream(batch.dataSeed(), path);
        if (f.getDictionary() != null) {
            fillKeys(v, f, count, r, hidden);
            return;
        }
        switch (v) {
            case StructVector s -> fillStruct(s, f, count, path, r, hidden);
            case LargeListVector l -> fillList(l, f, count, path, r, true, hidden);
            case ListVector l -> fillList(l, f, count, path, r, false, hidden);
            case FixedSizeListVector l -> fillFixedSizeList(l, f, count, path, r, hidden);
            case NullVector n -> n.setValueCount(count);
            case BitVector b -> fillBits(b, f, count, r, hidden);
            default -> {
                int width = NestedSchemaGenerator.byteWidth(f.getType());
                if (width > 0) {
                    fillFixed(v, f, width, count, r, hidden);
                } else {
                    fillVariable(v, f, count, r, hidden);
                }
            }
        }
    }

    private boolean has(Quirk q) {
        return fuzzCase.has(q);
    }

    private static boolean isHidden(boolean[] hidden, int i) {
        return hidden != null && hidden[i];
    }

    /** What the children of slots {@code [0, valid.length)} get as {@code hidden}, or null if nothing is hidden. */
    private boolean[] childHidden(boolean[] hidden, boolean[] valid) {
        if (has(Quirk.UNDER_NULL_PARENTS)) {
            return null;
        }
        boolean[] out = new boolean[valid.length];
        for (int i = 0; i < valid.length; i++) {
            out[i] = !valid[i] || isHidden(hidden, i);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------
    // Validity
    // ------------------------------------------------------------------------------------------

    /** Validity of {@code count} slots of {@code f}: all valid if not nullable, else a random pattern. */
    private boolean[] validity(SplittableRandom r, Field f, int count, boolean[] hidden) {
        boolean[] valid = randomValidity(r, f, count);
        if (hidden != null && f.isNullable()) {
            for (int i = 0; i < count; i++) {
                valid[i] &= !hidden[i];
            }
        }
        return valid;
    }

    private boolean[] randomValidity(SplittableRandom r, Field f, int count) {
        boolean[] valid = new boolean[count];
        Arrays.fill(valid, true);
        if (!f.isNullable() || f.getType() instanceof ArrowType.Null) {
            if (f.getType() instanceof ArrowType.Null) {
                Arrays.fill(valid, false);
            }
            return valid;
        }
        int pattern = r.nextInt(20);
        if (pattern >= 17 && count > 0) { // a block of nulls
            int a = r.nextInt(count);
            int b = a + r.nextInt(count - a + 1);
            for (int i = a; i < b; i++) {
                valid[i] = false;
            }
            return valid;
        }
        double share = switch (pattern) {
            case 0, 1, 2, 3, 4, 5, 6 -> 0;
            case 7, 8, 9, 10 -> 0.05;
            case 11, 12, 13 -> 0.3;
            case 14, 15 -> 0.85;
            default -> 1;
        };
        for (int i = 0; i < count; i++) {
            valid[i] = share == 0 || (share < 1 && r.nextDouble() >= share);
        }
        return valid;
    }

    private ArrowBuf validityBuffer(boolean[] valid) {
        ArrowBuf buf = allocator.buffer(Math.max(1, BitVectorHelper.getValidityBufferSize(valid.length)));
        buf.setZero(0, buf.capacity());
        for (int i = 0; i < valid.length; i++) {
            if (valid[i]) {
                BitVectorHelper.setBit(buf, i);
            }
        }
        return buf;
    }

    private static int nulls(boolean[] valid) {
        int n = 0;
        for (boolean v : valid) {
            n += v ? 0 : 1;
        }
        return n;
    }

    private ArrowBuf buffer(byte[] bytes, long length) {
        ArrowBuf buf = allocator.buffer(Math.max(1, length));
        buf.setZero(0, buf.capacity());
        buf.setBytes(0, bytes, 0, length);
        return buf;
    }

    /** Loads own buffers into {@code v} and drops this generator's references to them. */
    private static void load(FieldVector v, int count, boolean[] valid, List<ArrowBuf> buffers) {
        try {
            v.loadFieldBuffers(new ArrowFieldNode(count, nulls(valid)), buffers);
        } finally {
            buffers.forEach(ArrowBuf::close);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Structs and lists
    // ------------------------------------------------------------------------------------------

    private void fillStruct(StructVector s, Field f, int count, String path, SplittableRandom r, boolean[] hidden) {
        boolean[] valid = validity(r, f, count, hidden);
        load(s, count, valid, List.of(validityBuffer(valid)));
        List<FieldVector> children = s.getChildrenFromFields();
        boolean[] under = childHidden(hidden, valid);
        for (int i = 0; i < f.getChildren().size(); i++) {
            Field c = f.getChildren().get(i);
            fill(children.get(i), c, count, path + "/" + c.getName(), under);
        }
    }

    private void fillList(FieldVector l, Field f, int count, String path, SplittableRandom r, boolean large,
            boolean[] hidden) {
        boolean sparse = batch.mood() == Mood.SPARSE && r.nextInt(4) != 0;
        boolean[] valid;
        if (sparse && f.isNullable()) {
            valid = new boolean[count];
            double nullShare = r.nextDouble() * 0.7;
            for (int i = 0; i < count; i++) {
                valid[i] = r.nextDouble() >= nullShare && !isHidden(hidden, i);
            }
        } else {
            valid = validity(r, f, count, hidden);
        }
        double emptyShare = sparse ? 0.998 : switch (r.nextInt(8)) {
            case 0, 1, 2 -> 0;
            case 3, 4 -> 0.1;
            case 5, 6 -> 0.5;
            default -> 0.95;
        };
        int maxLen = switch (r.nextInt(6)) {
            case 0 -> 1;
            case 1, 2 -> 4;
            case 3, 4 -> 12;
            default -> 40;
        };
        boolean longRows = batch.mood() == Mood.LONG_LISTS && r.nextInt(3) != 0;
        boolean garbage = r.nextInt(3) == 0 && has(Quirk.GARBAGE);
        int lead = r.nextInt(4) == 0 ? 1 + r.nextInt(40) : 0;
        int trail = r.nextInt(4) == 0 ? 1 + r.nextInt(40) : 0;
        if (!has(Quirk.LIST_SLICES) || count == 0) {
            // (a 0-length list with offsets from k > 0 cannot cross the C data interface: its importer
            // takes no child length from an empty array, so the official writer cannot be given one)
            lead = 0;
            trail = 0;
        }
        long[] offsets = new long[count + 1];
        offsets[0] = lead;
        for (int i = 0; i < count; i++) {
            long len;
            if (!valid[i]) {
                len = r.nextBoolean() ? 1 + r.nextInt(5) : 0;
                len = garbage ? len : 0;
            } else if (r.nextDouble() < emptyShare) {
                len = 0;
            } else if (longRows && r.nextInt(25) == 0) {
                len = 1000 + r.nextInt(4000);
            } else {
                len = 1 + r.nextInt(maxLen);
            }
            if (offsets[i] + len + trail > itemCap || isHidden(hidden, i)) {
                len = 0;
            }
            offsets[i + 1] = offsets[i] + len;
        }
        int childCount = Math.toIntExact(offsets[count] + trail);
        int width = large ? 8 : 4;
        byte[] off = new byte[(count + 1) * width];
        for (int i = 0; i <= count; i++) {
            putLe(off, i * width, offsets[i], width);
        }
        load(l, count, valid, List.of(validityBuffer(valid), buffer(off, off.length)));
        boolean[] under = null;
        if (!has(Quirk.UNDER_NULL_PARENTS)) { // items of null lists and outside every list
            under = new boolean[childCount];
            Arrays.fill(under, true);
            for (int i = 0; i < count; i++) {
                if (valid[i]) {
                    Arrays.fill(under, (int) offsets[i], (int) offsets[i + 1], false);
                }
            }
        }
        Field child = f.getChildren().getFirst();
        FieldVector data = large ? ((LargeListVector) l).getDataVector() : ((ListVector) l).getDataVector();
        fill(data, child, childCount, path + "/" + child.getName(), under);
    }

    private void fillFixedSizeList(FixedSizeListVector l, Field f, int count, String path, SplittableRandom r,
            boolean[] hidden) {
        boolean[] valid = validity(r, f, count, hidden);
        load(l, count, valid, List.of(validityBuffer(valid)));
        Field child = f.getChildren().getFirst();
        int d = ((ArrowType.FixedSizeList) f.getType()).getListSize();
        boolean[] rows = childHidden(hidden, valid);
        boolean[] under = null;
        if (rows != null) {
            under = new boolean[Math.multiplyExact(count, d)];
            for (int i = 0; i < count; i++) {
                Arrays.fill(under, i * d, (i + 1) * d, rows[i]);
            }
        }
        fill(l.getDataVector(), child, Math.multiplyExact(count, d), path + "/" + child.getName(), under);
    }

    // ------------------------------------------------------------------------------------------
    // Leaves
    // ------------------------------------------------------------------------------------------

    /** Whether slot i gets its value bytes: valid and not hidden, or null with garbage kept. */
    private boolean keepsValue(boolean[] valid, boolean[] hidden, int i, boolean garbage) {
        if (isHidden(hidden, i)) {
            return false;
        }
        return valid[i] || (garbage && has(Quirk.GARBAGE));
    }

    private void fillBits(BitVector b, Field f, int count, SplittableRandom r, boolean[] hidden) {
        boolean[] valid = validity(r, f, count, hidden);
        double ones = switch (r.nextInt(6)) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> 0.02;
            case 3 -> 0.98;
            default -> 0.5;
        };
        boolean runs = r.nextInt(4) == 0;
        byte[] bits = new byte[BitVectorHelper.getValidityBufferSize(count)];
        boolean prev = false;
        for (int i = 0; i < count; i++) {
            boolean bit = runs && i > 0 && r.nextInt(10) != 0 ? prev : r.nextDouble() < ones;
            prev = bit;
            if (bit && keepsValue(valid, hidden, i, true)) {
                bits[i >> 3] |= (byte) (1 << (i & 7));
            }
        }
        load(b, count, valid, List.of(validityBuffer(valid), buffer(bits, bits.length)));
    }

    private void fillFixed(FieldVector v, Field f, int width, int count, SplittableRandom r, boolean[] hidden) {
        boolean[] valid = validity(r, f, count, hidden);
        FixedValues values = new FixedValues(f.getType(), width, r);
        boolean garbage = r.nextBoolean();
        byte[] data = new byte[Math.multiplyExact(count, width)];
        byte[] slot = new byte[width];
        for (int i = 0; i < count; i++) {
            values.next(slot);
            if (keepsValue(valid, hidden, i, garbage)) {
                System.arraycopy(slot, 0, data, i * width, width);
            }
        }
        load(v, count, valid, List.of(validityBuffer(valid), buffer(data, data.length)));
    }

    private void fillVariable(FieldVector v, Field f, int count, SplittableRandom r, boolean[] hidden) {
        boolean large = v instanceof BaseLargeVariableWidthVector;
        boolean utf8 = f.getType() instanceof ArrowType.Utf8 || f.getType() instanceof ArrowType.LargeUtf8;
        boolean[] valid = validity(r, f, count, hidden);
        VariableValues values = new VariableValues(utf8, r, has(Quirk.LONG_VALUES));
        boolean garbage = r.nextBoolean();
        int lead = r.nextInt(4) == 0 ? 1 + r.nextInt(64) : 0;
        byte[] leading = values.garbage(lead);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        if (has(Quirk.VALUE_SLICES) && count > 0) { // (count 0: see fillList)
            data.writeBytes(leading);
        }
        int width = large ? 8 : 4;
        byte[] off = new byte[(count + 1) * width];
        putLe(off, 0, data.size(), width);
        for (int i = 0; i < count; i++) {
            byte[] value = values.next(data.size() > BYTE_CAP);
            boolean keepGarbage = garbage && r.nextBoolean();
            if (keepsValue(valid, hidden, i, keepGarbage)) {
                data.writeBytes(value);
            }
            putLe(off, (i + 1) * width, data.size(), width);
        }
        byte[] bytes = data.toByteArray();
        load(v, count, valid, List.of(validityBuffer(valid), buffer(off, off.length), buffer(bytes, bytes.length)));
    }

    // ------------------------------------------------------------------------------------------
    // Dictionaries
    // ------------------------------------------------------------------------------------------

    /**
     * This batch's dictionary of every id a field of {@code schema} uses: 1..100 values of the id's
     * value type, a few of them null when the field is nullable.
     */
    private void makeDictionaries(Schema schema, List<FieldVector> owned) {
        Map<Long, Field> users = new TreeMap<>();
        for (Field f : schema.getFields()) {
            dictionaryFields(f, users);
        }
        for (Map.Entry<Long, Field> e : users.entrySet()) {
            long id = e.getKey();
            SplittableRandom r = stream(batch.dataSeed(), "#dictionary" + id);
            int size = switch (r.nextInt(8)) {
                case 0 -> 1;
                case 1, 2, 3 -> 2 + r.nextInt(9);
                default -> 11 + r.nextInt(90);
            };
            boolean nullValues = e.getValue().isNullable() && r.nextInt(4) == 0;
            Field valueField = new Field("values", new FieldType(nullValues, dictionaryTypes.get(id), null), null);
            FieldVector values = valueField.createVector(allocator);
            owned.add(values);
            fill(values, valueField, size, "#dictionary" + id + "/values", null);
            dictionaries.put(new Dictionary(values, e.getValue().getDictionary()));
        }
    }

    private static void dictionaryFields(Field f, Map<Long, Field> into) {
        if (f.getDictionary() != null) {
            into.put(f.getDictionary().getId(), f);
        }
        for (Field c : f.getChildren()) {
            dictionaryFields(c, into);
        }
    }

    private void fillKeys(FieldVector v, Field f, int count, SplittableRandom r, boolean[] hidden) {
        Dictionary dictionary = dictionaries.lookup(f.getDictionary().getId());
        int size = dictionary.getVector().getValueCount();
        ArrowType.Int keyType = f.getDictionary().getIndexType();
        int usable = keyType.getBitWidth() > 16 ? size : (int) Math.min(size,
                keyType.getIsSigned() ? 1L << (keyType.getBitWidth() - 1) : 1L << keyType.getBitWidth());
        boolean[] valid = validity(r, f, count, hidden);
        int width = keyType.getBitWidth() / 8;
        byte[] data = new byte[count * width];
        boolean few = r.nextBoolean();
        for (int i = 0; i < count; i++) {
            long key = few ? r.nextInt(Math.min(usable, 3)) : r.nextInt(usable);
            putLe(data, i * width, keepsValue(valid, hidden, i, true) ? key : 0, width);
        }
        load(v, count, valid, List.of(validityBuffer(valid), buffer(data, data.length)));
    }

    // ------------------------------------------------------------------------------------------
    // Values
    // ------------------------------------------------------------------------------------------

    static void putLe(byte[] b, int at, long v, int width) {
        for (int k = 0; k < width; k++) {
            b[at + k] = (byte) (v >>> (8 * k));
        }
    }

    /** How a leaf's values of one batch are distributed. */
    private enum Shape {
        RANDOM, SPECIALS, SMALL, FEW, CONSTANT, RUNS
    }

    private static Shape shape(SplittableRandom r) {
        return switch (r.nextInt(20)) {
            case 0, 1, 2, 3, 4, 5, 6 -> Shape.RANDOM;
            case 7, 8, 9 -> Shape.SPECIALS;
            case 10, 11, 12, 13 -> Shape.SMALL;
            case 14, 15, 16 -> Shape.FEW;
            case 17 -> Shape.CONSTANT;
            default -> Shape.RUNS;
        };
    }

    /** Values of a fixed-width type as little-endian bytes, in one of the {@link Shape}s. */
    private static final class FixedValues {
        private final ArrowType type;
        private final int width;
        private final SplittableRandom r;
        private final Shape shape;
        private final int smallBits;
        private final byte[][] pool;
        private byte[] previous;

        FixedValues(ArrowType type, int width, SplittableRandom r) {
            this.type = type;
            this.width = width;
            this.r = r;
            this.shape = shape(r);
            this.smallBits = 1 + r.nextInt(Math.min(20, width * 8 - 1));
            int poolSize = shape == Shape.CONSTANT ? 1 : shape == Shape.FEW ? 2 + r.nextInt(15) : 0;
            this.pool = new byte[poolSize][];
            for (int i = 0; i < poolSize; i++) {
                pool[i] = new byte[width];
                random(pool[i]);
            }
        }

        void next(byte[] slot) {
            Arrays.fill(slot, (byte) 0);
            switch (shape) {
                case RANDOM -> random(slot);
                case SPECIALS -> special(slot);
                case SMALL -> small(slot);
                case FEW, CONSTANT -> System.arraycopy(pool[r.nextInt(pool.length)], 0, slot, 0, width);
                case RUNS -> {
                    if (previous == null || r.nextInt(8) == 0) {
                        previous = new byte[width];
                        if (r.nextBoolean()) {
                            small(previous);
                        } else {
                            random(previous);
                        }
                    }
                    System.arraycopy(previous, 0, slot, 0, width);
                }
            }
        }

        /** Any valid value of the type (any bits for ints/floats/timestamps; decimals in precision; times in a day). */
        private void random(byte[] slot) {
            switch (type) {
                case ArrowType.FloatingPoint fp when r.nextInt(4) != 0 -> {
                    double d = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-8, 9));
                    long bits = switch (fp.getPrecision()) {
                        case HALF -> Float.floatToFloat16((float) d);
                        case SINGLE -> Float.floatToRawIntBits((float) d);
                        case DOUBLE -> Double.doubleToRawLongBits(d);
                    };
                    putLe(slot, 0, bits, width);
                }
                case ArrowType.Decimal dec -> decimal(slot, dec, 1 + r.nextInt(dec.getPrecision()));
                case ArrowType.Time t -> putLe(slot, 0, r.nextLong(dayLength(t)), width);
                default -> {
                    for (int k = 0; k < width; k++) {
                        slot[k] = (byte) r.nextInt();
                    }
                }
            }
        }

        private void small(byte[] slot) {
            switch (type) {
                case ArrowType.FloatingPoint fp -> {
                    int v = r.nextInt(1 << Math.min(smallBits, 10));
                    long bits = switch (fp.getPrecision()) {
                        case HALF -> Float.floatToFloat16(v);
                        case SINGLE -> Float.floatToRawIntBits(v);
                        case DOUBLE -> Double.doubleToRawLongBits(v);
                    };
                    putLe(slot, 0, bits, width);
                }
                case ArrowType.Decimal dec -> decimal(slot, dec, Math.min(3, dec.getPrecision()));
                case ArrowType.Time t -> putLe(slot, 0, r.nextLong(Math.min(dayLength(t), 1L << smallBits)), width);
                default -> putLe(slot, 0, r.nextLong(1L << smallBits), Math.min(width, 8));
            }
        }

        private void special(byte[] slot) {
            switch (type) {
                case ArrowType.FloatingPoint fp -> {
                    long[] s = switch (fp.getPrecision()) {
                        case HALF -> new long[] {0x0000, 0x8000, 0x7C00, 0xFC00, 0x7E00, 0x7C01, 0x7D55, 0xFFFF, 0x0001,
                            0x03FF, 0x7BFF, 0x3C00};
                        case SINGLE -> new long[] {0, 0x80000000L, 0x7F800000, 0xFF800000L, 0x7FC00000, 0x7F800001,
                            0x7FBFFFFF, 0xFFC00000L, 0x7FC12345, 0x00000001, 0x007FFFFF, 0x7F7FFFFF};
                        case DOUBLE -> new long[] {0, 0x8000000000000000L, 0x7FF0000000000000L, 0xFFF0000000000000L,
                            0x7FF8000000000000L, 0x7FF0000000000001L, 0x7FF8DEADBEEF0001L, 0x0000000000000001L,
                            0x7FEFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFFFFL};
                    };
                    putLe(slot, 0, s[r.nextInt(s.length)], width);
                }
                case ArrowType.Decimal dec -> decimal(slot, dec, dec.getPrecision());
                case ArrowType.Time t -> putLe(slot, 0, r.nextBoolean() ? 0 : dayLength(t) - 1, width);
                case ArrowType.FixedSizeBinary b -> Arrays.fill(slot, (byte) (r.nextBoolean() ? 0 : 0xFF));
                default -> {
                    int w = Math.min(width, 8);
                    long[] s = {0, -1, 1, Long.MIN_VALUE >> (64 - 8 * w), Long.MAX_VALUE >>> (64 - 8 * w),
                        0x5555555555555555L};
                    putLe(slot, 0, s[r.nextInt(s.length)], w);
                }
            }
        }

        /** A decimal of {@code digits} random digits (a random sign), within the type's precision. */
        private void decimal(byte[] slot, ArrowType.Decimal dec, int digits) {
            StringBuilder sb = new StringBuilder(digits + 1);
            if (r.nextBoolean()) {
                sb.append('-');
            }
            for (int d = 0; d < digits; d++) {
                sb.append((char) ('0' + (d == 0 && digits == dec.getPrecision() ? 9 : r.nextInt(10))));
            }
            byte[] be = new BigInteger(sb.toString()).toByteArray();
            byte fill = (byte) (be[0] < 0 ? 0xFF : 0);
            for (int k = 0; k < width; k++) {
                int src = be.length - 1 - k;
                slot[k] = src >= 0 ? be[src] : fill;
            }
        }

        private static long dayLength(ArrowType.Time t) {
            return switch (t.getUnit()) {
                case SECOND -> 86_400L;
                case MILLISECOND -> 86_400_000L;
                case MICROSECOND -> 86_400_000_000L;
                case NANOSECOND -> 86_400_000_000_000L;
            };
        }
    }

    /** Strings (valid UTF-8) or binaries of one batch: lengths 0..~600 bytes in several mixes, now and then a huge one. */
    private static final class VariableValues {
        private final boolean utf8;
        private final boolean longValues;
        private final SplittableRandom r;
        private final Shape shape;
        private final int lengths;
        private final boolean huge;
        private final byte[][] pool;
        private byte[] previous;

        VariableValues(boolean utf8, SplittableRandom r, boolean longValues) {
            this.utf8 = utf8;
            this.longValues = longValues;
            this.r = r;
            this.shape = shape(r);
            this.lengths = r.nextInt(8);
            this.huge = r.nextInt(30) == 0;
            int poolSize = shape == Shape.CONSTANT ? 1 : shape == Shape.FEW ? 2 + r.nextInt(15) : 0;
            this.pool = new byte[poolSize][];
            for (int i = 0; i < poolSize; i++) {
                pool[i] = fresh(false);
            }
        }

        byte[] next(boolean overBudget) {
            return switch (shape) {
                case FEW, CONSTANT -> pool[r.nextInt(pool.length)];
                case RUNS -> {
                    if (previous == null || r.nextInt(6) == 0) {
                        previous = fresh(overBudget);
                    }
                    yield previous;
                }
                default -> fresh(overBudget);
            };
        }

        private byte[] fresh(boolean overBudget) {
            int len;
            if (huge && !overBudget && r.nextInt(500) == 0) {
                len = 5_000 + r.nextInt(65_000);
            } else {
                len = switch (lengths) {
                    case 0 -> r.nextInt(9);                                     // tiny
                    case 1, 2 -> r.nextInt(41);                                 // short
                    case 3 -> r.nextInt(256);                                   // up to the mini-block limit
                    case 4, 5 -> r.nextInt(30) == 0 ? 256 + r.nextInt(345) : r.nextInt(41); // mostly short
                    case 6 -> 256 + r.nextInt(345);                             // full-zip sizes
                    default -> new int[] {0, 254, 255, 256, 257, 0, 1}[r.nextInt(7)]; // edges
                };
                if (overBudget) {
                    len = Math.min(len, 8);
                }
            }
            return bytes(longValues ? len : Math.min(len, 255));
        }

        /** {@code len} bytes: UTF-8 text of exactly that length, or binary with many zeros. */
        byte[] bytes(int len) {
            byte[] b = new byte[len];
            if (!utf8) {
                r.nextBytes(b);
                for (int k = 0; k < len; k += 2) {
                    if (r.nextInt(3) == 0) {
                        b[k] = 0;
                    }
                }
                return b;
            }
            int at = 0;
            while (at < len) {
                byte[] piece = ALPHABET_UTF8[r.nextInt(ALPHABET_UTF8.length)];
                if (at + piece.length > len) {
                    piece = new byte[] {(byte) ('a' + r.nextInt(26))};
                }
                System.arraycopy(piece, 0, b, at, piece.length);
                at += piece.length;
            }
            return b;
        }

        /** Bytes placed before the first value (or under nulls): valid UTF-8 for strings too. */
        byte[] garbage(int len) {
            return bytes(len);
        }
    }
}
