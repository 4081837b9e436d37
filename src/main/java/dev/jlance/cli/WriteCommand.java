package dev.jlance.cli;

import dev.jlance.FormatVersion;
import dev.jlance.file.WriteOptions;
import dev.jlance.file.WriteProgress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/** {@code jlance write}: copies the record batches of an Arrow IPC file or stream into a Lance file. */
final class WriteCommand {

    private static final Set<String> VALUE_OPTIONS = Set.of("--input", "--output", "--format");
    private static final Set<String> FLAGS = Set.of("--verbose", "--quiet");

    /** The parsed command line. */
    record Request(Path input, Path output, FormatVersion format, boolean quiet) {
    }

    private WriteCommand() {
    }

    static Request parse(List<String> args) throws CliException {
        CommandLine line = CommandLine.parse("write", args, VALUE_OPTIONS, FLAGS);
        String inputText = line.required("--input");
        String outputText = line.required("--output");
        FormatVersion format = line.formatVersion("--format");
        Path input;
        try {
            input = Path.of(inputText);
        } catch (InvalidPathException e) {
            throw CliException.usage("--input '" + inputText + "' is not a valid path: " + e.getReason());
        }
        return new Request(input, OutputPaths.check(outputText, input), format, line.has("--quiet"));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws CliException, IOException {
        Request request = parse(args);
        JvmChecks.requireArrowMemoryAccess();
        LanceWriteRun.Result result;
        try (BufferAllocator allocator = new RootAllocator();
                ArrowInput input = ArrowInput.open(request.input(), allocator)) {
            if (!request.quiet()) {
                err.println("reading Arrow IPC " + input.kind().label() + " "
                        + request.input() + " (" + Units.count(input.schema().getFields().size(), "column")
                        + ") into " + request.output() + " ...");
            }
            WriteOptions options = WriteOptions.builder()
                    .formatVersion(request.format())
                    .progress(request.quiet() ? WriteProgress.NONE : ProgressReporter.toStderr(err, -1))
                    .build();
            result = LanceWriteRun.run(input, request.output(), options);
        }
        SummaryTable.print(out, result);
        return 0;
    }
}
