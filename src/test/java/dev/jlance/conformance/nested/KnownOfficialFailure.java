package dev.jlance.conformance.nested;

import dev.jlance.conformance.nested.FuzzRunner.Outcome;
import dev.jlance.conformance.nested.FuzzRunner.Stage;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Failures of official Lance 7.0.0 (writer or reader) met by the randomized cases, recorded with what
 * they are. {@link OfficialRoundTripSelfCheckTest} lets a case that fails exactly this way (stage and
 * message) pass and counts it; any other failure of official+official is a bug in the harness or a
 * new official bug to record here. A comparison failure is classified only by re-running the case
 * without the one thing that causes it ({@link #CONTENT_UNDER_NULL_STRUCT_SHIFTS_VALUES}).
 */
enum KnownOfficialFailure {

    /**
     * The official writer cannot write a Null-typed field under a nullable struct that has nulls:
     * pushing the struct's nulls down gives the Null array a validity bitmap, which Arrow rejects
     * ({@code struct.rs}: "Arrays of type Null cannot contain a null bitmask").
     */
    NULL_CHILD_OF_NULLABLE_STRUCT(Stage.WRITE, "Arrays of type Null cannot contain a null bitmask"),

    /**
     * EMPTY_STRUCT: the official writer rejects a struct without children that has nulls or sits in
     * a list ("Empty structs with rep/def information are not yet supported").
     */
    EMPTY_STRUCT_WITH_REP_DEF(Stage.WRITE, "Empty structs with rep/def information are not yet supported"),

    /** BLOB: 7.0.0 writes blob columns only from large_binary ({@code blob.rs}: "Expected LargeBinary array, got Binary"). */
    BLOB_ON_BINARY(Stage.WRITE, "Expected LargeBinary array, got Binary"),

    /**
     * PACKED_STRUCT: a packed struct is one column in the file, but the 7.0.0 reader counts a column per
     * child when it projects, so any column after a packed struct is out of range ({@code reader.rs}:
     * "The projection specified the column index N but there are only N columns in the file").
     */
    PACKED_STRUCT_SHIFTS_COLUMNS(Stage.READ, "The projection specified the column index"),

    /**
     * The writer aborts the JVM when a mini-block chunk of a nested column outgrows the chunk limit
     * ({@code primitive.rs:4063} "assertion failed: chunk_bytes <= max_chunk_size"): seen with lists of
     * structs of lists holding many (tens of thousands of) levels, e.g. sparse batches, and with deep lists.
     */
    MINIBLOCK_CHUNK_OVERFLOW(Stage.WRITE, "chunk_bytes <= max_chunk_size"),

    /**
     * The reader aborts the JVM decoding lists that are almost all empty or null
     * ({@code primitive.rs:2578} "called `Option::unwrap()` on a `None` value"). Smallest seen:
     * {@code struct<large_list<int16 not null>>}, one batch of a 3-item list, 9 empty lists and a null
     * list, then a batch of 19 null structs; or 50 rows of empty lists before one of 2 booleans.
     */
    SPARSE_LIST_DECODE(Stage.READ, "primitive.rs:2578"),

    /**
     * The reader aborts the JVM on a full-zip (values of 256+ bytes) string column inside
     * {@code list<struct<list<utf8>>>} written in two batches ({@code primitive.rs:3581} "assertion
     * `left == right` failed").
     */
    FULL_ZIP_UNDER_LIST_OF_STRUCT(Stage.READ, "primitive.rs:3581"),

    /**
     * The reader aborts the JVM in {@code FixedFullZipDecoder} ({@code buffer.rs:290} "the offset +
     * length of the sliced Buffer cannot exceed the existing length"): {@code list<struct<list<double
     * not null>>>}, 13 rows of mostly null inner lists.
     */
    FIXED_FULL_ZIP_SLICE(Stage.READ, "buffer.rs:290"),

    /**
     * The reader cannot return a list of structs in batches that split it ({@code struct.rs:394}
     * "Incorrect array length for StructArray field"): {@code large_list<struct<list<bool>, timestamp>>},
     * 8 rows read 4 at a time.
     */
    STRUCT_IN_LIST_READ_IN_SMALL_BATCHES(Stage.READ, "Incorrect array length for StructArray field"),

    /**
     * DICTIONARY with STRUCTURAL_ENCODING_METADATA: a full-zip page of a dictionary-encoded column aborts the
     * writer ({@code compression.rs:650} "Per-value compression not yet supported for block type: Dictionary").
     */
    FULL_ZIP_DICTIONARY(Stage.WRITE, "Per-value compression not yet supported for block type: Dictionary"),

    /**
     * DICTIONARY: the writer concatenates the dictionaries of the batches in a page and aborts the JVM when
     * the result outgrows the key type ({@code arrow-data transform/mod.rs:680} "DictionaryKeyOverflowError").
     */
    DICTIONARY_KEY_OVERFLOW(Stage.WRITE, "DictionaryKeyOverflowError"),

    /**
     * DICTIONARY: keys into a dictionary whose values are all null ({@code primitive.rs:5422} "Value at
     * position 0 out of bounds: 0 (should be in [0, -1])").
     */
    DICTIONARY_OF_NULLS(Stage.WRITE, "(should be in [0, -1])"),

    /**
     * Wrong values, silently: a non-empty list under a null struct (Arrow allows any content under a
     * null) is kept by the writer, and the reader returns the items of the lists after it shifted by
     * that many. Smallest seen: {@code struct<list<utf8 not null>>}, rows {@code {k: null}, null (its list
     * holding one item), {k: [4 strings]}, {k: [3 strings]}}: rows 2 and 3 come back shifted. Recognised by
     * running the case again with that content removed ({@link FuzzCase.Quirk#UNDER_NULL_PARENTS} off),
     * which must then pass.
     */
    CONTENT_UNDER_NULL_STRUCT_SHIFTS_VALUES(Stage.COMPARE, null),

    /**
     * Wrong values, silently: a full-zip value (256+ bytes) in a list inside nullable structs comes back
     * empty. Smallest seen: {@code struct<struct<struct<list<binary not null>>>>}, a batch of one row whose
     * list is null, then a batch whose first row holds a list of one 257-byte value (returned as 0 bytes)
     * and whose second row has a null inner struct. Recognised by running the case again with values of at
     * most 255 bytes ({@link FuzzCase.Quirk#LONG_VALUES} off), which must then pass.
     */
    FULL_ZIP_VALUE_LOST_IN_NESTED_LIST(Stage.COMPARE, null),

    /**
     * Wrong values, silently, without any data quirk: a string or binary in a list inside a nullable
     * struct comes back empty. Smallest seen: {@code struct<large_list<large_binary not null>>}, 28 null
     * structs, a null list, then a list of three 6-byte values whose first comes back as 0 bytes; and
     * {@code list<struct<struct<list<binary not null>>>>} (reproduced with vectors built by Arrow Java's
     * own writers). Recognised when every mismatch reported is a non-empty value inside a list that came
     * back with 0 bytes.
     */
    VARIABLE_VALUE_IN_LIST_COMES_BACK_EMPTY(Stage.COMPARE, null),

    /**
     * FIXED_SIZE_LIST: a fixed-size list of fixed-size lists whose rows take 256 bytes or more (full-zip)
     * does not come back: {@code fixed_size_list<fixed_size_list<int8, 384>, 8>}, one row, fails the read
     * ("Invalid range 0..3072 for object of size 326 bytes"); {@code fixed_size_list<fixed_size_list<int64,
     * 17>, 3>} comes back with wrong values (0x4848...); {@code struct<fixed_size_list<fixed_size_list<int16,
     * 384>, 2>, ...>} aborts the reader ({@code repdef.rs:1427} index out of bounds). Recognised by running
     * the case again without its top-level fields that hold a fixed-size list of fixed-size lists, which
     * must then pass.
     */
    NESTED_FIXED_SIZE_LIST(null, null);

    private final Stage stage;
    private final String message;

    KnownOfficialFailure(Stage stage, String message) {
        this.stage = stage;
        this.message = message;
    }

    /** The name of the recorded failure {@code o} is (by stage and message), or null. Never a comparison. */
    static String classify(Outcome o) {
        if (o.passed() || o.stage() == Stage.COMPARE) {
            return null;
        }
        String text = o.summary(100_000);
        for (KnownOfficialFailure k : values()) {
            if (k.stage == o.stage() && k.message != null && text.contains(k.message)) {
                return k.name();
            }
        }
        return null;
    }

    /**
     * As {@link #classify(Outcome)}, and a comparison failure of case {@code c} is
     * {@link #CONTENT_UNDER_NULL_STRUCT_SHIFTS_VALUES} if {@code rerun} of the case without content
     * under null parents passes, {@link #FULL_ZIP_VALUE_LOST_IN_NESTED_LIST} if it passes without long values.
     */
    static String classify(FuzzCase c, Outcome o, Function<FuzzCase, Outcome> rerun) {
        String byMessage = classify(o);
        if (byMessage != null || o.passed()) {
            return byMessage;
        }
        if (o.stage() != Stage.WRITE && withoutNestedFixedSizeLists(c, rerun)) {
            return NESTED_FIXED_SIZE_LIST.name();
        }
        if (o.stage() != Stage.COMPARE) {
            return null;
        }
        if (c.has(FuzzCase.Quirk.UNDER_NULL_PARENTS)
                && rerun.apply(c.apply("Q" + FuzzCase.Quirk.UNDER_NULL_PARENTS)).passed()) {
            return CONTENT_UNDER_NULL_STRUCT_SHIFTS_VALUES.name();
        }
        if (c.has(FuzzCase.Quirk.LONG_VALUES) && rerun.apply(c.apply("Q" + FuzzCase.Quirk.LONG_VALUES)).passed()) {
            return FULL_ZIP_VALUE_LOST_IN_NESTED_LIST.name();
        }
        if (onlyValuesInListsEmptied(String.valueOf(o.error().getMessage()))) {
            return VARIABLE_VALUE_IN_LIST_COMES_BACK_EMPTY.name();
        }
        KnownOfficialFailure bySeed = COMPARE_FAILURES_BY_SEED.get(c.seed());
        return bySeed == null || !c.steps().isEmpty() ? null : bySeed.name();
    }

    /**
     * Generated cases on which official returns wrong values that the rules above do not recognise
     * (other mismatches come with the recognised ones), each shrunk to the failure named:
     * 0x41ec9b4b7fbc24b5 shrinks to {@code list<struct not null<struct<list<binary not null>>>>},
     * 10 rows, where a 7-byte value after a null struct in the same list comes back empty.
     */
    private static final Map<Long, KnownOfficialFailure> COMPARE_FAILURES_BY_SEED = Map.of(
            0x41ec9b4b7fbc24b5L, VARIABLE_VALUE_IN_LIST_COMES_BACK_EMPTY);

    /** True if the case has top-level fields holding a fixed-size list of fixed-size lists, and passes without them. */
    private static boolean withoutNestedFixedSizeLists(FuzzCase c, Function<FuzzCase, Outcome> rerun) {
        List<Integer> nested = new ArrayList<>();
        for (int i = 0; i < c.schema().getFields().size(); i++) {
            if (hasNestedFixedSizeList(c.schema().getFields().get(i), false)) {
                nested.add(i);
            }
        }
        if (nested.isEmpty() || nested.size() == c.schema().getFields().size()) {
            return false;
        }
        FuzzCase without = c;
        for (int k = nested.size() - 1; k >= 0; k--) {
            without = without.apply("D" + nested.get(k));
        }
        return rerun.apply(without).passed();
    }

    private static boolean hasNestedFixedSizeList(Field f, boolean inFixedSizeList) {
        boolean fsl = f.getType() instanceof ArrowType.FixedSizeList;
        if (fsl && inFixedSizeList) {
            return true;
        }
        for (Field child : f.getChildren()) {
            if (hasNestedFixedSizeList(child, fsl)) {
                return true;
            }
        }
        return false;
    }

    /** True if every mismatch line of a comparator report is a value inside a list that came back with 0 bytes. */
    static boolean onlyValuesInListsEmptied(String report) {
        int lines = 0;
        for (String line : report.split("\n")) {
            String l = line.trim();
            if (!l.startsWith("row ")) {
                continue;
            }
            lines++;
            String path = l.substring(0, Math.max(0, l.indexOf(" (")));
            if (!path.contains("[") || !(l.endsWith("but was 0x (0 bytes)") || l.endsWith("but was \"\" (0 bytes)"))
                    || l.contains("expected null") || l.contains("expected 0x (0 bytes)")
                    || l.contains("expected \"\" (0 bytes)")) {
                return false;
            }
        }
        return lines > 0;
    }
}
