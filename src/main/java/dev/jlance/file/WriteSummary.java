package dev.jlance.file;

import dev.jlance.FormatVersion;
import java.nio.file.Path;
import java.util.List;

/**
 * What a closed writer wrote.
 *
 * @param path the file
 * @param version its format version
 * @param rows rows in the file
 * @param fileBytes size of the file
 * @param columns one summary per column, in column order
 */
public record WriteSummary(Path path, FormatVersion version, long rows, long fileBytes, List<ColumnSummary> columns) {

    public WriteSummary {
        columns = List.copyOf(columns);
    }

    /** Arrow buffer bytes received over all columns. */
    public long bytesIn() {
        return columns.stream().mapToLong(ColumnSummary::bytesIn).sum();
    }
}
