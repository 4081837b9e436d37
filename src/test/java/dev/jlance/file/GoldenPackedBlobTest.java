package dev.jlance.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.conformance.OfficialReaderHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packed-struct and blob golden files (written by official Lance 7.0.0, NOTES §16) written again
 * by jlance: byte for byte the same file. {@code packed_2_1} ({@code p: struct<x: int32, y: double>}
 * packed, 3 rows) is rewritten from what the official reader returns. {@code blob_2_1} ({@code b:
 * large_binary} blob, {@code ["hello blob", null, "", "x"]}) cannot be: the official 7.0.0 reader
 * fails on blob columns holding an empty value (see {@code BlobConformanceTest}), so jlance refuses
 * that value.
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

    /**
     * The golden blob file holds an empty value, which official Lance 7.0.0's reader cannot read
     * back: jlance refuses that row, naming it. With the empty value made null, jlance writes the
     * same bytes as the official writer.
     */
    @Test
    void blobGoldenDataIsRefusedForItsEmptyValueAndOtherwiseTheSameFile() throws Exception {
        Field b = new Field("b", new FieldType(true, ArrowType.LargeBinary.INSTANCE, null,
                Map.of("lance-encoding:blob", "true")), List.of());
        Schema schema = new Schema(List.of(b));
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            LargeVarBinaryVector v = (LargeVarBinaryVector) root.getVector(0);
            v.allocateNew();
            v.setSafe(0, "hello blob".getBytes(StandardCharsets.UTF_8));
            v.setNull(1);
            v.setSafe(2, new byte[0]);
            v.setSafe(3, "x".getBytes(StandardCharsets.UTF_8));
            root.setRowCount(4);
            Path refused = dir.resolve("refused.lance");
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> {
                        try (LanceFileWriter writer = LanceFileWriter.open(refused, schema, WriteOptions.defaults())) {
                            writer.write(root);
                        }
                    });
            assertTrue(e.getMessage().contains("'b'") && e.getMessage().contains("row 2"), e.getMessage());
            assertTrue(!Files.exists(refused), "no file may be left");

            v.setNull(2);
            Path ours = dir.resolve("blob.lance");
            try (LanceFileWriter writer = LanceFileWriter.open(ours, schema, WriteOptions.defaults())) {
                writer.write(root);
            }
            Path official = dir.resolve("official.lance");
            dev.jlance.conformance.OfficialReaderHarness.writeOfficial(official, schema, List.of(root), allocator);
            assertSameBytes(official, ours);
        }
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
