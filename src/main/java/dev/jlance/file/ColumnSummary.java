package dev.jlance.file;

import java.util.List;

/**
 * What the writer did with one column of the file.
 *
 * @param index column index in the file
 * @param path the column's field path, e.g. {@code "price"} or {@code "location.lat"}
 * @param logicalType Lance logical type of the leaf field
 * @param rows rows written to the column
 * @param pages pages written
 * @param layouts distinct page layouts used, in first-use order (e.g. "mini-block", "full-zip", "all-null")
 * @param encodings distinct value encodings used, in first-use order (e.g. "flat(32)", "variable(32)")
 * @param bytesIn Arrow buffer bytes the column received (values, offsets, validity)
 * @param bytesOut page bytes written to the file for the column (without alignment padding)
 */
public record ColumnSummary(int index, String path, String logicalType, long rows, long pages,
        List<String> layouts, List<String> encodings, long bytesIn, long bytesOut) {

    public ColumnSummary {
        layouts = List.copyOf(layouts);
        encodings = List.copyOf(encodings);
    }
}
