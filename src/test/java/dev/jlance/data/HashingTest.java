package dev.jlance.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HashingTest {

    private static long hash(byte[] bytes, Arena arena) {
        // the value sits at an odd offset of a larger buffer, as values of a page do
        MemorySegment s = arena.allocate(bytes.length + 7);
        s.fill((byte) 0x5A);
        MemorySegment.copy(bytes, 0, s, ValueLayout.JAVA_BYTE, 3, bytes.length);
        return Hashing.hashBytes(s, 3, bytes.length);
    }

    @Test
    void theSameBytesGiveTheSameHashWhereverTheyLie() {
        try (Arena arena = Arena.ofConfined()) {
            SplittableRandom r = new SplittableRandom(1);
            for (int len = 0; len < 300; len++) {
                byte[] b = new byte[len];
                r.nextBytes(b);
                MemorySegment other = arena.allocate(len + 64);
                MemorySegment.copy(b, 0, other, ValueLayout.JAVA_BYTE, 40, len);
                assertEquals(hash(b, arena), Hashing.hashBytes(other, 40, len), "length " + len);
            }
        }
    }

    @Test
    void everyByteOfEveryLengthCounts() {
        // one bit flipped anywhere (either lane, the overlapping last step, the tail of a short
        // value) must change the hash, and so must the length (a zero byte appended)
        try (Arena arena = Arena.ofConfined()) {
            SplittableRandom r = new SplittableRandom(2);
            for (int len = 0; len <= 130; len++) {
                byte[] b = new byte[len];
                r.nextBytes(b);
                long h = hash(b, arena);
                for (int at = 0; at < len; at++) {
                    for (int bit = 0; bit < 8; bit += 3) {
                        byte[] c = b.clone();
                        c[at] ^= (byte) (1 << bit);
                        assertNotEquals(h, hash(c, arena), "length " + len + ", byte " + at + ", bit " + bit);
                    }
                }
                assertNotEquals(h, hash(java.util.Arrays.copyOf(b, len + 1), arena), "length " + len + " + a zero");
            }
        }
    }

    @Test
    void manySimilarValuesSpreadOverTheLowAndHighBits() {
        // URL-like keys that differ only in a counter near the end: the dictionary table takes the
        // slot from the low bits and a tag from the high 32, so both must spread
        int n = 1 << 16;
        Set<Long> hashes = new HashSet<>();
        int[] lowBuckets = new int[256];
        int[] highBuckets = new int[256];
        try (Arena arena = Arena.ofConfined()) {
            for (int i = 0; i < n; i++) {
                byte[] b = ("https://example.com/api/v2/items/" + i + "?page=1").getBytes();
                long h = hash(b, arena);
                hashes.add(h);
                lowBuckets[(int) (h & 0xFF)]++;
                highBuckets[(int) (h >>> 56)]++;
            }
        }
        assertEquals(n, hashes.size(), "collisions among " + n + " keys");
        int expected = n / 256;
        for (int k = 0; k < 256; k++) {
            // a uniform hash puts 256 ± 16 in each bucket; 40% either way means a broken mix
            assertTrue(Math.abs(lowBuckets[k] - expected) < expected * 0.4, "low bucket " + k + ": " + lowBuckets[k]);
            assertTrue(Math.abs(highBuckets[k] - expected) < expected * 0.4, "high bucket " + k + ": " + highBuckets[k]);
        }
    }
}
