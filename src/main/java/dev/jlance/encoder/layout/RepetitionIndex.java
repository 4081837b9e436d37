package dev.jlance.encoder.layout;

import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.memory.SegmentWriter;

/**
 * Byte offsets where full-zip rows start, byte-packed with one width for all entries chosen from an
 * upper bound of the data size (1, 2, 4 or 8 bytes), as the reader infers it from the buffer size.
 * Entries go straight into the page's arena (room for the most rows the page can start), so a
 * page of many rows builds no growing heap array.
 */
final class RepetitionIndex {

    private final SegmentWriter out;
    private final int width;

    /**
     * @param maxValue the largest offset that will be added (picks the width)
     * @param maxEntries the most entries that will be added
     */
    RepetitionIndex(long maxValue, long maxEntries, OffHeapArena arena) {
        this.width = maxValue <= 0xFFL ? 1 : maxValue <= 0xFFFFL ? 2 : maxValue <= 0xFFFF_FFFFL ? 4 : 8;
        this.out = new SegmentWriter(arena.allocateUninitialized(maxEntries * width));
    }

    void add(long offset) {
        out.uint(offset, width);
    }

    /** The entries added, as the page's buffer (a view of the arena's memory). */
    LanceBuffer write() {
        return new LanceBuffer(out.target().asSlice(0, out.position()));
    }
}
