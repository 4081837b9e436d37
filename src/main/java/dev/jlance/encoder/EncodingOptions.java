package dev.jlance.encoder;

/**
 * Tuning knobs of the encoder, with official Lance's defaults.
 *
 * @param cacheBytesPerColumn a column's pending data is encoded into a page once it exceeds this
 * @param maxPageBytes upper bound on a page's unencoded size (official 2.1 never splits on write;
 *     kept for the 2.0 path and for parity with the seed's options)
 * @param keepOriginalArray when true, pending data keeps a reference to the caller's Arrow buffers
 *     (zero-copy, the caller must not mutate them in place after {@code write} returns); when false
 *     it is copied into jlance's own off-heap memory, so the caller may reuse its vectors at once
 * @param bufferAlignment alignment of every page buffer in the file; a power of two of at least 8
 */
public record EncodingOptions(long cacheBytesPerColumn, long maxPageBytes, boolean keepOriginalArray,
        int bufferAlignment) {

    public static final long DEFAULT_CACHE_BYTES_PER_COLUMN = 8L * 1024 * 1024;
    public static final long DEFAULT_MAX_PAGE_BYTES = 32L * 1024 * 1024;
    public static final int DEFAULT_BUFFER_ALIGNMENT = 64;
    public static final int MIN_BUFFER_ALIGNMENT = 8;

    public EncodingOptions {
        if (cacheBytesPerColumn <= 0) {
            throw new IllegalArgumentException("cacheBytesPerColumn must be positive, got " + cacheBytesPerColumn);
        }
        if (maxPageBytes <= 0) {
            throw new IllegalArgumentException("maxPageBytes must be positive, got " + maxPageBytes);
        }
        if (bufferAlignment < MIN_BUFFER_ALIGNMENT || Integer.bitCount(bufferAlignment) != 1) {
            throw new IllegalArgumentException("bufferAlignment must be a power of two and at least "
                    + MIN_BUFFER_ALIGNMENT + ", got " + bufferAlignment);
        }
    }

    /**
     * Official Lance's defaults, except that pending data is copied: a Java caller commonly reuses
     * its vectors after {@code write} returns, and silently writing changed data would be far worse
     * than one memcpy into the page being assembled (which has to be contiguous anyway).
     */
    public static EncodingOptions defaults() {
        return new EncodingOptions(DEFAULT_CACHE_BYTES_PER_COLUMN, DEFAULT_MAX_PAGE_BYTES, false,
                DEFAULT_BUFFER_ALIGNMENT);
    }

    public EncodingOptions withCacheBytesPerColumn(long bytes) {
        return new EncodingOptions(bytes, maxPageBytes, keepOriginalArray, bufferAlignment);
    }

    public EncodingOptions withMaxPageBytes(long bytes) {
        return new EncodingOptions(cacheBytesPerColumn, bytes, keepOriginalArray, bufferAlignment);
    }

    public EncodingOptions withKeepOriginalArray(boolean keep) {
        return new EncodingOptions(cacheBytesPerColumn, maxPageBytes, keep, bufferAlignment);
    }

    public EncodingOptions withBufferAlignment(int alignment) {
        return new EncodingOptions(cacheBytesPerColumn, maxPageBytes, keepOriginalArray, alignment);
    }
}
