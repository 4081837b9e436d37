package dev.jlance.compression;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The chunks of one mini-block page, as the compressor cut them: each chunk's buffer sizes and
 * log2 value count in two primitive arrays. A page has thousands of chunks, and an object per chunk
 * was most of what a steady-state write allocated on the heap; the encoder reads the arrays through
 * {@link #bufferSize(int, int)} and {@link #logNumValues(int)}. As a {@code List}, {@link #get}
 * makes a {@link MiniBlockChunk} on demand, for tests and messages.
 */
public final class MiniBlockChunks extends AbstractList<MiniBlockChunk> implements RandomAccess {

    private static final MiniBlockChunks NONE = new MiniBlockChunks(0, new int[0], new byte[0], 0);

    private final int numBuffers;
    /** Chunk-major: chunk c's size of buffer b at {@code c * numBuffers + b}. */
    private final int[] sizes;
    private final byte[] logs;
    private final int count;

    private MiniBlockChunks(int numBuffers, int[] sizes, byte[] logs, int count) {
        this.numBuffers = numBuffers;
        this.sizes = sizes;
        this.logs = logs;
        this.count = count;
    }

    /** These chunks, or, for any other list, chunks with the same sizes and counts. */
    public static MiniBlockChunks of(List<MiniBlockChunk> chunks) {
        if (chunks instanceof MiniBlockChunks c) {
            return c;
        }
        if (chunks.isEmpty()) {
            return NONE;
        }
        Builder b = builder(chunks.getFirst().numBuffers(), chunks.size());
        for (MiniBlockChunk c : chunks) {
            b.add(c.bufferSizes(), c.logNumValues());
        }
        return b.build();
    }

    /** A builder of chunks with {@code numBuffers} buffers each, with room for {@code expected} of them. */
    public static Builder builder(int numBuffers, int expected) {
        return new Builder(numBuffers, expected);
    }

    /** Value buffers per chunk (0 when there are no chunks). */
    public int numBuffers() {
        return numBuffers;
    }

    /** Bytes of buffer {@code buffer} in chunk {@code chunk}. */
    public int bufferSize(int chunk, int buffer) {
        Objects.checkIndex(chunk, count);
        Objects.checkIndex(buffer, numBuffers);
        return sizes[chunk * numBuffers + buffer];
    }

    /** Log2 of chunk {@code chunk}'s value count; the last chunk may say 0. */
    public int logNumValues(int chunk) {
        Objects.checkIndex(chunk, count);
        return logs[chunk];
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public MiniBlockChunk get(int chunk) {
        Objects.checkIndex(chunk, count);
        int from = chunk * numBuffers;
        return new MiniBlockChunk(Arrays.copyOfRange(sizes, from, from + numBuffers), logs[chunk]);
    }

    /** Collects chunks in order; {@link #build} hands its arrays over without copying. */
    public static final class Builder {
        private final int numBuffers;
        private int[] sizes;
        private byte[] logs;
        private int count;
        private boolean built;

        private Builder(int numBuffers, int expected) {
            if (numBuffers < 1) {
                throw new IllegalArgumentException("a mini-block chunk has at least one buffer, got " + numBuffers);
            }
            this.numBuffers = numBuffers;
            int room = Math.max(1, expected);
            sizes = new int[Math.multiplyExact(room, numBuffers)];
            logs = new byte[room];
        }

        /** Adds a chunk of one buffer. */
        public Builder add(int size, int logNumValues) {
            checkSize(size);
            int at = next(logNumValues);
            sizes[at] = size;
            return this;
        }

        /** Adds a chunk of two buffers. */
        public Builder add(int size0, int size1, int logNumValues) {
            checkSize(size0);
            checkSize(size1);
            int at = next(logNumValues);
            sizes[at] = size0;
            sizes[at + 1] = size1;
            return this;
        }

        /** Adds a chunk with these buffer sizes. */
        public Builder add(int[] bufferSizes, int logNumValues) {
            if (bufferSizes.length != numBuffers) {
                throw new IllegalArgumentException("chunk of " + bufferSizes.length + " buffers among chunks of "
                        + numBuffers);
            }
            for (int size : bufferSizes) {
                checkSize(size);
            }
            int at = next(logNumValues);
            System.arraycopy(bufferSizes, 0, sizes, at, numBuffers);
            return this;
        }

        /** Reserves the next chunk (its sizes are checked) and returns where they go. */
        private int next(int logNumValues) {
            if (built) {
                throw new IllegalStateException("chunks already built");
            }
            if (logNumValues < 0 || logNumValues > Byte.MAX_VALUE) {
                throw new IllegalArgumentException("log2 of a chunk's values out of range: " + logNumValues);
            }
            if (count == logs.length) {
                int room = Math.multiplyExact(logs.length, 2);
                logs = Arrays.copyOf(logs, room);
                sizes = Arrays.copyOf(sizes, Math.multiplyExact(room, numBuffers));
            }
            logs[count] = (byte) logNumValues;
            return count++ * numBuffers;
        }

        private static void checkSize(int size) {
            if (size < 0) {
                throw new IllegalArgumentException("negative chunk buffer size " + size);
            }
        }

        public MiniBlockChunks build() {
            built = true;
            return count == 0 ? NONE : new MiniBlockChunks(numBuffers, sizes, logs, count);
        }
    }
}
