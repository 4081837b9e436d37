package dev.jlance.encoder.layout;

import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.memory.SegmentWriter;
import java.util.Arrays;

/**
 * Byte offsets where full-zip rows start, byte-packed with one width for all entries chosen from an
 * upper bound of the data size (1, 2, 4 or 8 bytes), as the reader infers it from the buffer size.
 */
final class RepetitionIndex {

    private final int width;
    private long[] entries = new long[16];
    private int size;

    RepetitionIndex(long maxValue) {
        this.width = maxValue <= 0xFFL ? 1 : maxValue <= 0xFFFFL ? 2 : maxValue <= 0xFFFF_FFFFL ? 4 : 8;
    }

    void add(long offset) {
        if (size == entries.length) {
            entries = Arrays.copyOf(entries, size * 2);
        }
        entries[size++] = offset;
    }

    LanceBuffer write(OffHeapArena arena) {
        SegmentWriter w = new SegmentWriter(arena.allocate((long) size * width));
        for (int i = 0; i < size; i++) {
            w.uint(entries[i], width);
        }
        return new LanceBuffer(w.finish());
    }
}
