package dev.jlance.compression;

import dev.jlance.memory.OffHeapArena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The chunks of one mini-block page, as the compressor cut them: each chunk's buffer sizes and
 * log2 value count, packed in one segment. A page has thousands of chunks; an object per chunk
 * was most of what a steady-state write allocated on the heap, and so were the arrays that replaced
 * them, so a page's table lives in the page's own arena ({@link #builder(int, int, OffHeapArena)})
 * and goes when the page does. The encoder reads it through {@link #bufferSize(int, int)} and
 * {@link #logNumValues(int)}. As a {@code List}, {@link #get} makes a {@link MiniBlockChunk} on
 * demand, for tests and messages.
 */
public final class MiniBlockChunks extends AbstractList<MiniBlockChunk> implements RandomAccess {

    private static final MiniBlockChunks NONE = new MiniBlockChunks(0, MemorySegment.ofArray(new int[0]), 0, 0);

    private final int numBuffers;
    /** Chunk-major sizes (chunk c's size of buffer b is int {@code c * numBuffers + b}), then one log byte per chunk at {@link #logsAt}. */
    private final MemorySegment table;
    private final long logsAt;
    private final int count;

    private MiniBlockChunks(int numBuffers, MemorySegment table, long logsAt, int count) {
        this.numBuffers = numBuffers;
        this.table = table;
        this.logsAt = logsAt;
        this.count = count;
    }

    /** These chunks, or, for any other list, chunks with the same sizes and counts (on the heap). */
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

    /**
     * A builder of chunks with {@code numBuffers} buffers each, with room for {@code expected} of
     * them, whose table lives in {@code arena} (the page's): it must not be read after the arena closes.
     */
    public static Builder builder(int numBuffers, int expected, OffHeapArena arena) {
        return new Builder(numBuffers, expected, Objects.requireNonNull(arena, "arena"));
    }

    /** A builder whose table is on the heap, for chunks that outlive any page (tests, {@link #of}). */
    public static Builder builder(int numBuffers, int expected) {
        return new Builder(numBuffers, expected, null);
    }

    /** Value buffers per chunk (0 when there are no chunks). */
    public int numBuffers() {
        return numBuffers;
    }

    /** Bytes of buffer {@code buffer} in chunk {@code chunk}. */
    public int bufferSize(int chunk, int buffer) {
        Objects.checkIndex(chunk, count);
        Objects.checkIndex(buffer, numBuffers);
        return table.getAtIndex(ValueLayout.JAVA_INT, (long) chunk * numBuffers + buffer);
    }

    /** Log2 of chunk {@code chunk}'s value count; the last chunk may say 0. */
    public int logNumValues(int chunk) {
        Objects.checkIndex(chunk, count);
        return table.get(ValueLayout.JAVA_BYTE, logsAt + chunk);
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public MiniBlockChunk get(int chunk) {
        Objects.checkIndex(chunk, count);
        int[] sizes = new int[numBuffers];
        for (int b = 0; b < numBuffers; b++) {
            sizes[b] = bufferSize(chunk, b);
        }
        return new MiniBlockChunk(sizes, logNumValues(chunk));
    }

    /** Collects chunks in order; {@link #build} hands its table over without copying. */
    public static final class Builder {
        private final int numBuffers;
        private final OffHeapArena arena;
        private MemorySegment table;
        private long logsAt;
        private int room;
        private int count;
        private boolean built;

        private Builder(int numBuffers, int expected, OffHeapArena arena) {
            if (numBuffers < 1) {
                throw new IllegalArgumentException("a mini-block chunk has at least one buffer, got " + numBuffers);
            }
            this.numBuffers = numBuffers;
            this.arena = arena;
            grow(Math.max(1, expected));
        }

        /** Moves the table to one with room for {@code newRoom} chunks (the old one stays in the arena until it closes). */
        private void grow(int newRoom) {
            long sizesBytes = (long) Math.multiplyExact(newRoom, numBuffers) * Integer.BYTES;
            long bytes = sizesBytes + newRoom;
            MemorySegment grown = arena != null ? arena.allocateUninitialized(bytes)
                    : MemorySegment.ofArray(new int[Math.toIntExact((bytes + Integer.BYTES - 1) / Integer.BYTES)]);
            if (count > 0) {
                MemorySegment.copy(table, 0, grown, 0, (long) count * numBuffers * Integer.BYTES);
                MemorySegment.copy(table, logsAt, grown, sizesBytes, count);
            }
            table = grown;
            logsAt = sizesBytes;
            room = newRoom;
        }

        /** Adds a chunk of one buffer. */
        public Builder add(int size, int logNumValues) {
            checkSize(size);
            long at = next(logNumValues);
            table.setAtIndex(ValueLayout.JAVA_INT, at, size);
            return this;
        }

        /** Adds a chunk of two buffers. */
        public Builder add(int size0, int size1, int logNumValues) {
            checkSize(size0);
            checkSize(size1);
            long at = next(logNumValues);
            table.setAtIndex(ValueLayout.JAVA_INT, at, size0);
            table.setAtIndex(ValueLayout.JAVA_INT, at + 1, size1);
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
            long at = next(logNumValues);
            for (int b = 0; b < numBuffers; b++) {
                table.setAtIndex(ValueLayout.JAVA_INT, at + b, bufferSizes[b]);
            }
            return this;
        }

        /** Reserves the next chunk (its sizes are checked) and returns the int index its sizes go to. */
        private long next(int logNumValues) {
            if (built) {
                throw new IllegalStateException("chunks already built");
            }
            if (logNumValues < 0 || logNumValues > Byte.MAX_VALUE) {
                throw new IllegalArgumentException("log2 of a chunk's values out of range: " + logNumValues);
            }
            if (count == room) {
                grow(Math.multiplyExact(room, 2));
            }
            table.set(ValueLayout.JAVA_BYTE, logsAt + count, (byte) logNumValues);
            return (long) count++ * numBuffers;
        }

        private static void checkSize(int size) {
            if (size < 0) {
                throw new IllegalArgumentException("negative chunk buffer size " + size);
            }
        }

        public MiniBlockChunks build() {
            built = true;
            return count == 0 ? NONE : new MiniBlockChunks(numBuffers, table, logsAt, count);
        }
    }
}
