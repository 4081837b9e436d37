package dev.jlance.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.SchemaMismatchException;
import dev.jlance.file.LanceFileWriter;
import dev.jlance.file.WriteOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every off-heap arena jlance opens is closed again: after close(), and after a failed write. */
class ArenaLeakTest {

    private static final Schema SCHEMA = new Schema(List.of(
            Field.nullable("id", new ArrowType.Int(64, true)),
            Field.nullable("s", ArrowType.Utf8.INSTANCE)));

    @TempDir
    Path dir;
    private BufferAllocator allocator;

    @BeforeEach
    void setUp() {
        assertEquals(List.of(), OffHeapArena.openArenas(), "arenas leaked by an earlier test");
        allocator = new RootAllocator();
    }

    @AfterEach
    void tearDown() {
        // A retained Arrow buffer that was never released makes this throw.
        allocator.close();
        assertEquals(List.of(), OffHeapArena.openArenas(), "open arenas after the test");
    }

    private VectorSchemaRoot batch(int rows, int seed) {
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
        root.allocateNew();
        BigIntVector id = (BigIntVector) root.getVector(0);
        VarCharVector s = (VarCharVector) root.getVector(1);
        for (int i = 0; i < rows; i++) {
            if ((i + seed) % 7 == 0) {
                id.setNull(i);
                s.setNull(i);
            } else {
                id.setSafe(i, (long) i * seed);
                s.setSafe(i, ("v" + i).getBytes(StandardCharsets.UTF_8));
            }
        }
        root.setRowCount(rows);
        return root;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void arenasAreClosedAfterClose(boolean keepOriginalArray) throws IOException {
        Path out = dir.resolve("ok.lance");
        // A tiny cache forces several pages and data held across write calls. With an in-flight
        // budget of one byte, write() returns only once every page it cut is in the file.
        WriteOptions options = WriteOptions.builder().cacheBytesPerColumn(3000).keepOriginalArray(keepOriginalArray)
                .maxBytesInFlight(1).build();
        try (LanceFileWriter writer = LanceFileWriter.open(out, SCHEMA, options)) {
            for (int b = 0; b < 5; b++) {
                try (VectorSchemaRoot root = batch(100 + 37 * b, b + 1)) {
                    writer.write(root);
                }
                assertFalse(OffHeapArena.openArenas().stream().anyMatch(p -> p.startsWith("page")),
                        "page memory must be released once the page is in the file");
            }
        }
        assertTrue(Files.size(out) > 0);
        // With the default budget pages may still be encoding when write() returns; close() waits.
        Path pipelined = dir.resolve("pipelined.lance");
        try (LanceFileWriter writer = LanceFileWriter.open(pipelined, SCHEMA, WriteOptions.builder()
                .cacheBytesPerColumn(3000).keepOriginalArray(keepOriginalArray).build())) {
            for (int b = 0; b < 5; b++) {
                try (VectorSchemaRoot root = batch(100 + 37 * b, b + 1)) {
                    writer.write(root);
                }
            }
        }
        assertEquals(List.of(), OffHeapArena.openArenas(), "close() releases every page");
        assertEquals(Files.size(out), Files.size(pipelined));
    }

    @Test
    void arenasAreClosedAfterAFailedWrite() throws IOException {
        Path out = dir.resolve("failed.lance");
        AtomicInteger calls = new AtomicInteger();
        Executor failSecond = task -> {
            if (calls.incrementAndGet() > 1) {
                throw new IllegalStateException("executor refused the task");
            }
            task.run();
        };
        WriteOptions options = WriteOptions.builder().cacheBytesPerColumn(1000).executor(failSecond).build();
        LanceFileWriter writer = LanceFileWriter.open(out, SCHEMA, options);
        try (VectorSchemaRoot small = batch(10, 1); VectorSchemaRoot big = batch(2000, 2)) {
            writer.write(small); // buffered, copied into a pending arena
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> writer.write(big));
            assertTrue(e.getMessage().contains("refused"), e.getMessage());
        }
        assertEquals(List.of(), OffHeapArena.openArenas(), "a failed write must release everything");
        try (VectorSchemaRoot after = batch(1, 1)) {
            assertThrows(IllegalStateException.class, () -> writer.write(after));
        }
        writer.close(); // no-op after failure
        assertFalse(Files.exists(out), "no file may appear after a failed write");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "temporary files must be deleted");
        }
    }

    @Test
    void rejectedBatchAbandonsTheFile() throws IOException {
        Path out = dir.resolve("rejected.lance");
        Schema other = new Schema(List.of(Field.nullable("id", new ArrowType.Int(32, true))));
        try (LanceFileWriter writer = LanceFileWriter.open(out, SCHEMA,
                WriteOptions.builder().cacheBytesPerColumn(1 << 20).build());
                VectorSchemaRoot wrong = VectorSchemaRoot.create(other, allocator);
                VectorSchemaRoot right = batch(3, 1)) {
            writer.write(right); // pending, in a copy
            assertThrows(SchemaMismatchException.class, () -> writer.write(wrong));
            assertEquals(List.of(), OffHeapArena.openArenas(), "the pending copy is released at once");
            assertThrows(IllegalStateException.class, () -> writer.write(right));
        } // close() after the failure publishes nothing
        assertFalse(Files.exists(out), "a file without the rejected batch must not appear");
    }
}
