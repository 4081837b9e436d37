package dev.jlance.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Checks an output path before anything is written to it. */
final class OutputPaths {

    private OutputPaths() {
    }

    /**
     * @param text the path as typed
     * @param input the command's input file, which the output must not overwrite; null if none
     * @return the output path
     * @throws CliException (usage) when the path is a directory, its directory does not exist, or it
     *     names the input
     */
    static Path check(String text, Path input) throws CliException {
        Path output;
        try {
            output = Path.of(text);
        } catch (InvalidPathException e) {
            throw CliException.usage("--output '" + text + "' is not a valid path: " + e.getReason());
        }
        if (Files.isDirectory(output)) {
            throw CliException.usage("--output '" + text + "' is a directory; give a file name such as "
                    + output.resolve("out.lance"));
        }
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw CliException.usage("--output '" + text + "': directory " + parent + " does not exist");
        }
        if (input != null && Files.exists(output) && Files.exists(input) && sameFile(input, output)) {
            throw CliException.usage("--output '" + text + "' is the input file; it would be overwritten");
        }
        return output;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
