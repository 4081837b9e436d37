package dev.jlance.cli;

import dev.jlance.FormatVersion;
import dev.jlance.file.WriteOptions;
import dev.jlance.file.WriteProgress;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/** {@code jlance demo}: generates the demo table and writes it to a Lance file. */
final class DemoCommand {

    static final long DEFAULT_ROWS = 1_000_000;
    static final int DEFAULT_BATCH_ROWS = 65_536;
    static final String DEFAULT_OUTPUT = "demo.lance";

    private static final Set<String> VALUE_OPTIONS = Set.of("--rows", "--output", "--format", "--seed", "--batch-rows");
    private static final Set<String> FLAGS = Set.of("--verbose", "--quiet");

    /** The parsed command line. */
    record Request(long rows, Path output, FormatVersion format, long seed, int batchRows, boolean quiet) {
    }

    private DemoCommand() {
    }

    static Request parse(List<String> args) throws CliException {
        CommandLine line = CommandLine.parse("demo", args, VALUE_OPTIONS, FLAGS);
        long rows = line.count("--rows", DEFAULT_ROWS, 0, Long.MAX_VALUE / 2);
        int batchRows = (int) line.count("--batch-rows", DEFAULT_BATCH_ROWS, 1, 1 << 24);
        long seed = line.count("--seed", DemoTable.DEFAULT_SEED, Long.MIN_VALUE, Long.MAX_VALUE);
        Path output = OutputPaths.check(line.value("--output").orElse(DEFAULT_OUTPUT), null);
        FormatVersion format = line.formatVersion("--format");
        return new Request(rows, output, format, seed, batchRows, line.has("--quiet"));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws CliException {
        Request request = parse(args);
        JvmChecks.requireArrowMemoryAccess();
        if (!request.quiet()) {
            err.println("generating " + Units.count(request.rows(), "demo row") + " in batches of "
                    + Units.count(request.batchRows()) + " into " + request.output() + " ...");
        }
        LanceWriteRun.Result result;
        try (BufferAllocator allocator = new RootAllocator();
                DemoBatches batches = new DemoBatches(allocator, request.seed(), request.rows(), request.batchRows())) {
            WriteOptions options = WriteOptions.builder()
                    .formatVersion(request.format())
                    .progress(request.quiet() ? WriteProgress.NONE : ProgressReporter.toStderr(err, request.rows()))
                    .build();
            result = LanceWriteRun.run(batches, request.output(), options);
        }
        SummaryTable.print(out, result);
        return 0;
    }
}
