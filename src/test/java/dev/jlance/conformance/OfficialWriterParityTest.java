package dev.jlance.conformance;

import dev.jlance.conformance.TestData.Nulls;
import dev.jlance.conformance.TestData.TypeCase;
import dev.jlance.file.WriteOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same batches written by the official Lance writer (format 2.1) and by jlance must decode,
 * through the official reader, to the same schema and the same values. This pins down what the
 * official reader returns for an official file (schema details included), independently of what
 * the test expected, and is the decoded-content half of byte-compatibility testing.
 */
class OfficialWriterParityTest extends ConformanceTestBase {

    static Stream<Arguments> typesAndNullability() {
        return TestData.flatTypes().stream().flatMap(tc -> tc.isNullType()
                ? Stream.of(Arguments.of(tc, true))
                : Stream.of(Arguments.of(tc, true), Arguments.of(tc, false)));
    }

    @ParameterizedTest(name = "{0} nullable={1}")
    @MethodSource("typesAndNullability")
    void decodesLikeTheOfficialWritersFile(TypeCase tc, boolean nullable) throws Exception {
        Schema schema = new Schema(List.of(TestData.field(tc, "c", nullable, Map.of("k", "v"))),
                Map.of("skey", "sval"));
        List<VectorSchemaRoot> batches = new ArrayList<>();
        int[] sizes = {100, 1, 2000, 37};
        for (int b = 0; b < sizes.length; b++) {
            batches.add(track(TestData.root(allocator, schema, List.of(tc), sizes[b], 6000 + b, Nulls.RANDOM)));
        }
        Path official = newFile("official");
        Path ours = newFile("jlance");
        OfficialReaderHarness.writeOfficial(official, schema, batches, allocator);
        OfficialReaderHarness.writeJlance(ours, schema, batches, WriteOptions.defaults());
        OfficialReaderHarness.assertSameDecodedContent(official, ours, allocator);
    }

    @Test
    void wideFileDecodesLikeTheOfficialWritersFile() throws Exception {
        List<Field> fields = new ArrayList<>();
        List<TypeCase> cases = new ArrayList<>();
        for (TypeCase tc : TestData.flatTypes()) {
            fields.add(TestData.field(tc, tc.name(), true));
            cases.add(tc);
        }
        Schema schema = new Schema(fields);
        List<VectorSchemaRoot> batches = List.of(
                track(TestData.root(allocator, schema, cases, 1500, 7000, Nulls.RANDOM)),
                track(TestData.root(allocator, schema, cases, 3, 7001, Nulls.ALL)),
                track(TestData.root(allocator, schema, cases, 700, 7002, Nulls.NONE)));
        Path official = newFile("official");
        Path ours = newFile("jlance");
        OfficialReaderHarness.writeOfficial(official, schema, batches, allocator);
        OfficialReaderHarness.writeJlance(ours, schema, batches, WriteOptions.defaults());
        OfficialReaderHarness.assertSameDecodedContent(official, ours, allocator);
    }
}
