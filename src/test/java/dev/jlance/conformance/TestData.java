package dev.jlance.conformance;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Deterministic, adversarial test data for every flat Arrow type jlance writes.
 *
 * <p>Every generated vector starts with the type's "special" values (min/max, NaN variants with
 * non-canonical payloads, -0.0, subnormals, empty strings, multi-byte UTF-8, 0x00 bytes, strings of
 * exactly 255/256 bytes, ...) and continues with values drawn from a {@link SplittableRandom} seeded by
 * the caller, so every run produces the same bytes. Fixed-width values are written as raw little-endian
 * bytes straight into the data buffer so that no Java float canonicalisation can touch a NaN payload.
 *
 * <p>Nulls follow a {@link Nulls} pattern. With {@link Nulls#RANDOM} about half of the null slots keep
 * the value that was written before the slot was nulled ("garbage under nulls"): for fixed-width
 * types the data bytes stay, for variable-width types the offsets keep spanning the old bytes (a
 * null with a non-zero slot length, which the Arrow spec allows).
 */
public final class TestData {

    private TestData() {
    }

    /** Where nulls go. Ignored (treated as NONE) for non-nullable fields; Null-typed columns are always null. */
    public enum Nulls {
        /** No nulls at all (validity buffer present but all set). */
        NONE,
        /** About 30% nulls at random positions, half of them with garbage under the null. */
        RANDOM,
        /** The first third of the rows is null. */
        FIRST,
        /** The last third of the rows is null. */
        LAST,
        /** Every row is null. */
        ALL,
        /** Every other row (odd rows) is null. */
        ALTERNATE,
        /** Exactly one null, in the middle. */
        SINGLE_MIDDLE
    }

    /** Which lengths a variable-width (or the values of a) column gets. */
    public enum Lengths {
        /** Mostly short values with an occasional value of 256+ bytes (including one of 70,000 bytes). */
        MIXED,
        /** Every value is at most 255 bytes long (several of exactly 255): mini-block territory. */
        SHORT,
        /** Every value is at least 256 bytes long: full-zip territory. */
        LONG
    }

    /**
     * One flat Arrow type under test.
     *
     * @param name short unique name, used in test names and as column name
     * @param type the Arrow type
     * @param lanceLogicalType the Lance logical type string the official writer stores (NOTES §10)
     * @param lengths value lengths for variable-width types (SHORT/LONG also pick sub-cases of fixed binary)
     */
    public record TypeCase(String name, ArrowType type, String lanceLogicalType, Lengths lengths) {
        @Override
        public String toString() {
            return name;
        }

        /** True for the Arrow Null type (every value null, nothing to store). */
        public boolean isNullType() {
            return type instanceof ArrowType.Null;
        }

        /** Mean length of a random (non-special) variable-width value for {@link #lengths()}. */
        private double avgVariableLength() {
            return switch (lengths) {
                case SHORT -> 127.5;
                case LONG -> 256 + 749.5;
                case MIXED -> 0.98 * 19.5 + 0.02 * (256 + 999.5);
            };
        }

        /** Rough Arrow bytes per row (values + offsets + validity) used to size large tests. */
        public double approxBytesPerRow() {
            return switch (type) {
                case ArrowType.Null n -> 0;
                case ArrowType.Bool b -> 0.25;
                case ArrowType.Int i -> i.getBitWidth() / 8.0 + 0.125;
                case ArrowType.FloatingPoint f -> switch (f.getPrecision()) {
                    case HALF -> 2.125;
                    case SINGLE -> 4.125;
                    case DOUBLE -> 8.125;
                };
                case ArrowType.Date d -> d.getUnit() == DateUnit.DAY ? 4.125 : 8.125;
                case ArrowType.Time t -> t.getBitWidth() / 8.0 + 0.125;
                case ArrowType.Timestamp t -> 8.125;
                case ArrowType.Duration d -> 8.125;
                case ArrowType.Decimal d -> d.getBitWidth() / 8.0 + 0.125;
                case ArrowType.FixedSizeBinary f -> f.getByteWidth() + 0.125;
                case ArrowType.LargeUtf8 u -> avgVariableLength() + 8.125;
                case ArrowType.LargeBinary b -> avgVariableLength() + 8.125;
                default -> avgVariableLength() + 4.125;
            };
        }
    }

    // ------------------------------------------------------------------------------------------
    // The type catalogue
    // ------------------------------------------------------------------------------------------

    /** Every flat Arrow type the writer must support, with sub-cases for layout-relevant widths. */
    public static List<TypeCase> flatTypes() {
        List<TypeCase> t = new ArrayList<>();
        t.add(tc("int8", new ArrowType.Int(8, true), "int8"));
        t.add(tc("int16", new ArrowType.Int(16, true), "int16"));
        t.add(tc("int32", new ArrowType.Int(32, true), "int32"));
        t.add(tc("int64", new ArrowType.Int(64, true), "int64"));
        t.add(tc("uint8", new ArrowType.Int(8, false), "uint8"));
        t.add(tc("uint16", new ArrowType.Int(16, false), "uint16"));
        t.add(tc("uint32", new ArrowType.Int(32, false), "uint32"));
        t.add(tc("uint64", new ArrowType.Int(64, false), "uint64"));
        t.add(tc("float16", new ArrowType.FloatingPoint(FloatingPointPrecision.HALF), "halffloat"));
        t.add(tc("float32", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE), "float"));
        t.add(tc("float64", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), "double"));
        t.add(tc("bool", ArrowType.Bool.INSTANCE, "bool"));
        t.add(tc("date32", new ArrowType.Date(DateUnit.DAY), "date32:day"));
        t.add(tc("date64", new ArrowType.Date(DateUnit.MILLISECOND), "date64:ms"));
        t.add(tc("time32_s", new ArrowType.Time(TimeUnit.SECOND, 32), "time32:s"));
        t.add(tc("time32_ms", new ArrowType.Time(TimeUnit.MILLISECOND, 32), "time32:ms"));
        t.add(tc("time64_us", new ArrowType.Time(TimeUnit.MICROSECOND, 64), "time64:us"));
        t.add(tc("time64_ns", new ArrowType.Time(TimeUnit.NANOSECOND, 64), "time64:ns"));
        for (TimeUnit u : TimeUnit.values()) {
            String unit = unitAbbrev(u);
            t.add(tc("timestamp_" + unit, new ArrowType.Timestamp(u, null), "timestamp:" + unit + ":-"));
            t.add(tc("timestamp_" + unit + "_utc", new ArrowType.Timestamp(u, "UTC"), "timestamp:" + unit + ":UTC"));
        }
        t.add(tc("timestamp_us_ny", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "America/New_York"),
                "timestamp:us:America/New_York"));
        t.add(tc("timestamp_ns_kolkata", new ArrowType.Timestamp(TimeUnit.NANOSECOND, "Asia/Kolkata"),
                "timestamp:ns:Asia/Kolkata"));
        for (TimeUnit u : TimeUnit.values()) {
            String unit = unitAbbrev(u);
            t.add(tc("duration_" + unit, new ArrowType.Duration(u), "duration:" + unit));
        }
        t.add(tc("decimal128_38_10", new ArrowType.Decimal(38, 10, 128), "decimal:128:38:10"));
        t.add(tc("decimal128_10_2", new ArrowType.Decimal(10, 2, 128), "decimal:128:10:2"));
        t.add(tc("decimal128_5_0", new ArrowType.Decimal(5, 0, 128), "decimal:128:5:0"));
        t.add(tc("decimal256_76_20", new ArrowType.Decimal(76, 20, 256), "decimal:256:76:20"));
        t.add(tc("decimal256_50_0", new ArrowType.Decimal(50, 0, 256), "decimal:256:50:0"));
        for (int w : new int[] {1, 3, 16, 255, 256, 1000}) {
            t.add(tc("fsb" + w, new ArrowType.FixedSizeBinary(w), "fixed_size_binary:" + w));
        }
        for (Lengths l : Lengths.values()) {
            String suffix = l == Lengths.MIXED ? "" : "_" + l.name().toLowerCase();
            t.add(new TypeCase("utf8" + suffix, ArrowType.Utf8.INSTANCE, "string", l));
            t.add(new TypeCase("large_utf8" + suffix, ArrowType.LargeUtf8.INSTANCE, "large_string", l));
            t.add(new TypeCase("binary" + suffix, ArrowType.Binary.INSTANCE, "binary", l));
            t.add(new TypeCase("large_binary" + suffix, ArrowType.LargeBinary.INSTANCE, "large_binary", l));
        }
        t.add(tc("null", ArrowType.Null.INSTANCE, "null"));
        return List.copyOf(t);
    }

    /** The subset of {@link #flatTypes()} that can be declared non-nullable (everything but Null). */
    public static List<TypeCase> nonNullTypes() {
        return flatTypes().stream().filter(t -> !t.isNullType()).toList();
    }

    /** A handful of representative types for expensive tests (over a million rows etc.). */
    public static List<TypeCase> representativeTypes() {
        return flatTypes().stream()
                .filter(t -> List.of("int32", "uint64", "float64", "float16", "bool", "timestamp_ns_utc",
                        "decimal128_38_10", "fsb16", "utf8", "large_binary", "null").contains(t.name()))
                .toList();
    }

    public static TypeCase byName(String name) {
        return flatTypes().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no type case " + name));
    }

    private static TypeCase tc(String name, ArrowType type, String logical) {
        return new TypeCase(name, type, logical, Lengths.MIXED);
    }

    private static String unitAbbrev(TimeUnit u) {
        return switch (u) {
            case SECOND -> "s";
            case MILLISECOND -> "ms";
            case MICROSECOND -> "us";
            case NANOSECOND -> "ns";
        };
    }

    // ------------------------------------------------------------------------------------------
    // Fields, schemas, roots
    // ------------------------------------------------------------------------------------------

    public static Field field(TypeCase tc, String name, boolean nullable) {
        return field(tc, name, nullable, null);
    }

    public static Field field(TypeCase tc, String name, boolean nullable, Map<String, String> metadata) {
        return new Field(name, new FieldType(nullable, tc.type(), null, metadata), null);
    }

    public static Schema schema(Field... fields) {
        return new Schema(Arrays.asList(fields));
    }

    /**
     * Creates a root for {@code schema} with {@code rows} rows. Column {@code c} uses seed
     * {@code seed + 1000 * c}; the type case of each column is looked up from the field type plus the
     * {@code lengths} hint stored in {@link #lengthsOf}.
     */
    public static VectorSchemaRoot root(BufferAllocator allocator, Schema schema, List<TypeCase> cases, int rows,
            long seed, Nulls nulls) {
        List<FieldVector> vectors = new ArrayList<>();
        try {
            for (int c = 0; c < schema.getFields().size(); c++) {
                vectors.add(vector(allocator, schema.getFields().get(c), cases.get(c), rows, seed + 1000L * c, nulls));
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        return new VectorSchemaRoot(schema, vectors, rows);
    }

    /** A one-column root. */
    public static VectorSchemaRoot root(BufferAllocator allocator, Field field, TypeCase tc, int rows, long seed,
            Nulls nulls) {
        return root(allocator, new Schema(List.of(field)), List.of(tc), rows, seed, nulls);
    }

    /** An empty root (0 rows, buffers allocated) for the schema. */
    public static VectorSchemaRoot emptyRoot(BufferAllocator allocator, Schema schema) {
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        root.allocateNew();
        root.setRowCount(0);
        return root;
    }

    // ------------------------------------------------------------------------------------------
    // Vector generation
    // ------------------------------------------------------------------------------------------

    /** Is row {@code i} of {@code rows} null under {@code nulls}? (RANDOM uses the random stream.) */
    private static boolean isNullRow(Nulls nulls, int i, int rows, SplittableRandom nullRandom) {
        return switch (nulls) {
            case NONE -> false;
            case RANDOM -> nullRandom.nextInt(10) < 3;
            case FIRST -> i < Math.max(1, rows / 3);
            case LAST -> i >= rows - Math.max(1, rows / 3);
            case ALL -> true;
            case ALTERNATE -> (i & 1) == 1;
            case SINGLE_MIDDLE -> i == rows / 2;
        };
    }

    /** Builds a vector of {@code rows} values for {@code field} (whose type must be {@code tc.type()}). */
    public static FieldVector vector(BufferAllocator allocator, Field field, TypeCase tc, int rows, long seed,
            Nulls nulls) {
        if (!field.getType().equals(tc.type())) {
            throw new IllegalArgumentException("field " + field + " does not have the type of " + tc);
        }
        if (!field.isNullable()) {
            nulls = Nulls.NONE;
        }
        FieldVector v = field.createVector(allocator);
        try {
            fill(v, tc, rows, seed, nulls);
        } catch (RuntimeException e) {
            v.close();
            throw e;
        }
        return v;
    }

    /**
     * Overwrites the contents of an existing vector IN PLACE with {@code rows} new values: the vector is
     * {@code reset()} (buffers zeroed, memory kept) and refilled, so as long as the new data fits, the
     * same memory now holds different values. This is what a caller reusing its vectors does.
     */
    public static void refillInPlace(FieldVector v, TypeCase tc, int rows, long seed, Nulls nulls) {
        if (!v.getField().isNullable()) {
            nulls = Nulls.NONE;
        }
        v.reset();
        fill(v, tc, rows, seed, nulls, false);
    }

    private static void fill(FieldVector v, TypeCase tc, int rows, long seed, Nulls nulls) {
        fill(v, tc, rows, seed, nulls, true);
    }

    private static void fill(FieldVector v, TypeCase tc, int rows, long seed, Nulls nulls, boolean allocate) {
        SplittableRandom values = new SplittableRandom(seed);
        SplittableRandom nullRandom = new SplittableRandom(seed ^ 0x5DEECE66DL);
        switch (v) {
            case NullVector n -> n.setValueCount(rows);
            case BitVector b -> {
                if (allocate) {
                    b.allocateNew(rows);
                }
                while (b.getValueCapacity() < rows) {
                    b.reAlloc();
                }
                for (int i = 0; i < rows; i++) {
                    boolean value = i < 2 ? i == 0 : values.nextBoolean();
                    if (isNullRow(nulls, i, rows, nullRandom)) {
                        if (nulls == Nulls.RANDOM && value) {
                            b.set(i, 1); // garbage bit under the null
                        }
                        b.setNull(i);
                    } else {
                        b.set(i, value ? 1 : 0);
                    }
                }
                b.setValueCount(rows);
            }
            case BaseFixedWidthVector f -> {
                int width = f.getTypeWidth();
                if (allocate) {
                    f.allocateNew(rows);
                }
                while (f.getValueCapacity() < rows) {
                    f.reAlloc();
                }
                ArrowBuf data = f.getDataBuffer();
                FixedGen gen = fixedGen(tc, width);
                byte[] slot = new byte[width];
                for (int i = 0; i < rows; i++) {
                    boolean isNull = isNullRow(nulls, i, rows, nullRandom);
                    Arrays.fill(slot, (byte) 0);
                    gen.next(i, values, slot);
                    if (isNull) {
                        if (nulls == Nulls.RANDOM && (i & 1) == 0) {
                            data.setBytes((long) i * width, slot); // garbage under the null
                        }
                        f.setNull(i);
                    } else {
                        data.setBytes((long) i * width, slot);
                        f.setIndexDefined(i);
                    }
                }
                f.setValueCount(rows);
            }
            case VariableWidthFieldVector vw -> {
                boolean utf8 = tc.type() instanceof ArrowType.Utf8 || tc.type() instanceof ArrowType.LargeUtf8;
                if (allocate) {
                    vw.allocateNew();
                }
                for (int i = 0; i < rows; i++) {
                    boolean isNull = isNullRow(nulls, i, rows, nullRandom);
                    byte[] value = utf8 ? stringValue(i, values, tc.lengths()).getBytes(StandardCharsets.UTF_8)
                            : binaryValue(i, values, tc.lengths());
                    if (isNull) {
                        if (nulls == Nulls.RANDOM && (i & 1) == 0) {
                            vw.setSafe(i, value); // offsets keep spanning these bytes after setNull
                        }
                        vw.setNull(i);
                    } else {
                        vw.setSafe(i, value);
                    }
                }
                vw.setValueCount(rows);
            }
            default -> throw new IllegalArgumentException("no generator for " + v.getClass().getSimpleName());
        }
    }

    /**
     * A variable-width vector made of runs: each run is {@code {count, length}}, where length -1
     * means {@code count} nulls. Strings are ASCII (length in bytes = characters), binaries random
     * bytes with zeros. Used to put very different value sizes next to each other inside one page.
     */
    public static FieldVector runs(BufferAllocator allocator, Field field, long seed, int[]... runs) {
        FieldVector v = field.createVector(allocator);
        try {
            VariableWidthFieldVector vw = (VariableWidthFieldVector) v;
            vw.allocateNew();
            SplittableRandom r = new SplittableRandom(seed);
            boolean utf8 = field.getType() instanceof ArrowType.Utf8 || field.getType() instanceof ArrowType.LargeUtf8;
            int row = 0;
            for (int[] run : runs) {
                for (int k = 0; k < run[0]; k++, row++) {
                    if (run[1] < 0) {
                        vw.setNull(row);
                        continue;
                    }
                    byte[] value = new byte[run[1]];
                    for (int j = 0; j < value.length; j++) {
                        value[j] = utf8 ? (byte) ('a' + r.nextInt(26)) : (byte) (r.nextInt(3) == 0 ? 0 : r.nextInt());
                    }
                    vw.setSafe(row, value);
                }
            }
            vw.setValueCount(row);
        } catch (RuntimeException e) {
            v.close();
            throw e;
        }
        return v;
    }

    /** Writes the little-endian bytes of row {@code i} into {@code slot}. */
    @FunctionalInterface
    private interface FixedGen {
        void next(int i, SplittableRandom r, byte[] slot);
    }

    private static FixedGen fixedGen(TypeCase tc, int width) {
        return switch (tc.type()) {
            case ArrowType.Int in -> in.getIsSigned()
                    ? longs(width, new long[] {minSigned(width), maxSigned(width), 0, -1, 1, 42})
                    : longs(width, new long[] {0, maxUnsigned(width), 1, 1L << (width * 8 - 1),
                        (1L << (width * 8 - 1)) - 1, 42});
            case ArrowType.FloatingPoint fp -> switch (fp.getPrecision()) {
                case HALF -> floats16();
                case SINGLE -> floats32();
                case DOUBLE -> floats64();
            };
            case ArrowType.Date d -> d.getUnit() == DateUnit.DAY
                    ? longs(4, new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1, 19_000, -719_162})
                    : longs(8, new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1_700_000_000_000L,
                        -62_135_596_800_000L});
            case ArrowType.Time t -> timeGen(t);
            case ArrowType.Timestamp ts -> longs(8, new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1,
                1_700_000_000_123_456_789L});
            case ArrowType.Duration du -> longs(8, new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1,
                86_400_000_000_000L});
            case ArrowType.Decimal dec -> decimals(dec);
            case ArrowType.FixedSizeBinary fsb -> fixedBinary(fsb.getByteWidth());
            default -> throw new IllegalArgumentException("no fixed-width generator for " + tc.type());
        };
    }

    static long minSigned(int width) {
        return width == 8 ? Long.MIN_VALUE : -(1L << (width * 8 - 1));
    }

    static long maxSigned(int width) {
        return width == 8 ? Long.MAX_VALUE : (1L << (width * 8 - 1)) - 1;
    }

    static long maxUnsigned(int width) {
        return width == 8 ? -1L : (1L << (width * 8)) - 1;
    }

    /** Specials first, then uniformly random bits of the width (any pattern is a valid integer). */
    private static FixedGen longs(int width, long[] specials) {
        return (i, r, slot) -> {
            long v = i < specials.length ? specials[i] : r.nextLong();
            putLe(slot, v, width);
        };
    }

    private static FixedGen timeGen(ArrowType.Time t) {
        long day = switch (t.getUnit()) {
            case SECOND -> 86_400L;
            case MILLISECOND -> 86_400_000L;
            case MICROSECOND -> 86_400_000_000L;
            case NANOSECOND -> 86_400_000_000_000L;
        };
        int width = t.getBitWidth() / 8;
        long[] specials = {0, day - 1, 1, day / 2};
        return (i, r, slot) -> putLe(slot, i < specials.length ? specials[i] : r.nextLong(day), width);
    }

    /** Half floats: zeros, infinities, canonical and non-canonical NaNs, subnormals, extremes. */
    private static FixedGen floats16() {
        int[] specials = {0x0000, 0x8000, 0x7C00, 0xFC00, 0x7E00, 0x7C01, 0x7D55, 0xFE00, 0xFFFF, 0xFC01,
            0x0001, 0x8001, 0x03FF, 0x0400, 0x7BFF, 0xFBFF, 0x3C00, 0xBC00};
        return (i, r, slot) -> {
            int bits = i < specials.length ? specials[i] : r.nextInt(0x10000);
            putLe(slot, bits, 2);
        };
    }

    /** Floats: as half floats plus signalling NaNs; random values are random bit patterns or normal floats. */
    private static FixedGen floats32() {
        int[] specials = {0x00000000, 0x80000000, 0x7F800000, 0xFF800000, 0x7FC00000, 0x7F800001, 0x7FBFFFFF,
            0xFFC00000, 0xFFFFFFFF, 0x7FC12345, 0xFF812345, 0x00000001, 0x80000001, 0x007FFFFF, 0x00800000,
            0x7F7FFFFF, 0xFF7FFFFF, 0x3F800000, Float.floatToRawIntBits(0.1f)};
        return (i, r, slot) -> {
            int bits;
            if (i < specials.length) {
                bits = specials[i];
            } else if (r.nextInt(4) == 0) {
                bits = r.nextInt(); // any bit pattern, including NaNs with random payloads
            } else {
                bits = Float.floatToRawIntBits((float) ((r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-10, 10))));
            }
            putLe(slot, bits, 4);
        };
    }

    private static FixedGen floats64() {
        long[] specials = {0L, 0x8000000000000000L, 0x7FF0000000000000L, 0xFFF0000000000000L, 0x7FF8000000000000L,
            0x7FF0000000000001L, 0x7FF7FFFFFFFFFFFFL, 0xFFF8000000000000L, 0xFFFFFFFFFFFFFFFFL,
            0x7FF8DEADBEEF0001L, 0xFFF0000000C0FFEEL, 0x0000000000000001L, 0x8000000000000001L,
            0x000FFFFFFFFFFFFFL, 0x0010000000000000L, 0x7FEFFFFFFFFFFFFFL, 0xFFEFFFFFFFFFFFFFL,
            Double.doubleToRawLongBits(1.0), Double.doubleToRawLongBits(0.1)};
        return (i, r, slot) -> {
            long bits;
            if (i < specials.length) {
                bits = specials[i];
            } else if (r.nextInt(4) == 0) {
                bits = r.nextLong();
            } else {
                bits = Double.doubleToRawLongBits((r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-300, 300)));
            }
            putLe(slot, bits, 8);
        };
    }

    /** Decimals within the precision: ±(10^p − 1), 0, ±1, then random unscaled values of random digit counts. */
    private static FixedGen decimals(ArrowType.Decimal dec) {
        BigInteger max = BigInteger.TEN.pow(dec.getPrecision()).subtract(BigInteger.ONE);
        BigInteger[] specials = {max, max.negate(), BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE.negate(),
            BigInteger.TEN.pow(dec.getPrecision() - 1)};
        int width = dec.getBitWidth() / 8;
        return (i, r, slot) -> {
            BigInteger v;
            if (i < specials.length) {
                v = specials[i];
            } else {
                int digits = 1 + r.nextInt(dec.getPrecision());
                StringBuilder sb = new StringBuilder(digits + 1);
                if (r.nextBoolean()) {
                    sb.append('-');
                }
                for (int d = 0; d < digits; d++) {
                    sb.append((char) ('0' + r.nextInt(10)));
                }
                v = new BigInteger(sb.toString());
            }
            putLe(slot, v, width);
        };
    }

    /** Fixed-size binary: all zeros, all 0xFF, a counting pattern, then random bytes (with extra zeros). */
    private static FixedGen fixedBinary(int width) {
        return (i, r, slot) -> {
            switch (i) {
                case 0 -> Arrays.fill(slot, (byte) 0);
                case 1 -> Arrays.fill(slot, (byte) 0xFF);
                case 2 -> {
                    for (int k = 0; k < width; k++) {
                        slot[k] = (byte) k;
                    }
                }
                default -> {
                    r.nextBytes(slot);
                    for (int k = 0; k < width; k += 3) {
                        if (r.nextBoolean()) {
                            slot[k] = 0;
                        }
                    }
                }
            }
        };
    }

    static void putLe(byte[] slot, long v, int width) {
        for (int k = 0; k < width; k++) {
            slot[k] = (byte) (v >>> (8 * k));
        }
    }

    static void putLe(byte[] slot, BigInteger v, int width) {
        byte[] be = v.toByteArray(); // two's complement, big-endian, minimal
        byte fill = (byte) (v.signum() < 0 ? 0xFF : 0);
        for (int k = 0; k < width; k++) {
            int src = be.length - 1 - k;
            slot[k] = src >= 0 ? be[src] : fill;
        }
    }

    // ------------------------------------------------------------------------------------------
    // Variable-width values
    // ------------------------------------------------------------------------------------------

    private static final String[] ALPHABET = {"a", "b", "z", "Q", "0", " ", "é", "ß", "漢", "字", "😀", "👍🏽",
        "e\u0301", "\u0000", "\t", "\n", "Ω", "🇺🇳"};

    /** Strings that start every MIXED utf8 column. */
    static final List<String> SPECIAL_STRINGS_MIXED = List.of(
            "", "a", "漢字テスト", "😀👍🏽🇺🇳", "e\u0301 n\u0303 a\u030A", "\u0000nul\u0000", "\uFEFFbom",
            ascii(255), ascii(256), ascii(257), utf8Exact(255), utf8Exact(256), "é".repeat(128),
            ascii(1000), "😀".repeat(20_000), "", "short again");

    static final List<String> SPECIAL_STRINGS_SHORT = List.of(
            "", "a", "漢字テスト", "😀👍🏽🇺🇳", "e\u0301 n\u0303 a\u030A", "\u0000nul\u0000", "\uFEFFbom",
            ascii(255), utf8Exact(255), ascii(254), "é".repeat(127), "");

    static final List<String> SPECIAL_STRINGS_LONG = List.of(
            ascii(256), utf8Exact(256), ascii(257), "é".repeat(128), "漢".repeat(300), ascii(4096),
            "😀".repeat(20_000));

    /** {@code n} ASCII characters (= n bytes). */
    static String ascii(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            sb.append((char) ('a' + k % 26));
        }
        return sb.toString();
    }

    /** A string of exactly {@code bytes} UTF-8 bytes made mostly of 3-byte CJK characters. */
    static String utf8Exact(int bytes) {
        StringBuilder sb = new StringBuilder();
        int left = bytes;
        while (left >= 3) {
            sb.append('漢');
            left -= 3;
        }
        while (left-- > 0) {
            sb.append('x');
        }
        return sb.toString();
    }

    private static String stringValue(int i, SplittableRandom r, Lengths lengths) {
        List<String> specials = switch (lengths) {
            case MIXED -> SPECIAL_STRINGS_MIXED;
            case SHORT -> SPECIAL_STRINGS_SHORT;
            case LONG -> SPECIAL_STRINGS_LONG;
        };
        if (i < specials.size()) {
            return specials.get(i);
        }
        int targetBytes = switch (lengths) {
            case MIXED -> r.nextInt(50) == 0 ? 256 + r.nextInt(2000) : r.nextInt(40);
            case SHORT -> r.nextInt(256);
            case LONG -> 256 + r.nextInt(1500);
        };
        StringBuilder sb = new StringBuilder();
        int bytes = 0;
        while (true) {
            String piece = ALPHABET[r.nextInt(ALPHABET.length)];
            int len = piece.getBytes(StandardCharsets.UTF_8).length;
            if (bytes + len > targetBytes) {
                break;
            }
            sb.append(piece);
            bytes += len;
        }
        while (bytes < targetBytes) { // pad with ASCII to hit the length exactly
            sb.append('x');
            bytes++;
        }
        return sb.toString();
    }

    private static byte[] binaryValue(int i, SplittableRandom r, Lengths lengths) {
        List<byte[]> specials = switch (lengths) {
            case MIXED -> List.of(new byte[0], new byte[] {0}, new byte[] {0, 0, 0}, allBytes(256),
                    new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xC0, 0x00, (byte) 0x80}, zeros(255), zeros(256),
                    zeros(70_000), new byte[0]);
            case SHORT -> List.of(new byte[0], new byte[] {0}, new byte[] {0, 0, 0}, allBytes(255),
                    new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xC0, 0x00, (byte) 0x80}, zeros(255), new byte[0]);
            case LONG -> List.of(allBytes(256), zeros(256), allBytes(257), zeros(70_000), allBytes(1024));
        };
        if (i < specials.size()) {
            return specials.get(i);
        }
        int len = switch (lengths) {
            case MIXED -> r.nextInt(50) == 0 ? 256 + r.nextInt(2000) : r.nextInt(40);
            case SHORT -> r.nextInt(256);
            case LONG -> 256 + r.nextInt(1500);
        };
        byte[] b = new byte[len];
        r.nextBytes(b);
        for (int k = 0; k < len; k += 2) {
            if (r.nextInt(3) == 0) {
                b[k] = 0;
            }
        }
        return b;
    }

    private static byte[] allBytes(int n) {
        byte[] b = new byte[n];
        for (int k = 0; k < n; k++) {
            b[k] = (byte) k;
        }
        return b;
    }

    private static byte[] zeros(int n) {
        return new byte[n];
    }
}
