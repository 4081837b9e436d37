package dev.jlance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    private static final Set<String> VALUES = Set.of("--input", "--rows");
    private static final Set<String> FLAGS = Set.of("--verbose");

    private static CommandLine parse(String... args) throws CliException {
        return CommandLine.parse("test", List.of(args), VALUES, FLAGS);
    }

    private static String usageError(String... args) {
        CliException e = assertThrows(CliException.class, () -> parse(args));
        assertEquals(CliException.USAGE, e.exitCode());
        return e.getMessage();
    }

    @Test
    void readsSpaceAndEqualsForms() throws CliException {
        CommandLine line = parse("--input", "a.arrow", "--rows=12", "--verbose");
        assertEquals(Optional.of("a.arrow"), line.value("--input"));
        assertEquals(12, line.count("--rows", 5, 0, 100));
        assertTrue(line.has("--verbose"));
        assertEquals("a.arrow", line.required("--input"));
    }

    @Test
    void absentOptionsFallBack() throws CliException {
        CommandLine line = parse();
        assertEquals(Optional.empty(), line.value("--input"));
        assertEquals(5, line.count("--rows", 5, 0, 100));
        assertFalse(line.has("--verbose"));
        assertTrue(assertThrows(CliException.class, () -> line.required("--input")).getMessage()
                .contains("--input"));
    }

    @Test
    void rejectsUnknownOption() {
        assertTrue(usageError("--inptu", "x").contains("unknown option '--inptu'"));
    }

    @Test
    void rejectsPositionalArgument() {
        assertTrue(usageError("file.arrow").contains("unexpected argument 'file.arrow'"));
    }

    @Test
    void rejectsMissingValue() {
        assertTrue(usageError("--input").contains("--input needs a value"));
        assertTrue(usageError("--input", "--verbose").contains("--input needs a value"));
        assertTrue(usageError("--input=").contains("--input needs a non-empty value"));
    }

    @Test
    void rejectsValueOnFlag() {
        assertTrue(usageError("--verbose=yes").contains("takes no value"));
    }

    @Test
    void rejectsRepeatedOption() {
        assertTrue(usageError("--input", "a", "--input", "b").contains("more than once"));
    }

    @Test
    void parsesCountsWithSeparatorsAndSuffixes() {
        assertEquals(Optional.of(1_000_000L), CommandLine.parseCount("1_000_000"));
        assertEquals(Optional.of(1_000_000L), CommandLine.parseCount("1,000,000"));
        assertEquals(Optional.of(64_000L), CommandLine.parseCount("64k"));
        assertEquals(Optional.of(2_000_000L), CommandLine.parseCount("2M"));
        assertEquals(Optional.of(-7L), CommandLine.parseCount("-7"));
        assertEquals(Optional.empty(), CommandLine.parseCount("abc"));
        assertEquals(Optional.empty(), CommandLine.parseCount("1.5"));
        assertEquals(Optional.empty(), CommandLine.parseCount("k"));
        assertEquals(Optional.empty(), CommandLine.parseCount("1-2"));
        assertEquals(Optional.empty(), CommandLine.parseCount("99999999999999999999"));
    }

    @Test
    void rejectsCountsOutOfRange() throws CliException {
        CommandLine line = parse("--rows", "-5");
        CliException e = assertThrows(CliException.class, () -> line.count("--rows", 1, 0, 100));
        assertEquals(CliException.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("between 0 and 100"), e.getMessage());
        CommandLine bad = parse("--rows", "lots");
        assertTrue(assertThrows(CliException.class, () -> bad.count("--rows", 1, 0, 100)).getMessage()
                .contains("whole number"));
    }
}
