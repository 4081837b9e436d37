package dev.jlance.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.Layouts;
import dev.jlance.memory.OffHeapArena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlockStatisticsTest {

    private OffHeapArena arena;

    @BeforeEach
    void open() {
        arena = OffHeapArena.open("stats test");
    }

    @AfterEach
    void close() {
        arena.close();
    }

    private FixedWidthBlock longs(long... values) {
        MemorySegment s = arena.allocate(values.length * 8L);
        for (int i = 0; i < values.length; i++) {
            s.setAtIndex(Layouts.U64, i, values[i]);
        }
        return new FixedWidthBlock(new LanceBuffer(s), 64, values.length);
    }

    private VariableWidthBlock strings(String... values) {
        MemorySegment offsets = arena.allocate((values.length + 1) * 4L);
        byte[][] bytes = new byte[values.length][];
        int total = 0;
        for (int i = 0; i < values.length; i++) {
            bytes[i] = values[i].getBytes(java.nio.charset.StandardCharsets.UTF_8);
            total += bytes[i].length;
            offsets.setAtIndex(Layouts.U32, i + 1, total);
        }
        MemorySegment data = arena.allocate(total);
        long at = 0;
        for (byte[] b : bytes) {
            MemorySegment.copy(MemorySegment.ofArray(b), 0, data, at, b.length);
            at += b.length;
        }
        return new VariableWidthBlock(new LanceBuffer(offsets), new LanceBuffer(data), 32, values.length);
    }

    @Test
    void fixedWidth() {
        BlockStatistics s = new BlockStatistics(longs(1, 1, 2, 2, 2, 1000, 0), 3);
        assertEquals(56, s.dataSize());
        assertEquals(8, s.maxLength());
        assertEquals(3, s.nullCount());
        assertEquals(4, s.runCount());
        assertArrayEquals(new int[] {10}, s.bitWidths());
        assertEquals(4, s.cardinality());
    }

    @Test
    void bitWidthPerThousandTwentyFourValues() {
        long[] v = new long[2100];
        v[5] = 7;
        v[1500] = 1L << 40;
        v[2099] = -1;
        BlockStatistics s = new BlockStatistics(longs(v), 0);
        assertArrayEquals(new int[] {3, 41, 64}, s.bitWidths());
    }

    @Test
    void booleansHaveNoByteLength() {
        BlockStatistics s = new BlockStatistics(new FixedWidthBlock(arena.allocateBuffer(2), 1, 16), 0);
        assertEquals(0, s.maxLength());
        assertArrayEquals(new int[] {1}, s.bitWidths());
        assertEquals(1, s.runCount());
    }

    /** A fixed-size list's longest value is its row: dimension x item width, item validity not counted. */
    @Test
    void fixedSizeListMaxLengthIsTheRowWidth() {
        FixedWidthBlock items = new FixedWidthBlock(arena.allocateBuffer(6 * 64 * 4), 32, 6 * 64);
        assertEquals(256, new BlockStatistics(new FixedSizeListBlock(items, 64), 0).maxLength());
        assertEquals(256, new BlockStatistics(new FixedSizeListBlock(new NullableBlock(items,
                arena.allocateBuffer(48)), 64), 0).maxLength());
        assertEquals(63, new BlockStatistics(new FixedSizeListBlock(new FixedSizeListBlock(
                new FixedWidthBlock(arena.allocateBuffer(6 * 63), 8, 6 * 63), 21), 3), 0).maxLength());
        assertEquals(0, new BlockStatistics(new FixedSizeListBlock(
                new FixedWidthBlock(arena.allocateBuffer(1000), 1, 8000), 4000), 0).maxLength(),
                "booleans have no byte length, so lists of them neither (always mini-block)");
        assertEquals(6 * 64 * 4, new BlockStatistics(new FixedSizeListBlock(items, 64), 0).dataSize());
    }

    @Test
    void variableWidth() {
        BlockStatistics s = new BlockStatistics(strings("a", "", "hello", "héllo", "a"), 0);
        assertEquals(13, s.dataSize());
        assertEquals(6, s.maxLength());
        assertEquals(4, s.cardinality());
    }

    @Test
    void cardinalityIsDeterministicAndClose() {
        Random r = new Random(42);
        long[] v = new long[200_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(50_000);
        }
        long a = new BlockStatistics(longs(v), 0).cardinality();
        long b = new BlockStatistics(longs(v), 0).cardinality();
        assertEquals(a, b, "fixed seed: same input, same estimate");
        long exact = java.util.Arrays.stream(v).distinct().count();
        assertTrue(Math.abs(a - exact) < exact * 0.05, "estimate " + a + " vs exact " + exact);
    }
}
