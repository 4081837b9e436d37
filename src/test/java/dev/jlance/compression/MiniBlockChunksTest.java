package dev.jlance.compression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jlance.memory.OffHeapArena;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MiniBlockChunksTest {

    @ParameterizedTest(name = "in an arena: {0}")
    @ValueSource(booleans = {false, true})
    void builderGrowsPastItsGuessAndKeepsEveryChunk(boolean inArena) {
        Random r = new Random(11);
        for (int buffers = 1; buffers <= 3; buffers++) {
            for (int n : new int[] {0, 1, 2, 3, 7, 64, 1000}) {
                for (int guess : new int[] {0, 1, n / 3, n + 5}) {
                    try (OffHeapArena arena = OffHeapArena.open("chunk table test")) {
                        checkBuilder(r, buffers, n, inArena ? MiniBlockChunks.builder(buffers, guess, arena)
                                : MiniBlockChunks.builder(buffers, guess));
                    }
                }
            }
        }
    }

    /** Adds n random chunks to {@code b} and checks every size and count it then holds. */
    private static void checkBuilder(Random r, int buffers, int n, MiniBlockChunks.Builder b) {
            List<MiniBlockChunk> expected = new ArrayList<>();
            for (int c = 0; c < n; c++) {
                int[] sizes = new int[buffers];
                for (int k = 0; k < buffers; k++) {
                    sizes[k] = r.nextInt(1 << 16);
                }
                int log = r.nextInt(13);
                expected.add(new MiniBlockChunk(sizes, log));
                switch (buffers) {
                    case 1 -> b.add(sizes[0], log);
                    case 2 -> b.add(sizes[0], sizes[1], log);
                    default -> b.add(sizes, log);
                }
            }
            MiniBlockChunks chunks = b.build();
            assertEquals(n, chunks.size());
            for (int c = 0; c < n; c++) {
                assertEquals(expected.get(c).logNumValues(), chunks.logNumValues(c));
                for (int k = 0; k < buffers; k++) {
                    assertEquals(expected.get(c).bufferSize(k), chunks.bufferSize(c, k), "chunk " + c);
                }
                assertArrayEquals(expected.get(c).bufferSizes(), chunks.get(c).bufferSizes());
            }
            MiniBlockChunks copied = MiniBlockChunks.of(expected);
            assertEquals(n, copied.size());
            for (int c = 0; c < n; c++) {
                assertArrayEquals(chunks.get(c).bufferSizes(), copied.get(c).bufferSizes());
                assertEquals(chunks.logNumValues(c), copied.logNumValues(c));
            }
            assertSame(chunks, MiniBlockChunks.of(chunks));
    }

    @Test
    void refusesWhatNoChunkCanBe() {
        assertThrows(IllegalArgumentException.class, () -> MiniBlockChunks.builder(0, 4));
        MiniBlockChunks.Builder b = MiniBlockChunks.builder(2, 1);
        assertThrows(IllegalArgumentException.class, () -> b.add(new int[] {1, 2, 3}, 0), "three buffers among two");
        assertThrows(IllegalArgumentException.class, () -> b.add(-1, 4, 0));
        assertThrows(IllegalArgumentException.class, () -> b.add(1, 4, -1));
        b.add(1, 4, 3);
        MiniBlockChunks chunks = b.build();
        assertThrows(IllegalStateException.class, () -> b.add(1, 1, 0), "built chunks are final");
        assertThrows(IndexOutOfBoundsException.class, () -> chunks.bufferSize(1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> chunks.bufferSize(0, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> chunks.logNumValues(-1));
        assertThrows(UnsupportedOperationException.class, () -> chunks.add(new MiniBlockChunk(new int[] {1, 1}, 0)));
    }
}
