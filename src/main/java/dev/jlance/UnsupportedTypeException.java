package dev.jlance;

/** A field whose Arrow type jlance cannot write (yet); thrown before any byte is written. */
public final class UnsupportedTypeException extends IllegalArgumentException {

    private final String fieldPath;
    private final String arrowType;
    private final String reason;

    public UnsupportedTypeException(String fieldPath, String arrowType, String why) {
        super("field '" + fieldPath + "' of type " + arrowType + " cannot be written: " + why);
        this.fieldPath = fieldPath;
        this.arrowType = arrowType;
        this.reason = why;
    }

    /** Dotted path of the offending field, e.g. {@code "event.tags"}. */
    public String fieldPath() {
        return fieldPath;
    }

    /** The Arrow type of the offending field, as Arrow prints it. */
    public String arrowType() {
        return arrowType;
    }

    /** Why the type cannot be written (the message without the field and type). */
    public String reason() {
        return reason;
    }
}
