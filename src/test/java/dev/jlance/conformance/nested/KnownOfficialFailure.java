package dev.jlance.conformance.nested;

import dev.jlance.conformance.nested.FuzzRunner.Outcome;
import dev.jlance.conformance.nested.FuzzRunner.Stage;

/**
 * Failures of official Lance 7.0.0 (writer or reader) met by the randomized cases, recorded with what
 * they are. {@link OfficialRoundTripSelfCheckTest} lets a case that fails exactly this way (stage and
 * message) pass and counts it; any other failure of official+official is a bug in the harness or a
 * new official bug to record here. Comparison failures are never classified: a value that comes
 * back different is always reported.
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
    DICTIONARY_OF_NULLS(Stage.WRITE, "(should be in [0, -1])");

    private final Stage stage;
    private final String message;

    KnownOfficialFailure(Stage stage, String message) {
        this.stage = stage;
        this.message = message;
    }

    /** The name of the recorded failure {@code o} is, or null if it is none of them. */
    static String classify(Outcome o) {
        if (o.passed() || o.stage() == Stage.COMPARE) {
            return null;
        }
        String text = o.summary(100_000);
        for (KnownOfficialFailure k : values()) {
            if (k.stage == o.stage() && text.contains(k.message)) {
                return k.name();
            }
        }
        return null;
    }
}
