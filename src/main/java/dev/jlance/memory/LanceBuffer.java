package dev.jlance.memory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * A view of bytes that go into a Lance file. It never owns its memory: the segment belongs to an
 * {@link OffHeapArena}, to Arrow (a borrowed view) or to the heap.
 */
public record LanceBuffer(MemorySegment segment) {

    public static final LanceBuffer EMPTY = new LanceBuffer(MemorySegment.ofArray(new byte[0]));

    public LanceBuffer {
        Objects.requireNonNull(segment, "segment");
    }

    public static LanceBuffer wrap(byte[] bytes) {
        return new LanceBuffer(MemorySegment.ofArray(bytes));
    }

    public long size() {
        return segment.byteSize();
    }

    public LanceBuffer slice(long offset, long length) {
        return new LanceBuffer(segment.asSlice(offset, length));
    }

    public byte[] toByteArray() {
        return segment.toArray(ValueLayout.JAVA_BYTE);
    }
}
