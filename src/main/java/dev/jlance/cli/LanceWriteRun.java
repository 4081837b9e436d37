package dev.jlance.cli;

import dev.jlance.SchemaMismatchException;
import dev.jlance.UnsupportedTypeException;
import dev.jlance.file.LanceFileWriter;
import dev.jlance.file.WriteOptions;
import dev.jlance.file.WriteSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Writes every batch of a {@link BatchSource} into one Lance file and times it. A run that fails
 * leaves no half-written file behind.
 */
final class LanceWriteRun {

    /**
     * @param summary what the writer wrote
     * @param elapsedNanos the whole run, producing the batches included
     * @param writerNanos time spent inside the writer (open, write, close)
     */
    record Result(WriteSummary summary, long elapsedNanos, long writerNanos) {
    }

    private LanceWriteRun() {
    }

    static Result run(BatchSource source, Path output, WriteOptions options) throws CliException {
        boolean existedBefore = Files.exists(output);
        long start = System.nanoTime();
        long inWriter = 0;
        LanceFileWriter writer = null;
        boolean finished = false;
        try {
            long t = System.nanoTime();
            writer = LanceFileWriter.open(output, source.schema(), options, source.dictionaries());
            inWriter += System.nanoTime() - t;
            while (source.next()) {
                VectorSchemaRoot root = source.root();
                if (root.getRowCount() == 0) {
                    continue;
                }
                t = System.nanoTime();
                writer.write(root);
                inWriter += System.nanoTime() - t;
            }
            t = System.nanoTime();
            writer.close();
            inWriter += System.nanoTime() - t;
            finished = true;
            return new Result(writer.summary(), System.nanoTime() - start, inWriter);
        } catch (UnsupportedTypeException | SchemaMismatchException | UnsupportedOperationException e) {
            throw CliException.failure(Messages.oneLine(e), e);
        } catch (IOException e) {
            throw CliException.failure("cannot write '" + output + "': " + Messages.oneLine(e), e);
        } catch (RuntimeException e) {
            throw CliException.failure("writing '" + output + "' failed: " + Messages.oneLine(e), e);
        } finally {
            if (!finished) {
                abandon(writer, output, existedBefore);
            }
        }
    }

    /** Closes a failed writer and removes what it wrote (but never a file it did not get to open). */
    private static void abandon(LanceFileWriter writer, Path output, boolean existedBefore) {
        if (writer != null) {
            try {
                writer.close();
            } catch (Exception | LinkageError ignored) {
                // The write already failed; that error is the one to report.
            }
        }
        if (writer != null || !existedBefore) {
            try {
                Files.deleteIfExists(output);
            } catch (IOException ignored) {
                // Nothing more to do; the failure message already names the file.
            }
        }
    }
}
