package dev.jlance.bench.data;

/**
 * How much of a dataset to generate: rows are produced in batches of {@code batchRows} until
 * {@code maxRows} rows or, after the batch that crosses it, {@code maxArrowBytes} of Arrow buffers.
 */
public record DatasetSize(long maxRows, long maxArrowBytes, int batchRows) {

    /** About a million rows or 100 MB of Arrow buffers, whichever comes first. */
    public static final DatasetSize DEFAULT = new DatasetSize(1_000_000, 100_000_000, 65_536);

    /**
     * For tests: a few thousand rows, in batches that do not divide the total (so batch boundaries
     * fall mid-page).
     */
    public static final DatasetSize QUICK = new DatasetSize(5_000, 4_000_000, 2_000);

    public DatasetSize {
        if (maxRows <= 0 || maxArrowBytes <= 0 || batchRows <= 0) {
            throw new IllegalArgumentException("sizes must be positive: " + maxRows + ", " + maxArrowBytes + ", "
                    + batchRows);
        }
    }

    /** Exactly {@code rows} rows, however many bytes they take. */
    public static DatasetSize rows(long rows) {
        return new DatasetSize(rows, Long.MAX_VALUE, (int) Math.min(rows, DEFAULT.batchRows()));
    }
}
