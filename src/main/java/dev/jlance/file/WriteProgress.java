package dev.jlance.file;

/** Hears about a write as it goes: one call per page written to the file. */
@FunctionalInterface
public interface WriteProgress {

    WriteProgress NONE = (column, page, rowsSoFar, bytesSoFar) -> { };

    /**
     * @param column path of the column the page belongs to
     * @param pageRows rows in the page just written
     * @param rowsWritten rows accepted by the writer so far (all columns)
     * @param fileBytes bytes written to the file so far
     */
    void pageWritten(String column, long pageRows, long rowsWritten, long fileBytes);
}
