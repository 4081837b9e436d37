package dev.jlance.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlockPoolTest {

    @Test
    void theSharedPoolKeepsASixteenthOfTheMachinesMemoryBetween256MiBAnd1GiB() {
        long mib = 1L << 20;
        assertEquals(256 * mib, BlockPool.defaultRetainLimit(0), "unknown memory");
        assertEquals(256 * mib, BlockPool.defaultRetainLimit(-1));
        assertEquals(256 * mib, BlockPool.defaultRetainLimit(2048 * mib), "2 GiB machine");
        assertEquals(256 * mib, BlockPool.defaultRetainLimit(4096 * mib), "4 GiB machine");
        assertEquals(512 * mib, BlockPool.defaultRetainLimit(8192 * mib), "8 GiB machine");
        assertEquals(1024 * mib, BlockPool.defaultRetainLimit(16384 * mib), "16 GiB machine");
        assertEquals(1024 * mib, BlockPool.defaultRetainLimit(1L << 40), "1 TiB machine");
        long shared = BlockPool.shared().retainLimit();
        assertTrue(Long.getLong("jlance.memory.poolBytes") != null
                || shared >= 256 * mib && shared <= 1024 * mib, "the shared pool's limit: " + shared);
    }

    @Test
    void blockSizesCoverTheRequestWithAtMostAQuarterSlack() {
        SplittableRandom rnd = new SplittableRandom(7);
        List<Long> requests = new ArrayList<>(List.of(0L, 1L, BlockPool.MIN_BLOCK - 1, BlockPool.MIN_BLOCK,
                BlockPool.MIN_BLOCK + 1, 5L << 20, (5L << 20) + 1, (8L << 20) - 1, 8L << 20,
                BlockPool.MAX_POOLED_BLOCK, BlockPool.MAX_POOLED_BLOCK + 1));
        for (int i = 0; i < 10_000; i++) {
            requests.add(rnd.nextLong(1, BlockPool.MAX_POOLED_BLOCK * 2));
        }
        long previousRequest = -1;
        for (long r : requests.stream().sorted().toList()) {
            long size = BlockPool.blockSize(r);
            assertTrue(size >= r, r + " -> " + size);
            if (r > BlockPool.MIN_BLOCK) {
                assertTrue(size <= r + (r - 1) / 4 + 1, "more than 25 % slack: " + r + " -> " + size);
            } else {
                assertEquals(BlockPool.MIN_BLOCK, size);
            }
            assertTrue(previousRequest < 0 || size >= BlockPool.blockSize(previousRequest), "not monotone at " + r);
            previousRequest = r;
        }
        // one request's size class serves every request of that size class exactly
        assertEquals(BlockPool.blockSize(5L << 20), BlockPool.blockSize(BlockPool.blockSize(5L << 20)));
    }

    /** Every pooled size has its own free list, and the lists are numbered densely in size order. */
    @Test
    void everyPooledBlockSizeHasItsOwnSizeClass() {
        java.util.Map<Integer, Long> sizeOfClass = new java.util.TreeMap<>();
        for (long r = 1; r <= BlockPool.MAX_POOLED_BLOCK; r = r + 1 + r / 97) {
            long size = BlockPool.blockSize(r);
            Long before = sizeOfClass.putIfAbsent(BlockPool.sizeClass(size), size);
            assertTrue(before == null || before == size, "sizes " + before + " and " + size + " share a class");
        }
        sizeOfClass.putIfAbsent(BlockPool.sizeClass(BlockPool.MAX_POOLED_BLOCK), BlockPool.MAX_POOLED_BLOCK);
        int expected = 0;
        long previous = 0;
        for (var e : sizeOfClass.entrySet()) {
            assertEquals(expected++, e.getKey(), "classes are dense from 0");
            assertTrue(e.getValue() > previous, "classes follow sizes");
            previous = e.getValue();
        }
        assertEquals(4 * 12 + 1, sizeOfClass.size(), "four per power of two from 64 KiB to 256 MiB");
    }

    @Test
    void freedBlocksAreReusedInsteadOfAllocatedAgain() {
        BlockPool pool = new BlockPool(64L << 20, false);
        for (int round = 0; round < 20; round++) {
            try (OffHeapArena a = OffHeapArena.open("reuse", pool)) {
                a.allocate(3 << 20);
                a.allocate(100);
                a.allocate(10_000);
                a.allocate(1 << 20);
            }
        }
        assertEquals(3, pool.blocksAllocated(), "one 3 MiB, one shared small block and one 1 MiB block, reused");
        assertEquals(BlockPool.blockSize(3 << 20) + BlockPool.MIN_BLOCK + (1 << 20), pool.retainedBytes());
        pool.trim();
        assertEquals(0, pool.retainedBytes());
    }

    @Test
    void blocksBeyondTheRetainLimitAreFreed() {
        BlockPool pool = new BlockPool(1 << 20, false);
        try (OffHeapArena a = OffHeapArena.open("limit", pool)) {
            a.allocate(700_000);
            a.allocate(700_000);
        }
        assertTrue(pool.retainedBytes() <= 1 << 20, "kept " + pool.retainedBytes());
        assertEquals(BlockPool.blockSize(700_000), pool.retainedBytes(), "one of the two is kept");

        BlockPool none = new BlockPool(0, false);
        try (OffHeapArena a = OffHeapArena.open("no pooling", none)) {
            a.allocate(1 << 20);
        }
        try (OffHeapArena a = OffHeapArena.open("no pooling", none)) {
            a.allocate(1 << 20);
        }
        assertEquals(0, none.retainedBytes());
        assertEquals(2, none.blocksAllocated());
    }


    @Test
    void aNewWorkloadsSizesDisplaceIdleBlocksOfAnEarlierOne() {
        BlockPool pool = new BlockPool(4L << 20, false);
        try (OffHeapArena a = OffHeapArena.open("earlier workload", pool)) {
            for (int i = 0; i < 4; i++) {
                a.allocate(1 << 20);
            }
        }
        assertEquals(4L << 20, pool.retainedBytes(), "the pool is full of 1 MiB blocks");
        long size = BlockPool.blockSize(1_500_000);
        for (int round = 0; round < 3; round++) {
            try (OffHeapArena a = OffHeapArena.open("new workload", pool)) {
                a.allocate(1_500_000);
                a.allocate(1_500_000);
            }
        }
        assertEquals(2 + 4, pool.blocksAllocated(), "the new size is allocated once, then reused");
        assertTrue(pool.retainedBytes() <= 4L << 20, "kept " + pool.retainedBytes());
        assertEquals(2 * size + (1 << 20), pool.retainedBytes(), "old blocks made room for both new ones");
    }
    @Test
    void allocateZeroesRecycledMemoryAndUninitializedSeesThePoison() {
        BlockPool pool = new BlockPool(64L << 20, true);
        for (long size : new long[] {24, 5_000, 300_000}) {
            try (OffHeapArena a = OffHeapArena.open("dirty", pool)) {
                a.allocate(size).fill((byte) 0x77);
            }
            try (OffHeapArena a = OffHeapArena.open("poisoned", pool)) {
                MemorySegment raw = a.allocateUninitialized(size);
                for (long i = 0; i < size; i += 97) {
                    assertEquals(BlockPool.POISON, raw.get(ValueLayout.JAVA_BYTE, i), "byte " + i + " of " + size);
                }
            }
            try (OffHeapArena a = OffHeapArena.open("zeroed", pool)) {
                MemorySegment zeroed = a.allocate(size);
                assertEquals(-1, zeroed.mismatch(MemorySegment.ofArray(new byte[(int) size])), "size " + size);
            }
        }
    }

    @Test
    void allocationsAreAlignedAndDisjoint() {
        BlockPool pool = new BlockPool(64L << 20, false);
        SplittableRandom rnd = new SplittableRandom(11);
        try (OffHeapArena a = OffHeapArena.open("layout", pool)) {
            List<MemorySegment> all = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                long size = rnd.nextInt(10) == 0 ? rnd.nextLong(0, 200_000) : rnd.nextLong(0, 3_000);
                MemorySegment s = a.allocate(size);
                assertEquals(size, s.byteSize());
                assertEquals(0, s.address() % OffHeapArena.ALIGNMENT, "misaligned allocation of " + size);
                s.fill((byte) i);
                all.add(s);
            }
            for (int i = 0; i < all.size(); i++) { // a later allocation overlapping an earlier one would show here
                MemorySegment s = all.get(i);
                for (long at = 0; at < s.byteSize(); at += 61) {
                    assertEquals((byte) i, s.get(ValueLayout.JAVA_BYTE, at), "allocation " + i + " overwritten");
                }
            }
        }
    }

    @Test
    void ownsRecognisesItsOwnMemoryOnly() {
        BlockPool pool = new BlockPool(64L << 20, false);
        try (OffHeapArena a = OffHeapArena.open("a", pool); OffHeapArena b = OffHeapArena.open("b", pool)) {
            MemorySegment small = a.allocate(100);
            MemorySegment big = a.allocate(1 << 20);
            MemorySegment other = b.allocate(100);
            assertTrue(a.owns(small));
            assertTrue(a.owns(big.asSlice(1000, 5000)));
            assertFalse(a.owns(other));
            assertFalse(b.owns(big));
            assertFalse(a.owns(MemorySegment.ofArray(new byte[16])));
        }
    }

    @Test
    void aClosedArenaRefusesAllocationAndForgetsItsBlocks() {
        BlockPool pool = new BlockPool(64L << 20, false);
        OffHeapArena a = OffHeapArena.open("closed", pool);
        MemorySegment s = a.allocate(1 << 20);
        a.close();
        a.close();
        assertFalse(a.isOpen());
        assertFalse(a.owns(s));
        assertThrows(IllegalStateException.class, () -> a.allocate(10));
        assertFalse(OffHeapArena.openArenas().contains("closed"));
    }
}
