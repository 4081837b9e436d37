package dev.jlance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ArrowInputTest {

    @TempDir
    Path dir;

    private BufferAllocator allocator;

    @BeforeEach
    void createAllocator() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void closeAllocator() {
        allocator.close(); // fails the test if anything leaked
    }

    @ParameterizedTest
    @EnumSource(IpcFixtures.Format.class)
    void detectsFileOrStreamFromTheBytes(IpcFixtures.Format format) throws Exception {
        // A misleading name: detection must look at the bytes.
        Path path = IpcFixtures.writeSmall(dir.resolve("data.bin"), format, allocator);
        ArrowInput.Kind expected = format == IpcFixtures.Format.FILE ? ArrowInput.Kind.FILE : ArrowInput.Kind.STREAM;
        assertEquals(expected, ArrowInput.detect(path));
    }

    @ParameterizedTest
    @EnumSource(IpcFixtures.Format.class)
    void readsEveryBatchInOrder(IpcFixtures.Format format) throws Exception {
        Path path = IpcFixtures.writeSmall(dir.resolve("data.arrow"), format, allocator);
        List<Integer> batchSizes = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        try (ArrowInput input = ArrowInput.open(path, allocator)) {
            assertEquals(IpcFixtures.smallSchema(), input.schema());
            while (input.next()) {
                VectorSchemaRoot root = input.root();
                batchSizes.add(root.getRowCount());
                IntVector idVector = (IntVector) root.getVector("id");
                VarCharVector names = (VarCharVector) root.getVector("name");
                for (int i = 0; i < root.getRowCount(); i++) {
                    int id = idVector.get(i);
                    ids.add(id);
                    if (id % 4 == 3) {
                        assertTrue(names.isNull(i));
                    } else {
                        assertEquals(IpcFixtures.name(id), new String(names.get(i), StandardCharsets.UTF_8));
                    }
                }
            }
            assertFalse(input.next(), "stays at the end");
        }
        assertEquals(IpcFixtures.BATCH_SIZES, batchSizes);
        int total = IpcFixtures.BATCH_SIZES.stream().mapToInt(Integer::intValue).sum();
        assertEquals(IntStream.range(0, total).boxed().toList(), ids);
    }

    @Test
    void rejectsMissingFile() {
        CliException e = assertThrows(CliException.class, () -> ArrowInput.open(dir.resolve("nope.arrow"), allocator));
        assertEquals(CliException.FAILURE, e.exitCode());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void rejectsDirectory() {
        CliException e = assertThrows(CliException.class, () -> ArrowInput.open(dir, allocator));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    }

    @Test
    void rejectsEmptyFile() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.arrow"));
        CliException e = assertThrows(CliException.class, () -> ArrowInput.open(empty, allocator));
        assertTrue(e.getMessage().contains("is empty"), e.getMessage());
    }

    @Test
    void rejectsTextAndShortFiles() throws IOException {
        for (String content : List.of("id,name\n1,alice\n2,bob\n", "{\"id\": 1}", "ARR", "\u0000\u0000")) {
            Path path = Files.writeString(dir.resolve("not-arrow.txt"), content);
            CliException e = assertThrows(CliException.class, () -> ArrowInput.open(path, allocator), content);
            assertEquals(CliException.FAILURE, e.exitCode());
            assertTrue(e.getMessage().contains("is not an Arrow IPC file or stream"), e.getMessage());
        }
    }

    @Test
    void rejectsHugeMessageLengthWithoutAllocating() throws IOException {
        // Continuation marker, then a length far beyond the file: not a stream.
        byte[] bytes = {-1, -1, -1, -1, 0, 0, 0, 0x70, 1, 2, 3, 4};
        Path path = Files.write(dir.resolve("huge.arrow"), bytes);
        CliException e = assertThrows(CliException.class, () -> ArrowInput.detect(path));
        assertTrue(e.getMessage().contains("is not an Arrow IPC"), e.getMessage());
    }

    @Test
    void reportsTruncatedFile() throws Exception {
        Path whole = IpcFixtures.writeSmall(dir.resolve("whole.arrow"), IpcFixtures.Format.FILE, allocator);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.arrow"), Arrays.copyOf(bytes, bytes.length / 2));
        assertEquals(ArrowInput.Kind.FILE, ArrowInput.detect(cut));
        CliException e = assertThrows(CliException.class, () -> ArrowInput.open(cut, allocator));
        assertEquals(CliException.FAILURE, e.exitCode());
        assertTrue(e.getMessage().startsWith("cannot read '" + cut + "' as an Arrow IPC file"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void reportsTruncatedStreamAtTheBatch() throws Exception {
        Path whole = IpcFixtures.writeSmall(dir.resolve("whole.arrows"), IpcFixtures.Format.STREAM, allocator);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.arrows"), Arrays.copyOf(bytes, bytes.length - 40));
        try (ArrowInput input = ArrowInput.open(cut, allocator)) {
            CliException e = assertThrows(CliException.class, () -> drain(input));
            assertTrue(e.getMessage().startsWith("cannot read record batch "), e.getMessage());
        }
    }

    private static int drain(ArrowInput input) throws CliException {
        int batches = 0;
        while (input.next()) {
            batches++;
        }
        return batches;
    }

    @Test
    void handsOutTheDictionariesOfDictionaryEncodedFields() throws Exception {
        Path path = IpcFixtures.writeDictionaryEncoded(dir.resolve("dict.arrows"), allocator);
        try (ArrowInput input = ArrowInput.open(path, allocator)) {
            var encoding = input.schema().findField("color").getDictionary();
            // the value type is known from the schema on, before any batch is loaded
            assertEquals(org.apache.arrow.vector.types.pojo.ArrowType.Utf8.INSTANCE,
                    input.dictionaries().lookup(encoding.getId()).getVectorType());
            assertTrue(input.next());
            assertEquals("[red, blue]", input.dictionaries().lookup(encoding.getId()).getVector().toString());
        }
    }
}
