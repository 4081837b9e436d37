package dev.jlance.encoder;

import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.Layouts;
import dev.jlance.memory.OffHeapArena;
import java.lang.foreign.MemorySegment;

/** A {@link BufferSink} into off-heap memory that grows as needed; the arena owns it. */
final class MemorySink implements BufferSink {

    /** Lance pads with 'H'. */
    static final byte PAD = 0x48;

    private final OffHeapArena arena;
    private final long alignment;
    private MemorySegment data;
    private long position;

    MemorySink(OffHeapArena arena, long alignment) {
        this.arena = arena;
        this.alignment = alignment;
        this.data = arena.allocate(4096);
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public long writeAligned(LanceBuffer buffer) {
        long at = position;
        long pad = Layouts.padding(buffer.size(), alignment);
        ensure(at + buffer.size() + pad);
        MemorySegment.copy(buffer.segment(), 0, data, at, buffer.size());
        data.asSlice(at + buffer.size(), pad).fill(PAD);
        position = at + buffer.size() + pad;
        return at;
    }

    private void ensure(long size) {
        if (size > data.byteSize()) {
            MemorySegment bigger = arena.allocate(Math.max(size, data.byteSize() * 2));
            MemorySegment.copy(data, 0, bigger, 0, position);
            data = bigger;
        }
    }

    LanceBuffer contents() {
        return new LanceBuffer(data.asSlice(0, position));
    }
}
