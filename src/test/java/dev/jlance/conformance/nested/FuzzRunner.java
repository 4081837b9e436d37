package dev.jlance.conformance.nested;

import static org.junit.jupiter.api.Assertions.assertEquals;
import dev.jlance.conformance.DictionaryHarness;
import dev.jlance.conformance.OfficialReaderHarness;
import dev.jlance.file.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.lance.file.LanceFileReader;
import org.opentest4j.AssertionFailedError;

/**
 * Runs one {@link FuzzCase}: generates its batches, writes them with jlance or the official writer,
 * reads the file back with the official reader (lance-core 7.0.0) and compares schema, row count and
 * every value ({@link NestedComparator}). The expected values are generated a second time after the
 * write, so a writer that changed its input could not hide it.
 */
public final class FuzzRunner {

    private FuzzRunner() {
    }

    /** Who writes the file. */
    public enum Writer {
        /** jlance's {@code LanceFileWriter}. */
        JLANCE,
        /** The official Lance writer (lance-core 7.0.0, format 2.1): the reference the harness is proven on. */
        OFFICIAL
    }

    /** Where a case failed. */
    public enum Stage {
        GENERATE, WRITE, READ, COMPARE, LEAK
    }

    /** The result of one run: passed (no error) or the stage and error of the failure. */
    public record Outcome(Stage stage, Throwable error, long millis, String note) {
        public Outcome(Stage stage, Throwable error, long millis) {
            this(stage, error, millis, null);
        }

        public boolean passed() {
            return error == null;
        }

        /** What must stay the same while shrinking: the stage and the kind of error. */
        public String signature() {
            if (passed()) {
                return "passed";
            }
            String where = nativeLocation(String.valueOf(error.getMessage()));
            return stage + ":" + className(error) + (where == null ? "" : "@" + where);
        }

        /** The first Rust source location ({@code file.rs:line}) a native error or panic message names, or null. */
        static String nativeLocation(String message) {
            Matcher m = Pattern.compile("([A-Za-z0-9_]+\\.rs:\\d+)").matcher(message);
            return m.find() ? m.group(1) : null;
        }

        /** The class of {@code t}, or of the error it stands for if it came from a worker process. */
        static String className(Throwable t) {
            return t instanceof FuzzExecutor.RemoteError r ? r.originalClass : t.getClass().getName();
        }

        /** The error in a few lines: class, message (shortened) and the first frames of interest. */
        public String summary(int maxMessageChars) {
            if (passed()) {
                return "passed";
            }
            StringBuilder sb = new StringBuilder();
            sb.append(stage).append(": ");
            appendThrowable(sb, error, maxMessageChars);
            Throwable cause = error.getCause();
            for (int depth = 0; cause != null && depth < 3; depth++, cause = cause.getCause()) {
                sb.append("\n    caused by ");
                appendThrowable(sb, cause, maxMessageChars / 2);
            }
            return sb.toString();
        }

        private static void appendThrowable(StringBuilder sb, Throwable t, int maxMessageChars) {
            String m = String.valueOf(t.getMessage());
            if (m.length() > maxMessageChars) {
                m = DataDump.cut(m, maxMessageChars) + "... (" + m.length() + " chars)";
            }
            sb.append(className(t)).append(": ").append(m.replace("\n", "\n    "));
            if (className(t).equals(AssertionFailedError.class.getName())) {
                return;
            }
            int shown = 0;
            for (StackTraceElement e : t.getStackTrace()) {
                if (shown >= 6) {
                    break;
                }
                String c = e.getClassName();
                if (c.startsWith("dev.jlance.") && !c.startsWith("dev.jlance.conformance") || c.startsWith("org.lance")) {
                    sb.append("\n      at ").append(e);
                    shown++;
                }
            }
        }
    }

    /**
     * Runs {@code c} in a fresh sub-directory of {@code dir} (deleted afterwards unless the case
     * failed and {@code keepFailed}); the memory it allocates must all be released (else {@link Stage#LEAK}).
     */
    public static Outcome run(FuzzCase c, Writer writer, Path dir, BufferAllocator parent, boolean keepFailed) {
        return run(c, writer, dir, parent, keepFailed, s -> { }, b -> null);
    }

    /**
     * As {@link #run(FuzzCase, Writer, Path, BufferAllocator, boolean)}, telling {@code onStage} when
     * each stage starts (a worker process reports it, so a crash can be placed) and letting
     * {@code tamper} change the expected batches before the comparison (the comparator's own tests);
     * what it returns becomes the outcome's note.
     */
    public static Outcome run(FuzzCase c, Writer writer, Path dir, BufferAllocator parent, boolean keepFailed,
            Consumer<Stage> onStage, Function<NestedDataGenerator.Batches, String> tamper) {
        long start = System.nanoTime();
        Stage stage = Stage.GENERATE;
        Throwable error = null;
        Path caseDir = null;
        String note = null;
        BufferAllocator allocator = parent.newChildAllocator("fuzz-" + Long.toHexString(c.seed()), 0, Long.MAX_VALUE);
        try {
            caseDir = Files.createTempDirectory(dir, "case");
            Path file = caseDir.resolve("fuzz.lance");
            onStage.accept(stage);
            try (NestedDataGenerator.Batches batches = NestedDataGenerator.generate(c, allocator)) {
                stage = Stage.WRITE;
                onStage.accept(stage);
                write(c, writer, file, batches, allocator);
            }
            keepForInspection(c, writer, file);
            stage = Stage.GENERATE;
            onStage.accept(stage);
            try (NestedDataGenerator.Batches expected = NestedDataGenerator.generate(c, allocator)) {
                note = tamper.apply(expected);
                stage = Stage.READ;
                onStage.accept(stage);
                verify(c, file, expected, allocator);
            }
        } catch (AssertionFailedError e) {
            error = e;
            stage = stage == Stage.READ ? Stage.COMPARE : stage;
        } catch (Throwable t) {
            error = t;
        }
        try {
            allocator.close();
        } catch (RuntimeException leak) {
            if (error == null) {
                error = leak;
                stage = Stage.LEAK;
            } else {
                error.addSuppressed(leak);
            }
        }
        if (caseDir != null && (error == null || !keepFailed)) {
            deleteTree(caseDir);
        }
        return new Outcome(error == null ? null : stage, error, (System.nanoTime() - start) / 1_000_000, note);
    }

    /**
     * With {@code -Djlance.fuzz.keep=DIR} (for workers: through {@code jlance.fuzz.workerJvmArgs}),
     * every written file is copied there before it is read, for lance_dump.py: a reader that
     * aborts the worker leaves no chance to keep it afterwards.
     */
    private static void keepForInspection(FuzzCase c, Writer writer, Path file) throws IOException {
        String keep = System.getProperty("jlance.fuzz.keep");
        if (keep != null && !keep.isBlank()) {
            Path dir = Files.createDirectories(Path.of(keep));
            // shrinking runs many variants of one seed: the case's own hash tells them apart
            Path kept = dir.resolve(Long.toHexString(c.seed()) + "-" + Integer.toHexString(c.encode().hashCode()) + "-"
                    + writer.name().toLowerCase(java.util.Locale.ROOT) + ".lance");
            Files.copy(file, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            System.err.println("fuzz: kept " + kept);
        }
    }

    private static void write(FuzzCase c, Writer writer, Path file, NestedDataGenerator.Batches batches,
            BufferAllocator allocator) throws Exception {
        switch (writer) {
            case JLANCE -> {
                WriteOptions.Builder options = WriteOptions.builder();
                if (c.cacheBytesPerColumn() > 0) {
                    options.cacheBytesPerColumn(c.cacheBytesPerColumn());
                }
                if (batches.hasDictionaries()) {
                    DictionaryHarness.writeJlance(file, c.schema(), batches.roots, batches.providers, options.build());
                } else {
                    OfficialReaderHarness.writeJlance(file, c.schema(), batches.roots, options.build());
                }
            }
            case OFFICIAL -> {
                DictionaryHarness.SwitchingProvider provider = new DictionaryHarness.SwitchingProvider(
                        batches.providers.getFirst());
                try (org.lance.file.LanceFileWriter w = org.lance.file.LanceFileWriter.open(file.toString(), allocator,
                        batches.hasDictionaries() ? provider : null, Optional.of("2.1"), Map.of())) {
                    for (int i = 0; i < batches.roots.size(); i++) {
                        provider.current = batches.providers.get(i);
                        w.write(batches.roots.get(i));
                    }
                    Map<String, String> metadata = c.schema().getCustomMetadata();
                    if (metadata != null && !metadata.isEmpty()) {
                        w.addSchemaMetadata(metadata);
                    }
                }
            }
        }
    }

    private static void verify(FuzzCase c, Path file, NestedDataGenerator.Batches expected, BufferAllocator allocator)
            throws Exception {
        var schema = NestedComparator.asReaderReturns(c.schema());
        try (LanceFileReader reader = LanceFileReader.open(file.toString(), allocator)) {
            NestedComparator.assertSchema(schema, reader.schema(), false, "LanceFileReader.schema()");
            assertEquals(c.totalRows(), reader.numRows(), "LanceFileReader.numRows()");
            try (ArrowReader stream = reader.readAll(null, null, c.readBatchSize())) {
                VectorSchemaRoot root = stream.getVectorSchemaRoot();
                NestedComparator.assertSchema(schema, root.getSchema(), true, "schema of the batches read");
                NestedComparator.Cursor cursor = new NestedComparator.Cursor(c.schema(), expected.roots,
                        expected.providers);
                while (stream.loadNextBatch()) {
                    cursor.compareNext(root, stream);
                }
                cursor.assertExhausted();
            }
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temp dir; JUnit removes what is left
                }
            });
        } catch (IOException ignored) {
            // same
        }
    }
}
