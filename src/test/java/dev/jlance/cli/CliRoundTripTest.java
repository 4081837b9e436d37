package dev.jlance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.conformance.DictionaryHarness;
import dev.jlance.conformance.OfficialReaderHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs {@code demo} and {@code write} end to end and reads what they wrote with the official Lance
 * reader (lance-core 7.0.0): the file must hold exactly the generated rows.
 */
class CliRoundTripTest {

    private static final int ROWS = 20_000;
    private static final int BATCH_ROWS = 3_000;

    @TempDir
    Path dir;

    private BufferAllocator allocator;

    @BeforeEach
    void createAllocator() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.1"})
    void demoWritesWhatTheGeneratorMakes(String format) throws Exception {
        Path output = dir.resolve("demo.lance");
        MainTest.Run run = MainTest.run("demo", "--rows", Integer.toString(ROWS), "--batch-rows",
                Integer.toString(BATCH_ROWS), "--seed", "99", "--format", format, "--output", output.toString());
        assertEquals(0, run.code(), run.err());
        assertPrintedSummary(run, output, format);
        assertFileHoldsDemoRows(output, 99);
    }

    @ParameterizedTest
    @CsvSource({"FILE, 2.1", "STREAM, 2.1", "LEGACY_STREAM, 2.1"})
    void writeCopiesEveryBatch(IpcFixtures.Format ipc, String format) throws Exception {
        Path input = IpcFixtures.writeDemo(dir.resolve("events.arrow"), ipc, 5, ROWS, BATCH_ROWS, allocator);
        Path output = dir.resolve("events.lance");
        MainTest.Run run = MainTest.run("write", "--input", input.toString(), "--output", output.toString(),
                "--format", format);
        assertEquals(0, run.code(), run.err());
        assertPrintedSummary(run, output, format);
        assertFileHoldsDemoRows(output, 5);
    }

    @ParameterizedTest
    @CsvSource({"FILE", "STREAM", "LEGACY_STREAM"})
    void writeKeepsDictionaryEncodedColumns(IpcFixtures.Format ipc) throws Exception {
        Path input = IpcFixtures.writeDictionaryBatches(dir.resolve("colors.arrow"), ipc, allocator);
        Path output = dir.resolve("colors.lance");
        MainTest.Run run = MainTest.run("write", "--input", input.toString(), "--output", output.toString(), "--quiet");
        assertEquals(0, run.code(), run.err());
        // expected: every batch as Arrow's own reader decodes it
        List<VectorSchemaRoot> expected = new ArrayList<>();
        try (ArrowInput source = ArrowInput.open(input, allocator)) {
            while (source.next()) {
                expected.add(DictionaryHarness.decode(source.root(), source.dictionaries(), allocator));
            }
            String lastColors = expected.getLast().getVector("color").toString();
            assertEquals(ipc != IpcFixtures.Format.FILE, lastColors.contains("magenta"),
                    "a stream replaces its dictionary, a file cannot: " + lastColors);
            DictionaryHarness.assertFileContains(output, IpcFixtures.dictionarySchema(), expected, allocator, 50);
        } finally {
            expected.forEach(VectorSchemaRoot::close);
        }
    }

    /** Formats the writer cannot produce yet fail with one clear line and leave no file. */
    @ParameterizedTest
    @ValueSource(strings = {"2.0", "2.2"})
    void unsupportedFormatsFailCleanly(String format) throws Exception {
        Path output = dir.resolve("never.lance");
        MainTest.Run run = MainTest.run("demo", "--rows", "100", "--format", format, "--output", output.toString());
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains(format) && run.err().contains("not supported"), run.err());
        assertFalse(Files.exists(output), "no output file for a format that cannot be written");
    }

    @Test
    void replacesAnExistingOutputFile() throws Exception {
        Path output = Files.writeString(dir.resolve("old.lance"), "stale content");
        MainTest.Run run = MainTest.run("demo", "--rows", Integer.toString(ROWS), "--batch-rows",
                Integer.toString(BATCH_ROWS), "--seed", "3", "--output", output.toString(), "--quiet");
        assertEquals(0, run.code(), run.err());
        assertEquals("", run.err(), "--quiet prints nothing on stderr");
        assertFileHoldsDemoRows(output, 3);
    }

    @Test
    void unsupportedTypeFailsCleanlyAndWritesNothing() throws Exception {
        Path input = IpcFixtures.writeInterval(dir.resolve("gaps.arrows"), allocator);
        Path output = dir.resolve("gaps.lance");
        MainTest.Run run = MainTest.run("write", "--input", input.toString(), "--output", output.toString(), "--quiet");
        assertEquals(CliException.FAILURE, run.code(), run.err());
        String line = run.errorLine();
        assertTrue(line.startsWith("jlance write: field 'gap' of type Interval(DAY_TIME) cannot be written"), line);
        assertFalse(Files.exists(output), "no output left behind");
    }

    private static void assertPrintedSummary(MainTest.Run run, Path output, String format) throws Exception {
        List<String> lines = run.out().lines().toList();
        assertEquals("wrote " + output + " (Lance file format " + format + ")", lines.getFirst());
        for (var column : dev.jlance.schema.LanceSchema.of(DemoTable.schema()).leafColumns()) {
            assertTrue(lines.stream().anyMatch(line -> line.startsWith(column.path() + " ")),
                    column.path() + " missing from\n" + run.out());
        }
        assertTrue(lines.getLast().startsWith(Units.count(ROWS) + " rows in " + Units.bytes(Files.size(output))),
                lines.getLast());
    }

    private void assertFileHoldsDemoRows(Path file, long seed) throws Exception {
        List<VectorSchemaRoot> expected = new ArrayList<>();
        try {
            DemoTable table = new DemoTable(seed);
            for (int first = 0; first < ROWS; first += BATCH_ROWS) {
                VectorSchemaRoot root = VectorSchemaRoot.create(DemoTable.schema(), allocator);
                expected.add(root);
                table.fill(root, first, Math.min(BATCH_ROWS, ROWS - first));
            }
            // (nested columns: compared as Arrow renders each row)
            dev.jlance.conformance.RenderedRows.assertFileRows(file, expected, allocator);
        } finally {
            expected.forEach(VectorSchemaRoot::close);
        }
    }
}
