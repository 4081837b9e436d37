package dev.jlance.file;

import dev.jlance.FormatVersion;
import dev.jlance.compression.CompressionStrategy;
import dev.jlance.encoder.EncodingOptions;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * How a {@link LanceFileWriter} writes: the format version, the encoder's options and where encode
 * tasks run.
 *
 * @param formatVersion the Lance format version of the file
 * @param encoding encoder tuning (page cache size, alignment, ...)
 * @param executor where encode tasks run; empty means jlance's shared pool sized to the cores
 * @param progress told about every page written; {@link WriteProgress#NONE} by default
 * @param compression replaces official Lance's compression decisions (for experiments and tests that
 *     force one encoding); empty means the default strategy of the format version
 * @param encodeThreads when no executor is given: 0 for jlance's shared pool (one thread per core),
 *     or the size of a pool the writer starts for itself and stops when it closes
 * @param maxBytesInFlight the most input bytes of pages handed to encode tasks but not yet written
 *     before {@code write} waits for pages; above half of it each {@code write} is slowed by about
 *     the time the encoders take for its batch; 0 means {@link #DEFAULT_PAGES_IN_FLIGHT} pages of
 *     the per-column cache size
 * @param syncOnClose whether {@code close()} forces the file's bytes to the storage device before it
 *     moves the file into place (official Lance does not; off by default)
 */
public record WriteOptions(FormatVersion formatVersion, EncodingOptions encoding, Optional<Executor> executor,
        WriteProgress progress, Optional<CompressionStrategy> compression, int encodeThreads, long maxBytesInFlight,
        boolean syncOnClose) {

    /**
     * Pages in flight by default: from half of them on, writes are slowed to the encoders' pace,
     * which still keeps two cores encoding while the caller fills the next pages; the other half
     * takes the pages a batch completes at once without a wait for a whole page.
     */
    public static final int DEFAULT_PAGES_IN_FLIGHT = 8;

    public WriteOptions {
        Objects.requireNonNull(formatVersion, "formatVersion");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(compression, "compression");
        if (encodeThreads < 0) {
            throw new IllegalArgumentException("encodeThreads must be >= 0: " + encodeThreads);
        }
        if (maxBytesInFlight < 0) {
            throw new IllegalArgumentException("maxBytesInFlight must be >= 0: " + maxBytesInFlight);
        }
    }

    /** The in-flight budget in effect: {@link #maxBytesInFlight()} or its default. */
    public long effectiveBytesInFlight() {
        return maxBytesInFlight > 0 ? maxBytesInFlight : DEFAULT_PAGES_IN_FLIGHT * encoding.cacheBytesPerColumn();
    }

    /** Format 2.1 (official Lance 7.0.0's default) with official Lance's encoder defaults. */
    public static WriteOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link WriteOptions}; every setting starts at its default. */
    public static final class Builder {
        private FormatVersion formatVersion = FormatVersion.defaultVersion();
        private EncodingOptions encoding = EncodingOptions.defaults();
        private Executor executor;
        private WriteProgress progress = WriteProgress.NONE;
        private CompressionStrategy compression;
        private int encodeThreads;
        private long maxBytesInFlight;
        private boolean syncOnClose;

        private Builder() {
        }

        /** "2.1" (or "stable"); see {@link FormatVersion#parse}. */
        public Builder formatVersion(String version) {
            this.formatVersion = FormatVersion.parse(version);
            return this;
        }

        public Builder formatVersion(FormatVersion version) {
            this.formatVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        public Builder encoding(EncodingOptions options) {
            this.encoding = Objects.requireNonNull(options, "options");
            return this;
        }

        public Builder cacheBytesPerColumn(long bytes) {
            this.encoding = encoding.withCacheBytesPerColumn(bytes);
            return this;
        }

        public Builder maxPageBytes(long bytes) {
            this.encoding = encoding.withMaxPageBytes(bytes);
            return this;
        }

        public Builder keepOriginalArray(boolean keep) {
            this.encoding = encoding.withKeepOriginalArray(keep);
            return this;
        }

        public Builder bufferAlignment(int alignment) {
            this.encoding = encoding.withBufferAlignment(alignment);
            return this;
        }

        /** Runs encode tasks on the caller's executor instead of jlance's shared pool. */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Encodes on a pool of {@code threads} threads that the writer starts and stops (instead of
         * jlance's shared pool); ignored when an {@link #executor(Executor)} is given. Like the
         * shared pool's, these threads share the process's core slots with the writers: however
         * many there are, no more encode tasks run at once than there are cores.
         */
        public Builder encodeThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("encodeThreads must be >= 1: " + threads);
            }
            this.encodeThreads = threads;
            return this;
        }

        /**
         * How many bytes of input may wait in encode tasks before {@code write} blocks until pages
         * are written: the bound on the writer's memory beyond its per-column caches. Above half
         * of it, each {@code write} is held for about as long as the encoders take for its batch.
         */
        public Builder maxBytesInFlight(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxBytesInFlight must be >= 1: " + bytes);
            }
            this.maxBytesInFlight = bytes;
            return this;
        }

        /** Forces the file to the storage device before {@code close()} moves it into place. */
        public Builder syncOnClose(boolean sync) {
            this.syncOnClose = sync;
            return this;
        }

        public Builder progress(WriteProgress progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** Chooses every page's compression with {@code strategy} instead of official Lance's rules. */
        public Builder compression(CompressionStrategy strategy) {
            this.compression = Objects.requireNonNull(strategy, "strategy");
            return this;
        }

        public WriteOptions build() {
            return new WriteOptions(formatVersion, encoding, Optional.ofNullable(executor), progress,
                    Optional.ofNullable(compression), encodeThreads, maxBytesInFlight, syncOnClose);
        }
    }
}
