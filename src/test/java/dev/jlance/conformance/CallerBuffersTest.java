package dev.jlance.conformance;

import dev.jlance.conformance.TestData.Nulls;
import dev.jlance.conformance.TestData.TypeCase;
import dev.jlance.file.LanceFileWriter;
import dev.jlance.file.WriteOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who owns the caller's Arrow buffers after {@code write} returns.
 *
 * <ul>
 *   <li>{@code keepOriginalArray(true)} and {@code (false)} must both produce correct files, with
 *       pages cut during {@code write} (small cache) and at {@code close} (default cache).
 *   <li>With the default options ({@code keepOriginalArray=false}, documented in
 *       {@code EncodingOptions.defaults()}: "the caller may reuse its vectors at once"), a caller that
 *       overwrites its vectors in place, clears and refills them, or closes them right after
 *       {@code write} returns must still find the ORIGINAL values in the file.
 *   <li>With {@code keepOriginalArray(true)} the writer "keeps a reference to the caller's Arrow
 *       buffers"; closing (not mutating) the caller's root after {@code write} must therefore be safe
 *       (the writer holds its own reference count), and once the writer is closed it must have released
 *       every buffer (the per-test RootAllocator fails the test on a leak).
 * </ul>
 */
class CallerBuffersTest extends ConformanceTestBase {

    static Stream<Arguments> typesAndKeep() {
        return TestData.flatTypes().stream()
                .flatMap(tc -> Stream.of(Arguments.of(tc, false), Arguments.of(tc, true)));
    }

    static List<TypeCase> allTypes() {
        return TestData.flatTypes();
    }

    private static final int[] SIZES = {500, 37, 0, 1200, 1};

    private List<VectorSchemaRoot> expectedBatches(Schema schema, TypeCase tc) {
        List<VectorSchemaRoot> out = new ArrayList<>();
        for (int b = 0; b < SIZES.length; b++) {
            out.add(track(TestData.root(allocator, schema, List.of(tc), SIZES[b], 2000 + b, Nulls.RANDOM)));
        }
        return out;
    }

    /** keepOriginalArray true/false, with a small cache (pages cut inside write) and the default one. */
    @ParameterizedTest(name = "{0} keepOriginalArray={1}")
    @MethodSource("typesAndKeep")
    void keepOriginalArrayBothWays(TypeCase tc, boolean keep) throws Exception {
        Schema schema = new Schema(List.of(TestData.field(tc, "c", true), TestData.field(TestData.byName("int32"),
                "id", false)));
        List<TypeCase> cases = List.of(tc, TestData.byName("int32"));
        List<VectorSchemaRoot> batches = new ArrayList<>();
        for (int b = 0; b < SIZES.length; b++) {
            batches.add(track(TestData.root(allocator, schema, cases, SIZES[b], 3000 + b, Nulls.RANDOM)));
        }
        for (long cache : new long[] {2048, 8L * 1024 * 1024}) {
            Path file = newFile("keep_" + keep + "_" + cache);
            OfficialReaderHarness.writeAndVerify(file, schema, batches,
                    WriteOptions.builder().keepOriginalArray(keep).cacheBytesPerColumn(cache).build(), allocator);
        }
    }

    /**
     * Default options: ONE root is written, then overwritten in place (reset + refill: same memory,
     * new values), written again, and so on. The file must hold every batch's original values.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("allTypes")
    void callerOverwritesVectorsInPlaceAfterWrite(TypeCase tc) throws Exception {
        Schema schema = new Schema(List.of(TestData.field(tc, "c", true)));
        List<VectorSchemaRoot> expected = expectedBatches(schema, tc);
        Path file = newFile("inplace");
        try (VectorSchemaRoot reused = TestData.root(allocator, schema, List.of(tc), SIZES[0], 2000, Nulls.RANDOM)) {
            try (LanceFileWriter writer = LanceFileWriter.open(file, schema, WriteOptions.defaults())) {
                for (int b = 0; b < SIZES.length; b++) {
                    if (b > 0) {
                        TestData.refillInPlace(reused.getVector(0), tc, SIZES[b], 2000 + b, Nulls.RANDOM);
                        reused.setRowCount(SIZES[b]);
                    }
                    writer.write(reused);
                }
                // After the last write, scribble over the vector once more before close() encodes.
                TestData.refillInPlace(reused.getVector(0), tc, SIZES[SIZES.length - 1], 999_999, Nulls.NONE);
            }
        }
        OfficialReaderHarness.assertFileContains(file, schema, expected, allocator,
                OfficialReaderHarness.DEFAULT_READ_BATCH_SIZE);
    }

    /** Default options: after each write the caller clear()s its vectors (freeing the memory) and refills them. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("allTypes")
    void callerClearsAndRefillsAfterWrite(TypeCase tc) throws Exception {
        Schema schema = new Schema(List.of(TestData.field(tc, "c", true)));
        List<VectorSchemaRoot> expected = expectedBatches(schema, tc);
        Path file = newFile("clear");
        try (VectorSchemaRoot reused = VectorSchemaRoot.create(schema, allocator);
                LanceFileWriter writer = LanceFileWriter.open(file, schema, WriteOptions.defaults())) {
            for (int b = 0; b < SIZES.length; b++) {
                reused.clear();
                try (VectorSchemaRoot fresh = TestData.root(allocator, schema, List.of(tc), SIZES[b], 2000 + b,
                        Nulls.RANDOM)) {
                    // Move the fresh buffers into the reused vector (the reused vector now owns them).
                    FieldVector target = reused.getVector(0);
                    fresh.getVector(0).makeTransferPair(target).transfer();
                }
                reused.setRowCount(SIZES[b]);
                writer.write(reused);
                reused.clear(); // frees the memory the batch lived in; the next allocation may land there
                // Allocate and fill garbage so freed memory is likely reused by something else.
                try (VectorSchemaRoot garbage = TestData.root(allocator, schema, List.of(tc), SIZES[b], 777 + b,
                        Nulls.NONE)) {
                    garbage.getVector(0).getValueCount();
                }
            }
        }
        OfficialReaderHarness.assertFileContains(file, schema, expected, allocator,
                OfficialReaderHarness.DEFAULT_READ_BATCH_SIZE);
    }

    /**
     * Closing each batch right after write returns, with both settings of keepOriginalArray. With
     * false the writer copied the data; with true it must hold a reference of its own. Either way
     * the values must survive and the allocator must be empty once the writer is closed.
     */
    @ParameterizedTest(name = "{0} keepOriginalArray={1}")
    @MethodSource("typesAndKeep")
    void callerClosesBatchesRightAfterWrite(TypeCase tc, boolean keep) throws Exception {
        Schema schema = new Schema(List.of(TestData.field(tc, "c", true)));
        List<VectorSchemaRoot> expected = expectedBatches(schema, tc);
        Path file = newFile("closed");
        try (LanceFileWriter writer = LanceFileWriter.open(file, schema,
                WriteOptions.builder().keepOriginalArray(keep).build())) {
            for (int b = 0; b < SIZES.length; b++) {
                try (VectorSchemaRoot batch = TestData.root(allocator, schema, List.of(tc), SIZES[b], 2000 + b,
                        Nulls.RANDOM)) {
                    writer.write(batch);
                }
                // Reuse the freed memory for unrelated data.
                try (VectorSchemaRoot garbage = TestData.root(allocator, schema, List.of(tc), SIZES[b], 555 + b,
                        Nulls.NONE)) {
                    garbage.getVector(0).getValueCount();
                }
            }
        }
        OfficialReaderHarness.assertFileContains(file, schema, expected, allocator,
                OfficialReaderHarness.DEFAULT_READ_BATCH_SIZE);
    }
}
