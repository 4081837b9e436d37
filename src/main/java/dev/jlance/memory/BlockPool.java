package dev.jlance.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Off-heap blocks recycled between {@link OffHeapArena}s. Fresh native memory is expensive: the
 * allocator maps new pages, the kernel faults each one in and FFM zeroes it, a full extra pass over
 * every byte a page holds. Writing a file allocates and frees the same sizes page after page, so
 * blocks freed by one page's arena are handed to the next one, already mapped and warm.
 *
 * <p>Sizes are rounded up to one of four steps per power of two (at most 25 % slack). Free blocks
 * are kept until they add up to {@link #retainLimit()} bytes, so an idle process holds at most that
 * much; past it, idle blocks of other sizes are freed first, then the block being returned. Each size
 * has its own free list, indexed by the size's step (no boxed key), held under its own lock for one
 * push or pop: blocks change hands once per arena, not per value, and a list never allocates once it
 * has grown to its working size.
 *
 * <p>With {@link #poisonFreedBlocks()} (on when assertions are enabled, as in tests) every freed
 * block is overwritten with {@link #POISON}, so data read after its arena closed comes out as
 * garbage that conformance tests notice instead of as the previous page's plausible values.
 */
public final class BlockPool {

    /** The smallest block; smaller requests share blocks of this size within an arena. */
    public static final long MIN_BLOCK = 64 * 1024;
    /** Requests above this get their own exact allocation, freed when their arena closes. */
    public static final long MAX_POOLED_BLOCK = 256L * 1024 * 1024;
    /** What freed blocks are filled with when poisoning. */
    public static final byte POISON = (byte) 0xA5;

    private static final BlockPool SHARED = new BlockPool(
            Long.getLong("jlance.memory.poolBytes", defaultRetainLimit(physicalMemory())),
            Boolean.parseBoolean(System.getProperty("jlance.memory.poison",
                    String.valueOf(BlockPool.class.desiredAssertionStatus()))));

    /** A block of native memory and the arena that frees it. */
    record Block(MemorySegment segment, Arena owner) {
        long size() {
            return segment.byteSize();
        }
    }

    private final long retainLimit;
    private final boolean poison;
    /** Free blocks by {@link #sizeClass}: most recently freed first. */
    private final ArrayDeque<Block>[] free = newFreeLists();
    private final AtomicLong retained = new AtomicLong();
    private final AtomicLong allocated = new AtomicLong();
    private final AtomicLong allocatedBytes = new AtomicLong();
    private final AtomicLong inUse = new AtomicLong();
    private final AtomicLong peakInUse = new AtomicLong();

    /**
     * @param retainLimit the most bytes of free blocks kept for reuse (0: nothing is pooled)
     * @param poison whether freed blocks are overwritten with {@link #POISON}
     */
    public BlockPool(long retainLimit, boolean poison) {
        if (retainLimit < 0) {
            throw new IllegalArgumentException("negative retain limit: " + retainLimit);
        }
        this.retainLimit = retainLimit;
        this.poison = poison;
    }

    /**
     * The shared pool's retain limit on a machine (or container) with {@code physicalBytes} of
     * memory: a sixteenth of it, at least 256 MiB and at most 1 GiB. Writing batches of 100 MB
     * strings holds over 300 MB of page buffers at once; with less kept, every file maps, faults in
     * and zeroes its largest buffers afresh, which cost a third of such a write's time here
     * (PERFORMANCE.md).
     */
    static long defaultRetainLimit(long physicalBytes) {
        long min = 256L << 20;
        long max = 1L << 30;
        return physicalBytes <= 0 ? min : Math.clamp(physicalBytes / 16, min, max);
    }

    /** The memory of the machine or container this JVM runs in, or 0 when it cannot be told. */
    private static long physicalMemory() {
        try {
            if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    instanceof com.sun.management.OperatingSystemMXBean os) {
                return os.getTotalMemorySize();
            }
        } catch (RuntimeException | LinkageError e) {
            // no management beans in this runtime: the minimum applies
        }
        return 0;
    }

    /**
     * The process-wide pool. {@code -Djlance.memory.poolBytes=N} sets how many bytes of free blocks
     * it keeps (by default a sixteenth of the machine's memory, from 256 MiB to 1 GiB, see
     * {@link #defaultRetainLimit}; 0 turns pooling off); {@code -Djlance.memory.poison=true|false}
     * overrides whether freed blocks are poisoned.
     */
    public static BlockPool shared() {
        return SHARED;
    }

    @SuppressWarnings("unchecked")
    private static ArrayDeque<Block>[] newFreeLists() {
        ArrayDeque<Block>[] lists = new ArrayDeque[sizeClass(MAX_POOLED_BLOCK) + 1];
        for (int i = 0; i < lists.length; i++) {
            lists[i] = new ArrayDeque<>();
        }
        return lists;
    }

    /**
     * The free list of pooled block size {@code size} (a {@link #blockSize} of at most
     * {@link #MAX_POOLED_BLOCK}): {@code m << k} with {@code m} in 4..7, numbered from
     * {@link #MIN_BLOCK} up, four per power of two.
     */
    static int sizeClass(long size) {
        int log = 63 - Long.numberOfLeadingZeros(size);
        int step = (int) (size >>> (log - 2)) - 4;
        return (log - Long.numberOfTrailingZeros(MIN_BLOCK)) * 4 + step;
    }

    /** The block size that serves a request of {@code bytes}: four steps per power of two. */
    static long blockSize(long bytes) {
        if (bytes <= MIN_BLOCK) {
            return MIN_BLOCK;
        }
        if (bytes > MAX_POOLED_BLOCK) {
            return bytes;
        }
        int step = 63 - Long.numberOfLeadingZeros(bytes - 1) - 2;
        return ((bytes + (1L << step) - 1) >>> step) << step;
    }

    /** A block of at least {@code bytes} bytes, aligned to {@link OffHeapArena#ALIGNMENT}; contents undefined. */
    Block take(long bytes) {
        long size = blockSize(bytes);
        long used = inUse.addAndGet(size);
        if (used > peakInUse.get()) {
            peakInUse.accumulateAndGet(used, Math::max);
        }
        Block b = size > MAX_POOLED_BLOCK ? null : pollFirst(free[sizeClass(size)]);
        if (b != null) {
            retained.addAndGet(-size);
            return b;
        }
        Arena arena = Arena.ofShared();
        try {
            MemorySegment segment = arena.allocate(size, OffHeapArena.ALIGNMENT);
            allocated.incrementAndGet();
            allocatedBytes.addAndGet(size);
            return new Block(segment, arena);
        } catch (RuntimeException | OutOfMemoryError e) {
            inUse.addAndGet(-size);
            arena.close();
            throw e;
        }
    }

    /** Returns a block taken from this pool; it is kept for reuse or freed. */
    void give(Block block) {
        long size = block.size();
        inUse.addAndGet(-size);
        if (poison) {
            block.segment().fill(POISON);
        }
        if (size > MAX_POOLED_BLOCK || size > retainLimit) {
            block.owner().close();
            return;
        }
        // Over the limit, idle blocks of other sizes go first: the sizes a workload frees now are
        // the ones it will ask for next, while blocks of an earlier workload may never be asked for.
        long total = retained.addAndGet(size);
        while (total > retainLimit) {
            Block victim = idleBlockOtherThan(size);
            if (victim == null) {
                break;
            }
            total = retained.addAndGet(-victim.size());
            victim.owner().close();
        }
        if (total > retainLimit) {
            retained.addAndGet(-size);
            block.owner().close();
            return;
        }
        ArrayDeque<Block> list = free[sizeClass(size)];
        synchronized (list) {
            list.offerFirst(block);
        }
    }

    private static Block pollFirst(ArrayDeque<Block> list) {
        synchronized (list) {
            return list.pollFirst();
        }
    }

    /** The least recently freed idle block of some size other than {@code size}, taken out of the pool. */
    private Block idleBlockOtherThan(long size) {
        int own = sizeClass(size);
        for (int c = 0; c < free.length; c++) {
            if (c != own) {
                Block b;
                synchronized (free[c]) {
                    b = free[c].pollLast();
                }
                if (b != null) {
                    return b;
                }
            }
        }
        return null;
    }

    /** Frees every block kept for reuse. */
    public void trim() {
        for (ArrayDeque<Block> list : free) {
            Block b;
            while ((b = pollFirst(list)) != null) {
                retained.addAndGet(-b.size());
                b.owner().close();
            }
        }
    }

    /** Bytes of the blocks arenas hold now. */
    public long bytesInUse() {
        return inUse.get();
    }

    /** The most bytes arenas held at once since the pool was made or {@link #resetPeak()}. */
    public long peakBytesInUse() {
        return peakInUse.get();
    }

    /** Starts a new peak measurement at the current use. */
    public void resetPeak() {
        peakInUse.set(inUse.get());
    }

    /** Bytes of free blocks kept for reuse now. */
    public long retainedBytes() {
        return retained.get();
    }

    /** The most bytes of free blocks this pool keeps. */
    public long retainLimit() {
        return retainLimit;
    }

    /** Blocks this pool had to allocate fresh so far (reused ones not counted). */
    public long blocksAllocated() {
        return allocated.get();
    }

    /** Bytes of the blocks allocated fresh so far. */
    public long bytesAllocated() {
        return allocatedBytes.get();
    }

    /** Whether freed blocks are overwritten with {@link #POISON}. */
    public boolean poisonFreedBlocks() {
        return poison;
    }
}
