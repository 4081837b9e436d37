package dev.jlance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line's contract: exit codes, one-line errors, usage text. None of it needs the writer. */
class MainTest {

    @TempDir
    Path dir;

    /** What one run printed and returned. */
    record Run(int code, String out, String err) {
        /** The error output, which must be exactly one line. */
        String errorLine() {
            assertEquals(1, err.lines().count(), "one line on stderr, got:\n" + err);
            assertFalse(err.contains("\tat "), "no stack trace:\n" + err);
            return err.strip();
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private void assertUsageError(String expectedPart, String... args) {
        Run run = run(args);
        assertEquals(CliException.USAGE, run.code(), run.err());
        String line = run.errorLine();
        assertTrue(line.contains(expectedPart), line);
        assertTrue(line.endsWith("(see 'jlance help')"), line);
        assertEquals("", run.out());
    }

    private void assertFailure(String expectedPart, String... args) {
        Run run = run(args);
        assertEquals(CliException.FAILURE, run.code(), run.err());
        String line = run.errorLine();
        assertTrue(line.contains(expectedPart), line);
        assertEquals("", run.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "help", "--help", "-h"})
    void printsUsage(String arg) {
        Run run = arg.isEmpty() ? run() : run(arg);
        assertEquals(0, run.code());
        assertTrue(run.out().startsWith("Usage: jlance <command>"), run.out());
        assertTrue(run.out().contains("write") && run.out().contains("demo"));
        assertEquals("", run.err());
    }

    @Test
    void commandHelpWinsOverOtherArguments() {
        Run run = run("write", "--bogus", "--help");
        assertEquals(0, run.code());
        assertTrue(run.out().startsWith("Usage:"));
    }

    @Test
    void printsVersion() {
        Run run = run("--version");
        assertEquals(0, run.code());
        assertTrue(run.out().startsWith("jlance "), run.out());
    }

    @Test
    void rejectsUnknownCommand() {
        assertUsageError("unknown command 'frobnicate'", "frobnicate");
    }

    @Test
    void writeNeedsInputAndOutput() {
        assertUsageError("write needs --input", "write", "--output", dir.resolve("o.lance").toString());
        assertUsageError("write needs --output", "write", "--input", "in.arrow");
    }

    @Test
    void rejectsUnknownOptionsAndMissingValues() {
        assertUsageError("unknown option '--inptu' for write", "write", "--inptu", "x.arrow");
        assertUsageError("option --output needs a value", "write", "--input", "x.arrow", "--output");
        assertUsageError("unknown option '--input' for demo", "demo", "--input", "x");
        assertUsageError("unexpected argument 'stray'", "demo", "stray");
    }

    @Test
    void rejectsBadFormatVersion() {
        assertUsageError("--format: unknown Lance format version '3.0'", "demo", "--format", "3.0",
                "--output", dir.resolve("d.lance").toString());
    }

    @Test
    void rejectsBadRowCounts() {
        assertUsageError("--rows needs a whole number, got 'many'", "demo", "--rows", "many");
        assertUsageError("--rows must be between 0 and", "demo", "--rows", "-5");
        assertUsageError("--batch-rows must be between 1 and", "demo", "--batch-rows", "0");
    }

    @Test
    void rejectsOutputThatIsADirectory() {
        assertUsageError("is a directory", "demo", "--output", dir.toString());
        assertUsageError("is a directory", "write", "--input", "x.arrow", "--output", dir.toString());
    }

    @Test
    void rejectsOutputInMissingDirectory() {
        assertUsageError("does not exist", "demo", "--output", dir.resolve("no/such/dir/d.lance").toString());
    }

    @Test
    void rejectsOutputThatIsTheInput() throws IOException {
        Path input = Files.writeString(dir.resolve("in.arrow"), "whatever");
        assertUsageError("is the input file", "write", "--input", input.toString(), "--output", input.toString());
    }

    @Test
    void reportsMissingInput() {
        Path output = dir.resolve("o.lance");
        assertFailure("input '" + dir.resolve("missing.arrow") + "' does not exist", "write", "--input",
                dir.resolve("missing.arrow").toString(), "--output", output.toString(), "--quiet");
        assertFalse(Files.exists(output), "nothing written");
    }

    @Test
    void reportsInputThatIsNotArrow() throws IOException {
        Path input = Files.writeString(dir.resolve("data.csv"), "id,name\n1,alice\n");
        Path output = dir.resolve("o.lance");
        assertFailure("is not an Arrow IPC file or stream", "write", "--input", input.toString(),
                "--output", output.toString(), "--quiet");
        assertFalse(Files.exists(output), "nothing written");
    }

    @Test
    void reportsDictionaryValuesLanceCannotDescribe() throws IOException {
        Path input;
        try (BufferAllocator allocator = new RootAllocator()) {
            input = IpcFixtures.writeDecimalDictionary(dir.resolve("dict.arrows"), allocator);
        }
        assertFailure("field 'price' of type Dictionary(Int(32, true), Decimal(10, 2, 128)) cannot be written", "write",
                "--input", input.toString(), "--output", dir.resolve("o.lance").toString(), "--quiet");
        assertFalse(Files.exists(dir.resolve("o.lance")));
    }

    @Test
    void verbosePrintsTheStackTrace() throws IOException {
        Path input = Files.writeString(dir.resolve("data.csv"), "id,name\n1,alice\n");
        Run run = run("write", "--input", input.toString(), "--output", dir.resolve("o.lance").toString(),
                "--verbose");
        assertEquals(CliException.FAILURE, run.code());
        assertTrue(run.err().contains("\tat dev.jlance.cli."), run.err());
    }
}
