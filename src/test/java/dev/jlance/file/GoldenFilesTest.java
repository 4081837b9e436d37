package dev.jlance.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Byte-for-byte comparison with files official Lance 7.0.0 wrote from the same input (NOTES §16),
 * for the flat cases whose output the notes call deterministic: single page, no compression, no
 * hash-seeded decisions. A difference is shown as the first differing offset with both byte runs.
 */
class GoldenFilesTest {

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

    private static Field field(String name, boolean nullable, ArrowType type) {
        return new Field(name, new FieldType(nullable, type, null), null);
    }

    private static Field field(String name, boolean nullable, ArrowType type, Map<String, String> meta) {
        return new Field(name, new FieldType(nullable, type, null, meta), null);
    }

    private void assertSameBytes(String golden, Schema schema, Consumer<VectorSchemaRoot> fill) throws IOException {
        Path out = dir.resolve(golden);
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
                LanceFileWriter writer = LanceFileWriter.open(out, schema, WriteOptions.defaults())) {
            root.allocateNew();
            fill.accept(root);
            writer.write(root);
        }
        byte[] expected = Files.readAllBytes(GOLDEN.resolve(golden));
        byte[] actual = Files.readAllBytes(out);
        int mismatch = java.util.Arrays.mismatch(expected, actual);
        if (mismatch >= 0) {
            HexFormat hex = HexFormat.of();
            int from = Math.max(0, mismatch - 8);
            fail(golden + ": first difference at byte " + mismatch + " (sizes " + expected.length + " vs "
                    + actual.length + ")\n official: " + hex.formatHex(expected, from, Math.min(expected.length, mismatch + 24))
                    + "\n jlance:   " + hex.formatHex(actual, from, Math.min(actual.length, mismatch + 24)));
        }
    }

    @Test
    void int32() throws IOException {
        Schema schema = new Schema(List.of(field("a", false, new ArrowType.Int(32, true))));
        assertSameBytes("int32_2_1.lance", schema, root -> {
            IntVector v = (IntVector) root.getVector(0);
            for (int i = 0; i < 10; i++) {
                v.setSafe(i, i);
            }
            root.setRowCount(10);
        });
    }

    @Test
    void defaultVersionIsTwoOne() throws IOException {
        Schema schema = new Schema(List.of(field("a", false, new ArrowType.Int(32, true))));
        Consumer<VectorSchemaRoot> fill = root -> {
            IntVector v = (IntVector) root.getVector(0);
            for (int i = 0; i < 3; i++) {
                v.setSafe(i, i);
            }
            root.setRowCount(3);
        };
        assertSameBytes("ver_default.lance", schema, fill);
        assertSameBytes("ver_stable.lance", schema, fill);
    }

    @Test
    void int32WithNulls() throws IOException {
        Schema schema = new Schema(List.of(field("a", true, new ArrowType.Int(32, true))));
        assertSameBytes("int32null_2_1.lance", schema, root -> {
            IntVector v = (IntVector) root.getVector(0);
            v.setSafe(0, 7);
            v.setNull(1);
            v.setSafe(2, 9);
            v.setNull(3);
            v.setSafe(4, 11);
            root.setRowCount(5);
        });
    }

    @Test
    void strings() throws IOException {
        Schema schema = new Schema(List.of(field("s", true, ArrowType.Utf8.INSTANCE)));
        assertSameBytes("str_2_1.lance", schema, root -> {
            VarCharVector v = (VarCharVector) root.getVector(0);
            v.setSafe(0, "abc".getBytes(StandardCharsets.UTF_8));
            v.setNull(1);
            v.setSafe(2, new byte[0]);
            v.setSafe(3, "hello".getBytes(StandardCharsets.UTF_8));
            root.setRowCount(4);
        });
    }

    @Test
    void booleans() throws IOException {
        Schema schema = new Schema(List.of(field("b", true, ArrowType.Bool.INSTANCE)));
        assertSameBytes("bool_2_1.lance", schema, root -> {
            BitVector v = (BitVector) root.getVector(0);
            v.setSafe(0, 1);
            v.setSafe(1, 0);
            v.setNull(2);
            v.setSafe(3, 1);
            root.setRowCount(4);
        });
    }

    @Test
    void allNull() throws IOException {
        Schema schema = new Schema(List.of(field("a", true, new ArrowType.Int(32, true))));
        assertSameBytes("allnull_2_1.lance", schema, root -> {
            IntVector v = (IntVector) root.getVector(0);
            v.setNull(0);
            v.setNull(1);
            v.setNull(2);
            root.setRowCount(3);
        });
    }

    @Test
    void bigStringsUseFullZip() throws IOException {
        Schema schema = new Schema(List.of(field("s", true, ArrowType.Utf8.INSTANCE)));
        assertSameBytes("bigstr_2_1.lance", schema, root -> {
            VarCharVector v = (VarCharVector) root.getVector(0);
            v.setSafe(0, ("x".repeat(300)).getBytes(StandardCharsets.UTF_8));
            v.setNull(1);
            v.setSafe(2, ("y" + "x".repeat(299)).getBytes(StandardCharsets.UTF_8));
            root.setRowCount(3);
        });
    }

    @Test
    void metadataTimestampDecimal() throws IOException {
        Schema schema = new Schema(List.of(
                field("a", false, new ArrowType.Int(16, true), Map.of("k", "v")),
                field("t", true, new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
                field("d", true, new ArrowType.Decimal(10, 2, 128))), Map.of("skey", "sval"));
        assertSameBytes("multi_2_1.lance", schema, root -> {
            SmallIntVector a = (SmallIntVector) root.getVector(0);
            a.setSafe(0, 1);
            a.setSafe(1, 2);
            TimeStampMicroTZVector t = (TimeStampMicroTZVector) root.getVector(1);
            t.setSafe(0, 1000);
            t.setSafe(1, 2000);
            DecimalVector d = (DecimalVector) root.getVector(2);
            d.setSafe(0, new BigDecimal("123.45"));
            d.setNull(1);
            root.setRowCount(2);
        });
    }

    @Test
    void goldenDirectoryIsPresent() {
        assertTrue(Files.isDirectory(GOLDEN), "golden files expected at " + GOLDEN.toAbsolutePath());
        assertEquals(true, Files.exists(GOLDEN.resolve("int32_2_1.lance")));
    }
}
