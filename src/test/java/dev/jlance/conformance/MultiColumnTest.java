package dev.jlance.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jlance.conformance.TestData.Nulls;
import dev.jlance.conformance.TestData.TypeCase;
import dev.jlance.file.WriteOptions;
import dev.jlance.file.WriteSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/**
 * Files with many columns of different types: every flat type twice (nullable and not), with field
 * and schema metadata, unusual column names, uneven batches and both copy modes.
 */
class MultiColumnTest extends ConformanceTestBase {

    /** Every type as a nullable column and (except Null) as a non-nullable column, with metadata. */
    private static Schema wideSchema(List<TypeCase> cases) {
        List<Field> fields = new ArrayList<>();
        for (TypeCase tc : TestData.flatTypes()) {
            fields.add(TestData.field(tc, tc.name() + "?", true, Map.of("origin", tc.name(), "ключ", "値 ✓")));
            cases.add(tc);
            if (!tc.isNullType()) {
                fields.add(TestData.field(tc, tc.name() + "!", false));
                cases.add(tc);
            }
        }
        Map<String, String> schemaMeta = new LinkedHashMap<>();
        schemaMeta.put("creator", "jlance conformance");
        schemaMeta.put("unicode ☃", "значение 😀");
        schemaMeta.put("empty", "");
        return new Schema(fields, schemaMeta);
    }

    @Test
    void everyTypeInOneFileWithMetadataAndUnevenBatches() throws Exception {
        List<TypeCase> cases = new ArrayList<>();
        Schema schema = wideSchema(cases);
        int[] sizes = {3, 0, 1000, 1, 257, 0, 4096};
        Nulls[] nulls = {Nulls.RANDOM, Nulls.NONE, Nulls.RANDOM, Nulls.ALL, Nulls.FIRST, Nulls.LAST, Nulls.ALTERNATE};
        List<VectorSchemaRoot> batches = new ArrayList<>();
        for (int b = 0; b < sizes.length; b++) {
            batches.add(track(TestData.root(allocator, schema, cases, sizes[b], 4000 + b, nulls[b])));
        }
        for (boolean keep : new boolean[] {false, true}) {
            for (long cache : new long[] {4096, 8L * 1024 * 1024}) {
                Path file = newFile("wide_" + keep + "_" + cache);
                WriteSummary summary = OfficialReaderHarness.writeAndVerify(file, schema, batches,
                        WriteOptions.builder().keepOriginalArray(keep).cacheBytesPerColumn(cache).build(), allocator);
                assertEquals(schema.getFields().size(), summary.columns().size(), "one column per flat field");
            }
        }
    }

    @Test
    void everyTypeInOneFileFromSlicedVectors() throws Exception {
        List<TypeCase> cases = new ArrayList<>();
        Schema schema = wideSchema(cases);
        VectorSchemaRoot source = track(TestData.root(allocator, schema, cases, 2500, 4100, Nulls.RANDOM));
        int[][] ranges = {{3, 700}, {701, 1}, {1001, 1499}};
        List<VectorSchemaRoot> slices = new ArrayList<>();
        List<VectorSchemaRoot> expected = new ArrayList<>();
        for (int[] r : ranges) {
            expected.add(track(OfficialReaderHarness.copyRows(source, r[0], r[1], allocator)));
            slices.add(track(OfficialReaderHarness.slice(source, r[0], r[1], allocator)));
        }
        Path file = newFile("wide_sliced");
        OfficialReaderHarness.writeJlance(file, schema, slices, WriteOptions.builder().cacheBytesPerColumn(8192)
                .build());
        OfficialReaderHarness.assertFileContains(file, schema, expected, allocator, 333);
    }

    /** Zero rows in a wide file: no batch at all, and a single empty batch. */
    @Test
    void everyTypeInOneFileZeroRows() throws Exception {
        List<TypeCase> cases = new ArrayList<>();
        Schema schema = wideSchema(cases);
        OfficialReaderHarness.writeAndVerify(newFile("wide_nobatch"), schema, List.of(), WriteOptions.defaults(),
                allocator);
        VectorSchemaRoot empty = track(TestData.root(allocator, schema, cases, 0, 1, Nulls.RANDOM));
        OfficialReaderHarness.writeAndVerify(newFile("wide_empty"), schema, List.of(empty), WriteOptions.defaults(),
                allocator);
    }

    /** Column names with spaces, Unicode, emoji, leading digits, case twins; empty field metadata value. */
    @Test
    void unusualColumnNames() throws Exception {
        TypeCase i32 = TestData.byName("int32");
        TypeCase str = TestData.byName("utf8");
        List<Field> fields = List.of(
                TestData.field(i32, "with space", true),
                TestData.field(str, "名前", true, Map.of("", "empty key", "k", "")),
                TestData.field(i32, "😀", false),
                TestData.field(str, "0starts_with_digit", true),
                TestData.field(i32, "Case", true),
                TestData.field(i32, "case", true),
                TestData.field(str, "x".repeat(300), true));
        Schema schema = new Schema(fields);
        List<TypeCase> cases = List.of(i32, str, i32, str, i32, i32, str);
        VectorSchemaRoot root = track(TestData.root(allocator, schema, cases, 100, 4200, Nulls.RANDOM));
        OfficialReaderHarness.writeAndVerify(newFile("names"), schema, List.of(root), WriteOptions.defaults(),
                allocator);
    }
}
