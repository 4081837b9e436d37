package dev.jlance.cli;

/** Turns exceptions into the single line the tool prints. */
final class Messages {

    private Messages() {
    }

    /** The exception's message on one line, or its type when it has none. */
    static String oneLine(Throwable error) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return error.getClass().getSimpleName();
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
