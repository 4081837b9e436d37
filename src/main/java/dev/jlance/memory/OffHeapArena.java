package dev.jlance.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one owner of a block of off-heap memory. Everything allocated here lives until {@link #close()},
 * which only the owner calls; segments handed out are views and never close anything.
 *
 * <p>Every open arena is registered so tests can prove that none leaked: {@link #openArenas()}
 * lists the purposes of the arenas still open.
 */
public final class OffHeapArena implements AutoCloseable {

    /** Page buffers are aligned to this so the file channel can take them without a copy. */
    public static final long ALIGNMENT = 64;

    private static final Set<OffHeapArena> OPEN = ConcurrentHashMap.newKeySet();

    private final Arena arena = Arena.ofShared();
    private final String purpose;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OffHeapArena(String purpose) {
        this.purpose = purpose;
    }

    /** Opens an arena; {@code purpose} names it in leak reports. */
    public static OffHeapArena open(String purpose) {
        OffHeapArena a = new OffHeapArena(purpose);
        OPEN.add(a);
        return a;
    }

    /** Allocates {@code bytes} zeroed bytes aligned to {@link #ALIGNMENT}. */
    public MemorySegment allocate(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative allocation: " + bytes);
        }
        return arena.allocate(Math.max(bytes, 1), ALIGNMENT).asSlice(0, bytes);
    }

    /** Allocates a buffer of exactly {@code bytes} bytes. */
    public LanceBuffer allocateBuffer(long bytes) {
        return new LanceBuffer(allocate(bytes));
    }

    /** Copies {@code source} into this arena. */
    public MemorySegment copyOf(MemorySegment source) {
        MemorySegment copy = allocate(source.byteSize());
        MemorySegment.copy(source, 0, copy, 0, source.byteSize());
        return copy;
    }

    /** Whether {@code segment} was allocated here (views of it included). */
    public boolean owns(MemorySegment segment) {
        return segment.scope().equals(arena.scope());
    }

    public boolean isOpen() {
        return !closed.get();
    }

    /** Frees everything allocated here. Safe to call twice; only the owner may call it. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            OPEN.remove(this);
            arena.close();
        }
    }

    /** Purposes of the arenas still open, for leak checks. */
    public static List<String> openArenas() {
        List<String> out = new ArrayList<>();
        for (OffHeapArena a : OPEN) {
            out.add(a.purpose);
        }
        return out;
    }

    @Override
    public String toString() {
        return "OffHeapArena[" + purpose + (isOpen() ? "" : ", closed") + "]";
    }
}
