package dev.jlance.memory;

import java.lang.foreign.MemorySegment;

/** Appends little-endian values to a segment whose size the caller computed beforehand. */
public final class SegmentWriter {

    private final MemorySegment target;
    private long position;

    public SegmentWriter(MemorySegment target) {
        this.target = target;
    }

    public long position() {
        return position;
    }

    public SegmentWriter u8(int value) {
        target.set(Layouts.U8, position, (byte) value);
        position += 1;
        return this;
    }

    public SegmentWriter u16(int value) {
        target.set(Layouts.U16, position, (short) value);
        position += 2;
        return this;
    }

    public SegmentWriter u32(long value) {
        target.set(Layouts.U32, position, (int) value);
        position += 4;
        return this;
    }

    public SegmentWriter u64(long value) {
        target.set(Layouts.U64, position, value);
        position += 8;
        return this;
    }

    /** Writes an unsigned integer of {@code width} bytes (1, 2, 4 or 8). */
    public SegmentWriter uint(long value, int width) {
        return switch (width) {
            case 1 -> u8((int) value);
            case 2 -> u16((int) value);
            case 4 -> u32(value);
            case 8 -> u64(value);
            default -> throw new IllegalArgumentException("width " + width);
        };
    }

    /**
     * Hands the next {@code length} bytes to {@code fill} (which writes them at the given offset
     * of {@link #target()}) and moves past them: for kernels that write in place.
     */
    public SegmentWriter region(long length, java.util.function.LongConsumer fill) {
        fill.accept(position());
        return skip(length);
    }

    private SegmentWriter skip(long length) {
        if (length < 0 || position() + length > target.byteSize()) {
            throw new IndexOutOfBoundsException("region of " + length + " bytes at " + position() + " overflows "
                    + target.byteSize());
        }
        position += length;
        return this;
    }

    public MemorySegment target() {
        return target;
    }

    public SegmentWriter bytes(MemorySegment source, long offset, long length) {
        MemorySegment.copy(source, offset, target, position, length);
        position += length;
        return this;
    }

    public SegmentWriter bytes(MemorySegment source) {
        return bytes(source, 0, source.byteSize());
    }

    /** Fills with {@code fill} up to the next multiple of {@code alignment}. */
    public SegmentWriter padTo(long alignment, byte fill) {
        long pad = Layouts.padding(position, alignment);
        // pads are a few bytes: a plain loop, no slice per pad
        for (long i = 0; i < pad; i++) {
            target.set(Layouts.U8, position + i, fill);
        }
        position += pad;
        return this;
    }

    /** Checks that exactly the planned number of bytes was written. */
    public MemorySegment finish() {
        if (position != target.byteSize()) {
            throw new IllegalStateException("wrote " + position + " bytes into a buffer of " + target.byteSize());
        }
        return target;
    }
}
