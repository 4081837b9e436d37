package dev.jlance.conformance.nested;

import dev.jlance.conformance.TestData;
import dev.jlance.conformance.nested.FuzzCase.BatchSpec;
import dev.jlance.conformance.nested.FuzzCase.Mood;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Draws a random {@link FuzzCase} from a seed: a schema of fields nested up to {@link #MAX_DEPTH}
 * levels (structs, lists, large lists and, with features on, fixed-size lists, packed structs,
 * empty structs, blobs, dictionaries and encoding metadata) over every flat type jlance writes, and
 * the batches, options and read batch size. The same seed and features always give the same case.
 */
public final class NestedSchemaGenerator {

    /** Deepest nesting: a leaf under at most this many structs/lists. */
    public static final int MAX_DEPTH = 4;

    /** Items a list's child vector gets at most per batch in ordinary cases, and in the occasional big one. */
    static final int ITEM_CAP = 20_000;
    static final int BIG_ITEM_CAP = 200_000;

    /** Flat leaf types: one entry per distinct Arrow type of {@link TestData#flatTypes()}. */
    static final List<ArrowType> LEAF_TYPES = TestData.flatTypes().stream().map(TestData.TypeCase::type).distinct()
            .toList();

    /** Leaf types of a fixed byte width up to 16 (packed struct children). */
    static final List<ArrowType> FIXED_BYTE_TYPES = LEAF_TYPES.stream().filter(t -> byteWidth(t) > 0
            && byteWidth(t) <= 16).toList();

    /** Fixed-size list items: the fixed byte widths and booleans. */
    static final List<ArrowType> FIXED_SIZE_LIST_ITEMS = Stream.concat(FIXED_BYTE_TYPES.stream(),
            Stream.of(ArrowType.Bool.INSTANCE)).toList();

    private static final String[] CHILD_NAMES = {"a", "b", "c", "id", "value", "x y", "ünï", "名前", "a.b", "_",
        "A", "tags", "k", "payload", "-"};
    private static final String[] ITEM_NAMES = {"item", "item", "item", "item", "element", "v", "$data$"};

    private final SplittableRandom r;
    private final Set<NestedFeature> features;
    private final Map<Long, ArrowType> dictionaries = new LinkedHashMap<>();
    /** How many lists (of any kind) enclose the field being generated. */
    private int listDepth;

    private NestedSchemaGenerator(long seed, Set<NestedFeature> features) {
        this.r = new SplittableRandom(seed);
        this.features = features;
    }

    /** The case of {@code seed} under {@code features}. */
    public static FuzzCase generate(long seed, Set<NestedFeature> features) {
        NestedSchemaGenerator g = new NestedSchemaGenerator(seed, features);
        return g.generateCase(seed);
    }

    private boolean on(NestedFeature f) {
        return features.contains(f);
    }

    private FuzzCase generateCase(long seed) {
        Schema schema = schema();
        boolean big = r.nextInt(50) == 0;
        int itemCap = big ? BIG_ITEM_CAP : ITEM_CAP;
        int weight = rowWeight(schema);
        int maxRows = Math.max(4, (big ? 400_000 : 20_000) / weight);
        List<BatchSpec> batches = new ArrayList<>();
        int n = 1 + r.nextInt(4);
        for (int b = 0; b < n; b++) {
            Mood mood = switch (r.nextInt(40)) {
                case 0 -> Mood.SPARSE;
                case 1, 2 -> Mood.LONG_LISTS;
                default -> Mood.NORMAL;
            };
            int rows = switch (mood) {
                case SPARSE -> 10_000 + r.nextInt(20_000);
                case LONG_LISTS -> 1 + r.nextInt(200);
                case NORMAL -> normalRows(big);
            };
            // sparse batches keep their tens of thousands of rows unless each row is heavy (a wide fixed-size list)
            rows = Math.min(rows, mood == Mood.SPARSE ? Math.max(1000, 2_000_000 / weight) : maxRows);
            batches.add(new BatchSpec(rows, r.nextLong(), mood));
        }
        long cache = switch (r.nextInt(6)) {
            case 0 -> 1 + r.nextInt(4096);
            case 1 -> 4096 + r.nextInt(64 * 1024);
            default -> 0;
        };
        long total = batches.stream().mapToLong(BatchSpec::rows).sum();
        int readBatch = switch (r.nextInt(6)) {
            case 0 -> total <= 2000 ? 1 + r.nextInt(8) : 997;
            case 1 -> 50 + r.nextInt(1000);
            case 2 -> 100_000;
            default -> 997;
        };
        return new FuzzCase(seed, schema, batches, cache, readBatch, dictionaries, features, itemCap,
                EnumSet.noneOf(FuzzCase.Quirk.class), List.of());
    }

    private int normalRows(boolean big) {
        if (big) {
            return 20_000 + r.nextInt(130_000);
        }
        return switch (r.nextInt(40)) {
            case 0, 1, 2, 3 -> 0;
            case 4, 5, 6, 7, 8, 9 -> 1 + r.nextInt(5);
            case 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23 -> 6 + r.nextInt(55);
            case 24, 25, 26, 27, 28, 29, 30, 31, 32 -> 60 + r.nextInt(340);
            case 33, 34, 35, 36, 37 -> 400 + r.nextInt(1600);
            default -> 2000 + r.nextInt(4000);
        };
    }

    /** Rough leaf values per row (lists count ~3 items, fixed-size lists their size), to bound batch sizes. */
    static int rowWeight(Schema schema) {
        long w = 0;
        for (Field f : schema.getFields()) {
            w += weight(f);
        }
        return (int) Math.max(1, Math.min(w, 1_000_000));
    }

    private static long weight(Field f) {
        return switch (f.getType()) {
            case ArrowType.Struct s -> 1 + f.getChildren().stream().mapToLong(NestedSchemaGenerator::weight).sum();
            case ArrowType.List l -> 1 + 3 * weight(f.getChildren().getFirst());
            case ArrowType.LargeList l -> 1 + 3 * weight(f.getChildren().getFirst());
            case ArrowType.FixedSizeList l -> 1 + (long) l.getListSize() * weight(f.getChildren().getFirst());
            case ArrowType.FixedSizeBinary b -> 1 + b.getByteWidth() / 64;
            default -> 1;
        };
    }

    // ------------------------------------------------------------------------------------------
    // Schemas
    // ------------------------------------------------------------------------------------------

    private Schema schema() {
        List<Field> fields = new ArrayList<>();
        int shape = r.nextInt(20);
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            String name = "c" + i;
            Field f;
            if (shape < 3) { // flat only
                f = leaf(name, true);
            } else if (shape < 6 && i == 0) {
                f = template(name);
            } else {
                f = r.nextInt(5) == 0 ? leaf(name, true) : nested(name, 1 + r.nextInt(MAX_DEPTH));
            }
            fields.add(f);
        }
        Map<String, String> metadata = r.nextInt(8) == 0 ? Map.of("fuzz", "schema ü", "empty", "") : null;
        return new Schema(fields, metadata);
    }

    /** A field that is a struct or a list (or fixed-size list) with up to {@code depth} nested levels. */
    private Field nested(String name, int depth) {
        int k = r.nextInt(on(NestedFeature.FIXED_SIZE_LIST) ? 10 : 9);
        return switch (k) {
            case 0, 1, 2, 3 -> struct(name, depth);
            case 4, 5, 6 -> list(name, false, depth);
            case 7, 8 -> list(name, true, depth);
            default -> fixedSizeList(name, depth);
        };
    }

    /** A field of at most {@code depth} nested levels: a leaf or, sometimes, nested. */
    private Field any(String name, int depth) {
        if (depth == 0 || r.nextInt(5) < 2) {
            return leaf(name, true);
        }
        return nested(name, depth);
    }

    private Field struct(String name, int depth) {
        boolean nullable = r.nextBoolean();
        if (on(NestedFeature.EMPTY_STRUCT) && r.nextInt(12) == 0) {
            return new Field(name, new FieldType(nullable, ArrowType.Struct.INSTANCE, null), List.of());
        }
        if (on(NestedFeature.PACKED_STRUCT) && r.nextInt(6) == 0) {
            return packedStruct(name, nullable);
        }
        int n = 1 + r.nextInt(4);
        List<Field> children = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int i = 0; i < n; i++) {
            children.add(any(uniqueName(used), depth - 1));
        }
        return new Field(name, new FieldType(nullable, ArrowType.Struct.INSTANCE, null, fieldMetadata()), children);
    }

    private Field packedStruct(String name, boolean nullable) {
        int n = 1 + r.nextInt(4);
        List<Field> children = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int i = 0; i < n; i++) {
            ArrowType t = FIXED_BYTE_TYPES.get(r.nextInt(FIXED_BYTE_TYPES.size()));
            children.add(new Field(uniqueName(used), FieldType.notNullable(t), null));
        }
        return new Field(name, new FieldType(nullable, ArrowType.Struct.INSTANCE, null,
                Map.of("lance-encoding:packed", "true")), children);
    }

    private Field list(String name, boolean large, int depth) {
        boolean nullable = r.nextBoolean();
        String item = ITEM_NAMES[r.nextInt(ITEM_NAMES.length)];
        listDepth++;
        Field child = any(item, depth - 1);
        listDepth--;
        return new Field(name, new FieldType(nullable, large ? ArrowType.LargeList.INSTANCE : ArrowType.List.INSTANCE,
                null, fieldMetadata()), List.of(child));
    }

    private Field fixedSizeList(String name, int depth) {
        int[] dims = {1, 2, 3, 4, 8, 17, 384, 1536};
        int d = dims[r.nextInt(dims.length)];
        Field child;
        if (depth > 1 && d <= 17 && r.nextInt(4) == 0) {
            listDepth++;
            child = fixedSizeList("item", depth - 1);
            listDepth--;
        } else {
            ArrowType t = FIXED_SIZE_LIST_ITEMS.get(r.nextInt(FIXED_SIZE_LIST_ITEMS.size()));
            child = new Field("item", new FieldType(r.nextBoolean(), t, null), null);
        }
        return new Field(name, new FieldType(r.nextBoolean(), new ArrowType.FixedSizeList(d), null),
                List.of(child));
    }

    /** The combinations named in the issue, with random leaves, nullability and list kinds. */
    private Field template(String name) {
        listDepth++; // (leaves are made before the lists around them: treat them all as in a list)
        try {
            return templateShape(name);
        } finally {
            listDepth--;
        }
    }

    private Field templateShape(String name) {
        return switch (r.nextInt(5)) {
            case 0 -> listOf(name, structOf("s", listOf("l", leaf("x", true)), leaf("y", true)));
            case 1 -> structOf(name, listOf("l", structOf("s", leaf("p", true), leaf("q", true))), leaf("z", true));
            case 2 -> listOf(name, listOf("l2", listOf("l3", listOf("l4", leaf("i", false)))));
            case 3 -> listOf(name, structOf("s", listOf("l", leaf("str", false))));
            default -> structOf(name, structOf("s2", structOf("s3", structOf("s4", leaf("x", true)))));
        };
    }

    private Field listOf(String name, Field child) {
        boolean large = r.nextInt(3) == 0;
        return new Field(name, new FieldType(r.nextBoolean(), large ? ArrowType.LargeList.INSTANCE
                : ArrowType.List.INSTANCE, null), List.of(child));
    }

    private Field structOf(String name, Field... children) {
        return new Field(name, new FieldType(r.nextBoolean(), ArrowType.Struct.INSTANCE, null), List.of(children));
    }

    // ------------------------------------------------------------------------------------------
    // Leaves
    // ------------------------------------------------------------------------------------------

    /** A random flat leaf (with {@code anyType} false: an int, string or float, as the templates want). */
    private Field leaf(String name, boolean anyType) {
        ArrowType type = anyType ? leafType() : switch (r.nextInt(4)) {
            case 0 -> new ArrowType.Int(32, true);
            case 1 -> ArrowType.Utf8.INSTANCE;
            case 2 -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            default -> new ArrowType.Int(64, false);
        };
        boolean nullable = type instanceof ArrowType.Null || r.nextInt(5) < 3;
        Map<String, String> metadata = new LinkedHashMap<>();
        DictionaryEncoding dictionary = null;
        if (on(NestedFeature.DICTIONARY) && dictionaryValueType(type) && r.nextInt(4) == 0) {
            ArrowType.Int keys = new ArrowType.Int(8 << r.nextInt(4), r.nextBoolean());
            long id = dictionaries.size() + 1;
            dictionaries.put(id, type);
            dictionary = new DictionaryEncoding(id, false, keys);
            type = keys;
        }
        // blob columns: top-level or in structs; a blob in a list cannot be read back by 7.0.0 ("Expected option
        // to have value") and is not a layout Lance offers
        if (on(NestedFeature.BLOB) && dictionary == null && listDepth == 0 && (type instanceof ArrowType.Binary
                || type instanceof ArrowType.LargeBinary) && r.nextInt(3) == 0) {
            metadata.put("lance-encoding:blob", "true");
        }
        if (on(NestedFeature.STRUCTURAL_ENCODING_METADATA) && !(type instanceof ArrowType.Null) && r.nextInt(4) == 0) {
            metadata.put("lance-encoding:structural-encoding", r.nextBoolean() ? "miniblock" : "fullzip");
        }
        if (on(NestedFeature.COMPRESSION_METADATA) && !(type instanceof ArrowType.Null) && r.nextInt(4) == 0) {
            metadata.put("lance-encoding:compression", switch (r.nextInt(3)) {
                case 0 -> "zstd";
                case 1 -> "lz4";
                default -> "none";
            });
        }
        Map<String, String> plain = fieldMetadata();
        if (plain != null) {
            metadata.putAll(plain);
        }
        return new Field(name, new FieldType(nullable, type, dictionary, metadata.isEmpty() ? null : metadata), null);
    }

    private ArrowType leafType() {
        // by family first, so that the many timestamp variants do not crowd out everything else
        List<ArrowType> family = switch (r.nextInt(20)) {
            case 0, 1, 2, 3 -> of(ArrowType.Int.class);
            case 4, 5 -> of(ArrowType.FloatingPoint.class);
            case 6, 7 -> of(ArrowType.Bool.class);
            case 8 -> of(ArrowType.Decimal.class);
            case 9 -> of(ArrowType.Date.class, ArrowType.Time.class);
            case 10 -> of(ArrowType.Timestamp.class, ArrowType.Duration.class);
            case 11 -> of(ArrowType.FixedSizeBinary.class);
            case 12, 13, 14, 15 -> of(ArrowType.Utf8.class, ArrowType.LargeUtf8.class);
            case 16, 17, 18 -> of(ArrowType.Binary.class, ArrowType.LargeBinary.class);
            default -> of(ArrowType.Null.class);
        };
        return family.get(r.nextInt(family.size()));
    }

    @SafeVarargs
    private static List<ArrowType> of(Class<? extends ArrowType>... kinds) {
        List<ArrowType> out = new ArrayList<>();
        for (ArrowType t : LEAF_TYPES) {
            for (Class<? extends ArrowType> k : kinds) {
                if (k.isInstance(t)) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /** Value types jlance (and Lance) accept for dictionaries: integers, floats, booleans, strings, binaries. */
    static boolean dictionaryValueType(ArrowType t) {
        return t instanceof ArrowType.Int || t instanceof ArrowType.FloatingPoint || t instanceof ArrowType.Bool
                || t instanceof ArrowType.Utf8 || t instanceof ArrowType.LargeUtf8 || t instanceof ArrowType.Binary
                || t instanceof ArrowType.LargeBinary;
    }

    /** Now and then plain (non-Lance) field metadata, which must come back unchanged. */
    private Map<String, String> fieldMetadata() {
        return r.nextInt(12) == 0 ? Map.of("fuzz-note", "n" + r.nextInt(100)) : null;
    }

    private String uniqueName(Set<String> used) {
        while (true) {
            String n = CHILD_NAMES[r.nextInt(CHILD_NAMES.length)];
            if (used.size() >= CHILD_NAMES.length / 2) {
                n = n + used.size();
            }
            if (used.add(n)) {
                return n;
            }
        }
    }

    /** Bytes per value of a fixed-width leaf type, 0 for others (bool, variable width, null). */
    static int byteWidth(ArrowType t) {
        return switch (t) {
            case ArrowType.Int i -> i.getBitWidth() / 8;
            case ArrowType.FloatingPoint f -> switch (f.getPrecision()) {
                case HALF -> 2;
                case SINGLE -> 4;
                case DOUBLE -> 8;
            };
            case ArrowType.Decimal d -> d.getBitWidth() / 8;
            case ArrowType.Date d -> d.getUnit() == DateUnit.DAY ? 4 : 8;
            case ArrowType.Time tm -> tm.getBitWidth() / 8;
            case ArrowType.Timestamp ts -> 8;
            case ArrowType.Duration du -> 8;
            case ArrowType.FixedSizeBinary b -> b.getByteWidth();
            default -> 0;
        };
    }
}
