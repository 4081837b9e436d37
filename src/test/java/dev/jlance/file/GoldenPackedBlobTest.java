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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packed-struct golden file (written by official Lance 7.0.0, NOTES §16) written again by
 * jlance: byte for byte the same file. {@code packed_2_1} ({@code p: struct<x: int32, y: double>}
 * packed, 3 rows) is rewritten from what the official reader returns.
 */
class GoldenPackedBlobTest {

    private static final Path GOLDEN = Path.of(System.getProperty("jlance.golden.dir", "../shared/lance-format/golden"));

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

    @Test
    void packedStructIsTheSameFile() throws Exception {
        Path official = GOLDEN.resolve("packed_2_1.lance");
        Path ours = dir.resolve("packed.lance");
        List<VectorSchemaRoot> batches = OfficialReaderHarness.readAll(official, allocator, 777);
        try (LanceFileWriter writer = LanceFileWriter.open(ours, batches.getFirst().getSchema(), WriteOptions.defaults())) {
            for (VectorSchemaRoot b : batches) {
                writer.write(b);
            }
        } finally {
            batches.forEach(VectorSchemaRoot::close);
        }
        assertSameBytes(official, ours);
    }

    private static void assertSameBytes(Path official, Path ours) throws Exception {
        assertTrue(Files.exists(official), "missing golden file " + official);
        byte[] expected = Files.readAllBytes(official);
        byte[] actual = Files.readAllBytes(ours);
        int mismatch = Arrays.mismatch(expected, actual);
        assertEquals(-1, mismatch, () -> official.getFileName() + ": first difference at byte " + mismatch + " of "
                + expected.length + " (jlance wrote " + actual.length + ")");
    }
}
