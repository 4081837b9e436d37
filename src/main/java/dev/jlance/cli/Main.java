package dev.jlance.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code jlance} command-line tool: picks the command and turns its outcome into an exit code.
 * Errors are one line on stderr (with the stack trace only under {@code --verbose}).
 */
public final class Main {

    static final String USAGE = """
            Usage: jlance <command> [options]

            Commands:
              write   Write an Arrow IPC file or stream into a Lance file.
                        --input FILE       Arrow IPC file or stream (told apart by its first bytes)
                        --output FILE      Lance file to write (replaced if it exists)
                        --format VERSION   Lance file format: 2.0, 2.1 (default), 2.2 or stable
              demo    Generate a reproducible table of shop events and write it to a Lance file.
                        --rows N           rows to generate (default 1,000,000; 64k and 2m work too)
                        --output FILE      Lance file to write (default demo.lance)
                        --format VERSION   Lance file format: 2.0, 2.1 (default), 2.2 or stable
                        --batch-rows N     rows per Arrow batch handed to the writer (default 65,536)
                        --seed N           seed of the generator (default 20250101)
              help    Show this text.

            Options of every command:
              --quiet      no progress on stderr
              --verbose    print stack traces of errors

            Both commands print, per column, the Lance type, rows, pages, page layouts, encodings, Arrow
            bytes in, bytes written and their ratio, then the file size, time and throughput.

            Exit status: 0 done, 1 the command failed (input missing, unreadable or not Arrow,
            unsupported type, write error), 2 bad usage (unknown option, missing or invalid value,
            output is a directory).
            """;

    private Main() {
    }

    public static void main(String[] args) {
        // Exit explicitly: the writer's encode pool must not keep the JVM alive.
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> all = Arrays.asList(args);
        boolean verbose = all.contains("--verbose");
        String command = args.length == 0 ? "help" : args[0];
        List<String> rest = all.subList(Math.min(1, args.length), args.length);
        try {
            if (rest.contains("--help") || rest.contains("-h")) {
                out.print(USAGE);
                return 0;
            }
            return switch (command) {
                case "help", "--help", "-h" -> {
                    out.print(USAGE);
                    yield 0;
                }
                case "version", "--version" -> {
                    out.println(versionLine());
                    yield 0;
                }
                case "write" -> WriteCommand.run(rest, out, err);
                case "demo" -> DemoCommand.run(rest, out, err);
                default -> throw CliException.usage("unknown command '" + command + "'");
            };
        } catch (CliException e) {
            err.println("jlance " + command + ": " + e.getMessage()
                    + (e.exitCode() == CliException.USAGE ? " (see 'jlance help')" : ""));
            if (verbose) {
                (e.getCause() != null ? e.getCause() : e).printStackTrace(err);
            }
            return e.exitCode();
        } catch (Exception | OutOfMemoryError | StackOverflowError | LinkageError e) {
            Throwable shown = e instanceof ExceptionInInitializerError && e.getCause() != null ? e.getCause() : e;
            String hint = e instanceof OutOfMemoryError
                    ? " (give the JVM more memory, e.g. JLANCE_JAVA_OPTS=-Xmx4g, or use smaller --batch-rows)"
                    : "";
            err.println("jlance " + command + ": " + shown.getClass().getSimpleName() + ": "
                    + Messages.oneLine(shown) + hint);
            if (verbose) {
                e.printStackTrace(err);
            }
            return CliException.FAILURE;
        }
    }

    private static String versionLine() {
        String version = Main.class.getPackage().getImplementationVersion();
        return "jlance " + (version == null ? "(development build)" : version) + " on Java " + Runtime.version();
    }
}
