package dev.jlance.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.conformance.TestData.Nulls;
import dev.jlance.conformance.TestData.TypeCase;
import dev.jlance.file.ColumnSummary;
import dev.jlance.file.WriteOptions;
import dev.jlance.file.WriteSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Columns that span many pages: a tiny page cache (4096 bytes per column) so that pages are cut
 * during {@code write}, and the default 8 MiB cache with more than 8 MiB of
 * Arrow data per column. Also files of over a million (2^20) rows for a few types.
 */
class MultiPageTest extends ConformanceTestBase {

    private static final long MIB = 1024 * 1024;

    static Stream<Arguments> typesAndNullability() {
        return TestData.flatTypes().stream().flatMap(tc -> tc.isNullType()
                ? Stream.of(Arguments.of(tc, true))
                : Stream.of(Arguments.of(tc, true), Arguments.of(tc, false)));
    }

    static List<TypeCase> allTypes() {
        return TestData.flatTypes();
    }

    static List<TypeCase> millionRowTypes() {
        return TestData.representativeTypes();
    }

    /** Generates batches of the given sizes (seeds differ per batch) with nulls cycling through patterns. */
    private List<VectorSchemaRoot> batches(Schema schema, TypeCase tc, int[] sizes, long seed) {
        Nulls[] patterns = {Nulls.RANDOM, Nulls.NONE, Nulls.RANDOM, Nulls.FIRST, Nulls.ALTERNATE, Nulls.ALL,
            Nulls.LAST};
        List<VectorSchemaRoot> out = new ArrayList<>();
        for (int b = 0; b < sizes.length; b++) {
            out.add(track(TestData.root(allocator, schema, List.of(tc), sizes[b], seed + b,
                    patterns[b % patterns.length])));
        }
        return out;
    }

    /**
     * cacheBytesPerColumn = 4096, with ~300 KiB of data per column in ~40 uneven batches of 0 to
     * ~17 KiB (a page is cut whenever the pending data exceeds the cache, so most batches end a
     * page and small ones accumulate). Checks through WriteSummary that the column really has many
     * pages (except the Null type, which holds no bytes) and through the official reader that every
     * value survives.
     */
    @ParameterizedTest(name = "{0} nullable={1}")
    @MethodSource("typesAndNullability")
    void manyPagesWithSmallCache(TypeCase tc, boolean nullable) throws Exception {
        Schema schema = new Schema(List.of(TestData.field(tc, "c", nullable)));
        int unitRows = tc.isNullType() ? 500 : (int) Math.max(1, Math.ceil(1024 / tc.approxBytesPerRow()));
        int[] shape = {7, 1, 0, 13, 5, 11, 3, 17, 2, 9};
        List<Integer> sizes = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            int units = shape[k % shape.length];
            sizes.add(units == 1 ? 1 : units * unitRows); // a 1-row and an empty batch in every ten
        }
        List<VectorSchemaRoot> batches = batches(schema, tc, sizes.stream().mapToInt(Integer::intValue).toArray(),
                500);
        Path file = newFile("smallcache");
        WriteSummary summary = OfficialReaderHarness.writeAndVerify(file, schema, batches,
                WriteOptions.builder().cacheBytesPerColumn(4096).build(), allocator);
        if (!tc.isNullType()) {
            ColumnSummary col = summary.columns().get(0);
            assertTrue(col.pages() > 10, () -> "expected many pages with a 4096-byte cache for " + sizes.size()
                    + " batches of up to " + 17 * unitRows + " rows of " + tc + " but the summary says " + col);
        }
    }

    /**
     * Default options (8 MiB cache per column) with more than 9 MiB of Arrow buffers (values,
     * offsets, validity) in one column, in ~1 MiB batches: pages are cut while writing, by the
     * default threshold. The Null type has no buffers; it gets 1.2 million rows instead.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("allTypes")
    void moreThanEightMebibytesWithDefaultCache(TypeCase tc) throws Exception {
        Schema schema = new Schema(List.of(TestData.field(tc, "c", true)));
        List<VectorSchemaRoot> batches = new ArrayList<>();
        if (tc.isNullType()) {
            for (int b = 0; b < 4; b++) {
                batches.add(track(TestData.root(allocator, schema, List.of(tc), 300_001, 900 + b, Nulls.ALL)));
            }
        } else {
            // ~1 MiB batches (every third one smaller) with random nulls until > 9.5 MiB of Arrow buffers.
            int batchRows = (int) Math.max(1, Math.ceil(MIB / tc.approxBytesPerRow()));
            long bytes = 0;
            for (int b = 0; bytes <= 9.5 * MIB; b++) {
                VectorSchemaRoot root = track(TestData.root(allocator, schema, List.of(tc),
                        b % 3 == 1 ? batchRows / 3 + 1 : batchRows, 900 + b, Nulls.RANDOM));
                bytes += root.getVector(0).getBufferSize();
                batches.add(root);
            }
        }
        Path file = newFile("bigdefault");
        WriteSummary summary = OfficialReaderHarness.writeJlance(file, schema, batches, WriteOptions.defaults());
        OfficialReaderHarness.assertFileContains(file, schema, batches, allocator, 65_536);
        if (!tc.isNullType()) {
            ColumnSummary col = summary.columns().get(0);
            assertTrue(col.pages() >= 2, () -> "more than 9.5 MiB of Arrow buffers with the default 8 MiB cache must "
                    + "give several pages: " + col);
        }
    }

    /** Over a million rows (1,100,003 > 2^20) of a few representative types, default options. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("millionRowTypes")
    void overAMillionRows(TypeCase tc) throws Exception {
        Schema schema = new Schema(List.of(TestData.field(tc, "c", true)));
        int rows = 1_100_003;
        int[] sizes = {400_000, 1, 262_144, 0, 437_858};
        assert java.util.Arrays.stream(sizes).sum() == rows;
        List<VectorSchemaRoot> batches = batches(schema, tc, sizes, 1300);
        Path file = newFile("million");
        OfficialReaderHarness.writeJlance(file, schema, batches, WriteOptions.defaults());
        OfficialReaderHarness.assertFileContains(file, schema, batches, allocator, 100_000);
    }

    /** Over a million rows of a non-nullable int64 with a small cache: thousands of pages. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("millionRowTypes")
    void overAMillionRowsNonNullableSmallCache(TypeCase tc) throws Exception {
        if (tc.isNullType()) {
            return;
        }
        Schema schema = new Schema(List.of(TestData.field(tc, "c", false)));
        int[] sizes = {524_288, 524_289, 51_426};
        List<VectorSchemaRoot> batches = batches(schema, tc, sizes, 1400);
        Path file = newFile("million_small");
        OfficialReaderHarness.writeJlance(file, schema, batches,
                WriteOptions.builder().cacheBytesPerColumn(64 * 1024).build());
        OfficialReaderHarness.assertFileContains(file, schema, batches, allocator, 100_000);
    }
}
