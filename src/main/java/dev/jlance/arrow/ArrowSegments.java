package dev.jlance.arrow;

import java.lang.foreign.MemorySegment;
import org.apache.arrow.memory.ArrowBuf;

/** Borrowed views of Arrow memory. A view never frees anything: Arrow owns the memory. */
public final class ArrowSegments {

    private static final MemorySegment EMPTY = MemorySegment.ofArray(new byte[0]);
    /** All of native memory: a slice of it is a view in one object (ofAddress then reinterpret makes two). */
    private static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    private ArrowSegments() {
    }

    /** The first {@code length} bytes of {@code buf}, zero-copy. */
    public static MemorySegment view(ArrowBuf buf, long length) {
        if (length == 0) {
            return EMPTY;
        }
        if (buf.capacity() < length) {
            throw new IllegalArgumentException("Arrow buffer holds " + buf.capacity() + " bytes, " + length + " needed");
        }
        return ALL.asSlice(buf.memoryAddress(), length);
    }
}
