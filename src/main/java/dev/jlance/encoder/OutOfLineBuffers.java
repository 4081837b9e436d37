package dev.jlance.encoder;

import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.Layouts;
import java.util.ArrayList;
import java.util.List;

/**
 * Buffers an encoder writes outside its pages (blob bytes), placed before the pages of the batch.
 * Each gets the file position it will have, padded to the buffer alignment.
 */
public final class OutOfLineBuffers {

    private long position;
    private final long alignment;
    /** Made on the first buffer: most fields of most batches write none. */
    private List<LanceBuffer> buffers = List.of();

    public OutOfLineBuffers(long basePosition, long alignment) {
        this.position = basePosition;
        this.alignment = alignment;
    }

    /** Queues {@code buffer} and returns the file position it will be written at. */
    public long addBuffer(LanceBuffer buffer) {
        long at = position;
        position += buffer.size() + Layouts.padding(buffer.size(), alignment);
        if (buffers.isEmpty()) {
            buffers = new ArrayList<>();
        }
        buffers.add(buffer);
        return at;
    }

    public List<LanceBuffer> takeBuffers() {
        List<LanceBuffer> out = List.copyOf(buffers);
        buffers = List.of();
        return out;
    }

    public void resetPosition(long newPosition) {
        this.position = newPosition;
    }

    public boolean isEmpty() {
        return buffers.isEmpty();
    }
}
