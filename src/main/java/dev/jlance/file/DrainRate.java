package dev.jlance.file;

/**
 * How fast pages have been leaving the pipeline lately, in input bytes per unit of time, measured
 * over the last {@value #WINDOW} pages written. A writer over its soft budget uses it to hold each
 * call for about as long as the pipeline takes to drain that call's batch, so a stream faster than
 * the encoders slows a little in every call rather than stalling one call in thirty for a whole
 * page. Used by the writer's thread only.
 */
final class DrainRate {

    /** Pages the rate is taken over: enough to smooth the order pages finish in, few enough to follow a change of column mix. */
    static final int WINDOW = 16;

    private final long[] times = new long[WINDOW];
    private final long[] totals = new long[WINDOW];
    private long pages;
    private long total;

    /** Records a page of {@code inputBytes} input bytes leaving the pipeline at {@code nanoTime}. */
    void pageLeft(long nanoTime, long inputBytes) {
        total += inputBytes;
        int slot = (int) (pages % WINDOW);
        times[slot] = nanoTime;
        totals[slot] = total;
        pages++;
    }

    /**
     * Nanoseconds the pipeline takes to drain {@code bytes} at its recent rate: 0 until two pages
     * have left, or when the window's pages all left at once.
     */
    long nanosToDrain(long bytes) {
        if (pages < 2 || bytes <= 0) {
            return 0;
        }
        int newest = (int) ((pages - 1) % WINDOW);
        int oldest = pages > WINDOW ? (int) (pages % WINDOW) : 0;
        long span = times[newest] - times[oldest];
        long drained = totals[newest] - totals[oldest];
        if (span <= 0 || drained <= 0) {
            return 0;
        }
        return (long) ((double) bytes * span / drained);
    }
}
