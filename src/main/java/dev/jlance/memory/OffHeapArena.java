package dev.jlance.memory;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one owner of some off-heap memory. Everything allocated here lives until {@link #close()},
 * which only the owner calls; segments handed out are views and never close anything.
 *
 * <p>The memory comes in blocks from a {@link BlockPool} and goes back to it on close, so a
 * writer that encodes page after page reuses warm memory instead of mapping and zeroing fresh
 * pages for each. Small allocations share a block; large ones get a block of their own.
 * Allocation may be called from any thread (an arena is usually filled by one task at a time).
 *
 * <p>Because blocks are reused, a segment read after its arena closed does not fail: it sees the
 * next owner's bytes, or the pool's poison in tests. Ownership must be right by construction.
 *
 * <p>With tracking on, every open arena is registered so tests can prove that none leaked:
 * {@link #openArenas()} lists the purposes of the arenas still open. Tracking is on when assertions
 * are (as in tests) or with {@code -Djlance.memory.trackArenas=true}; off, an arena costs no
 * registry entry, which a writer would otherwise make for every page.
 */
public final class OffHeapArena implements AutoCloseable {

    /** Page buffers are aligned to this so the file channel can take them without a copy. */
    public static final long ALIGNMENT = 64;

    /** Requests up to this size are carved from a shared block; larger ones get their own. */
    private static final long SHARED_BLOCK_LIMIT = BlockPool.MIN_BLOCK / 4;

    private static final boolean TRACKED = Boolean.parseBoolean(System.getProperty("jlance.memory.trackArenas",
            String.valueOf(OffHeapArena.class.desiredAssertionStatus())));
    private static final Set<OffHeapArena> OPEN = ConcurrentHashMap.newKeySet();

    private final String purpose;
    private final BlockPool pool;
    /** Written under this arena's lock; volatile so {@link #isOpen} needs none. */
    private volatile boolean closed;
    /** The first block, and the others in {@link #moreBlocks} (made only when a second one is needed). */
    private BlockPool.Block firstBlock;
    private List<BlockPool.Block> moreBlocks;
    /** The block small requests are carved from, and how much of it is used. */
    private MemorySegment current;
    private long currentUsed;

    private OffHeapArena(String purpose, BlockPool pool) {
        this.purpose = purpose;
        this.pool = pool;
    }

    /** Opens an arena on the shared pool; {@code purpose} names it in leak reports. */
    public static OffHeapArena open(String purpose) {
        return open(purpose, BlockPool.shared());
    }

    /** Opens an arena whose blocks come from {@code pool}. */
    public static OffHeapArena open(String purpose, BlockPool pool) {
        OffHeapArena a = new OffHeapArena(purpose, pool);
        if (TRACKED) {
            OPEN.add(a);
        }
        return a;
    }

    /** Allocates {@code bytes} zeroed bytes aligned to {@link #ALIGNMENT}. */
    public MemorySegment allocate(long bytes) {
        return allocateUninitialized(bytes).fill((byte) 0);
    }

    /**
     * Allocates {@code bytes} bytes aligned to {@link #ALIGNMENT} whose contents are undefined: for
     * buffers the caller overwrites completely (copies, concatenations), which then skip the
     * zeroing pass.
     */
    public synchronized MemorySegment allocateUninitialized(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative allocation: " + bytes);
        }
        if (closed) {
            throw new IllegalStateException("allocation from a closed arena: " + this);
        }
        if (bytes > SHARED_BLOCK_LIMIT) {
            BlockPool.Block b = pool.take(bytes);
            keep(b);
            return b.segment().asSlice(0, bytes);
        }
        long at = currentUsed + Layouts.padding(currentUsed, ALIGNMENT);
        if (current == null || at + bytes > current.byteSize()) {
            BlockPool.Block b = pool.take(BlockPool.MIN_BLOCK);
            keep(b);
            current = b.segment();
            at = 0;
        }
        currentUsed = at + bytes;
        return current.asSlice(at, bytes);
    }

    private void keep(BlockPool.Block b) {
        if (firstBlock == null) {
            firstBlock = b;
        } else {
            if (moreBlocks == null) {
                moreBlocks = new ArrayList<>(4);
            }
            moreBlocks.add(b);
        }
    }

    /** Allocates a zeroed buffer of exactly {@code bytes} bytes. */
    public LanceBuffer allocateBuffer(long bytes) {
        return new LanceBuffer(allocate(bytes));
    }

    /** Copies {@code source} into this arena. */
    public MemorySegment copyOf(MemorySegment source) {
        MemorySegment copy = allocateUninitialized(source.byteSize());
        MemorySegment.copy(source, 0, copy, 0, source.byteSize());
        return copy;
    }

    /** Whether {@code segment} lies in memory allocated here (views of it included). */
    public synchronized boolean owns(MemorySegment segment) {
        if (!segment.isNative()) {
            return false;
        }
        long start = segment.address();
        long end = start + segment.byteSize();
        if (firstBlock != null && within(firstBlock, start, end)) {
            return true;
        }
        if (moreBlocks != null) {
            for (BlockPool.Block b : moreBlocks) {
                if (within(b, start, end)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean within(BlockPool.Block b, long start, long end) {
        long from = b.segment().address();
        return start >= from && end <= from + b.size();
    }

    public boolean isOpen() {
        return !closed;
    }

    /** Gives everything allocated here back. Safe to call twice; only the owner may call it. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (firstBlock != null) {
                pool.give(firstBlock);
                firstBlock = null;
            }
            if (moreBlocks != null) {
                for (BlockPool.Block b : moreBlocks) {
                    pool.give(b);
                }
                moreBlocks = null;
            }
            current = null;
        }
        if (TRACKED) {
            OPEN.remove(this);
        }
    }

    /**
     * Purposes of the arenas still open, for leak checks.
     *
     * @throws IllegalStateException when tracking is off: an empty list would then prove nothing
     */
    public static List<String> openArenas() {
        if (!TRACKED) {
            throw new IllegalStateException("arenas are not tracked: enable assertions or -Djlance.memory.trackArenas=true");
        }
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
