package dev.jlance.cli;

/**
 * A command that cannot go on, with the one line to print and the exit code to end with: {@link
 * #USAGE} when what was typed is wrong, {@link #FAILURE} when doing the work failed.
 */
final class CliException extends Exception {

    /** Exit code for bad usage: unknown option, missing or invalid value, unusable output path. */
    static final int USAGE = 2;
    /** Exit code for a command that failed: input unreadable or not Arrow, unsupported type, write error. */
    static final int FAILURE = 1;

    private final int exitCode;

    private CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    static CliException usage(String message) {
        return new CliException(USAGE, message, null);
    }

    static CliException failure(String message) {
        return new CliException(FAILURE, message, null);
    }

    static CliException failure(String message, Throwable cause) {
        return new CliException(FAILURE, message, cause);
    }

    int exitCode() {
        return exitCode;
    }
}
