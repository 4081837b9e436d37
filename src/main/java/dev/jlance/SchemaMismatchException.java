package dev.jlance;

/** A batch whose schema differs from the one the writer was opened with. */
public final class SchemaMismatchException extends IllegalArgumentException {

    public SchemaMismatchException(String message) {
        super(message);
    }
}
