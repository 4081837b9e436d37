package dev.jlance.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.file.LanceFileWriter;
import dev.jlance.file.WriteOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The buffer alignment option: every alignment a Lance reader accepts (a power of two of at least
 * 64) gives a file the official reader decodes, with every page buffer on that alignment; smaller
 * ones are refused before a file is created, since the 2.1 reader asserts 64-byte alignment.
 */
class BufferAlignmentTest extends ConformanceTestBase {

    private static final List<TestData.TypeCase> CASES = List.of(
            TestData.byName("int64"), TestData.byName("utf8"), TestData.byName("bool"));

    private Schema schema() {
        return TestData.schema(TestData.field(CASES.get(0), "i", true), TestData.field(CASES.get(1), "s", true),
                TestData.field(CASES.get(2), "b", true));
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 128, 4096, 8192, 65536})
    void largerAlignmentsRoundTrip(int alignment) throws Exception {
        Schema schema = schema();
        VectorSchemaRoot batch = track(TestData.root(allocator, schema, CASES, 3000, 11, TestData.Nulls.RANDOM));
        Path file = tmp.resolve("aligned-" + alignment + ".lance");
        OfficialReaderHarness.writeAndVerify(file, schema, List.of(batch),
                WriteOptions.builder().bufferAlignment(alignment).cacheBytesPerColumn(4096).build(), allocator);
        // The schema (global buffer 0) follows the padded data, so it starts on the alignment too.
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer footer = ByteBuffer.wrap(bytes, bytes.length - 40, 40).order(ByteOrder.LITTLE_ENDIAN);
        long gboTable = footer.getLong(bytes.length - 40 + 16);
        long schemaPosition = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong((int) gboTable);
        assertEquals(0, schemaPosition % alignment, "schema position " + schemaPosition);
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 16, 32})
    void alignmentsTheReaderRejectsAreRefusedAtOpen(int alignment) {
        Path file = tmp.resolve("small-" + alignment + ".lance");
        var e = assertThrows(IllegalArgumentException.class, () -> LanceFileWriter.open(file, schema(),
                WriteOptions.builder().bufferAlignment(alignment).build()));
        assertTrue(e.getMessage().contains("64"), e.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void defaultIsSixtyFour() {
        assertEquals(64, WriteOptions.defaults().encoding().bufferAlignment());
    }
}
