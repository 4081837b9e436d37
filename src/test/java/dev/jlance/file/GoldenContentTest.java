package dev.jlance.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.conformance.OfficialReaderHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The flat golden files written again by jlance from the data the official reader returns: both
 * files must decode to the same schema and values, and, since jlance makes official Lance 7.0.0's
 * compression choices (bitpacked integers in {@code int64seq}, bitpacked definition levels in
 * {@code nulls5k}, a dictionary in {@code dict}, zstd over byte-stream-split in {@code zstd}), be
 * byte for byte the same file. The nested ones ({@code list}, {@code liststr}, {@code struct}) pin the
 * repetition and definition levels, the layer kinds and the repetition index; fixed-size lists
 * ({@code fsl4}, {@code fsl128}) are leaves, their item validity stored with the values.
 */
class GoldenContentTest {

    private static final Path GOLDEN = Path.of(System.getProperty("jlance.golden.dir", "../shared/lance-format/golden"));

    private static final java.util.Set<String> NESTED = java.util.Set.of("list_2_1.lance", "liststr_2_1.lance",
            "struct_2_1.lance");

    @TempDir
    Path dir;
    private BufferAllocator allocator;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void tearDown() {
        allocator.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"int64seq_2_1.lance", "nulls5k_2_1.lance", "dict_2_1.lance", "int32_2_1.lance",
        "multi_2_1.lance", "bigstr_2_1.lance", "str_2_1.lance", "zstd_2_1.lance", "int32null_2_1.lance",
        "bool_2_1.lance", "allnull_2_1.lance", "list_2_1.lance", "liststr_2_1.lance", "struct_2_1.lance",
        "fsl4_2_1.lance", "fsl128_2_1.lance"})
    void rewrittenByJlanceIsTheSameFile(String golden) throws Exception {
        Path official = GOLDEN.resolve(golden);
        assertTrue(Files.exists(official), "missing golden file " + official);
        Path ours = dir.resolve(golden);
        List<VectorSchemaRoot> batches = OfficialReaderHarness.readAll(official, allocator, 777);
        try {
            var schema = batches.getFirst().getSchema();
            try (LanceFileWriter writer = LanceFileWriter.open(ours, schema, WriteOptions.defaults())) {
                for (VectorSchemaRoot b : batches) {
                    writer.write(b);
                }
            }
        } finally {
            batches.forEach(VectorSchemaRoot::close);
        }
        if (!NESTED.contains(golden)) {
            // (the flat harness compares flat values only; for the nested files byte identity says it all)
            OfficialReaderHarness.assertSameDecodedContent(official, ours, allocator);
        }
        byte[] expected = Files.readAllBytes(official);
        byte[] actual = Files.readAllBytes(ours);
        int mismatch = Arrays.mismatch(expected, actual);
        assertEquals(-1, mismatch, () -> golden + ": first difference at byte " + mismatch + " of " + expected.length
                + " (jlance wrote " + actual.length + ")");
    }
}
