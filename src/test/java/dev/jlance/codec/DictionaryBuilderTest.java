package dev.jlance.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jlance.data.DictionaryBlock;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.data.Hashing;
import dev.jlance.data.VariableWidthBlock;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.Layouts;
import dev.jlance.memory.OffHeapArena;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DictionaryBuilderTest {

    private static VariableWidthBlock strings(OffHeapArena arena, List<String> values, int bitsPerOffset) {
        return strings(arena, values, bitsPerOffset, "");
    }

    /** The values after {@code skipped} bytes of the data buffer, so that the first offset is not zero. */
    private static VariableWidthBlock strings(OffHeapArena arena, List<String> values, int bitsPerOffset, String skipped) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(skipped.getBytes(StandardCharsets.UTF_8));
        int w = bitsPerOffset / 8;
        MemorySegment offsets = arena.allocate((values.size() + 1L) * w);
        for (int i = 0; i < values.size(); i++) {
            put(offsets, i, bytes.size(), w);
            bytes.writeBytes(values.get(i).getBytes(StandardCharsets.UTF_8));
        }
        put(offsets, values.size(), bytes.size(), w);
        MemorySegment data = arena.copyOf(MemorySegment.ofArray(bytes.toByteArray()));
        return new VariableWidthBlock(new LanceBuffer(offsets), new LanceBuffer(data), bitsPerOffset, values.size());
    }

    private static void put(MemorySegment s, long i, long v, int w) {
        if (w == 4) {
            s.setAtIndex(Layouts.U32, i, (int) v);
        } else {
            s.setAtIndex(Layouts.U64, i, v);
        }
    }

    private static long index(FixedWidthBlock idx, long i) {
        return idx.data().segment().getAtIndex(Layouts.U32, i);
    }

    private static String entry(VariableWidthBlock d, long i) {
        long s = d.offset(i);
        return new String(d.data().segment().asSlice(s, d.offset(i + 1) - s).toArray(Layouts.U8),
                StandardCharsets.UTF_8);
    }

    /**
     * A thread reuses its table from page to page, grown or not: pages of very different
     * cardinality in a row, each checked against a plain map (values of equal length and hash-like
     * prefixes, so probes and byte compares both matter).
     */
    @Test
    void pagesInARowReuseTheTableAndStayExact() {
        SplittableRandom rng = new SplittableRandom(5);
        int[] cardinalities = {1, 40_000, 3, 20_000, 70, 99_000, 40_000, 1};
        for (int card : cardinalities) {
            try (OffHeapArena arena = OffHeapArena.open("page")) {
                List<String> values = new ArrayList<>();
                int n = Math.max(2 * card, 1000);
                for (int i = 0; i < n; i++) {
                    int k = i < card ? i : rng.nextInt(card); // every value appears at least once
                    values.add(k % 3 == 0 ? "SKU-" + (100_000 + k) : "value number " + k + " of a long-ish dictionary");
                }
                DictionaryBlock dict = DictionaryBuilder.encode(strings(arena, values, 32), Long.MAX_VALUE, arena);
                VariableWidthBlock entries = (VariableWidthBlock) dict.dictionary();
                FixedWidthBlock idx = (FixedWidthBlock) dict.indices();
                assertEquals(card, entries.numValues(), "cardinality " + card);
                Map<String, Integer> first = new HashMap<>();
                for (int i = 0; i < n; i++) {
                    int expected = first.computeIfAbsent(values.get(i), v -> first.size());
                    assertEquals(expected, index(idx, i), "value " + i + " of the page of " + card);
                    assertEquals(values.get(i), entry(entries, index(idx, i)));
                }
            }
        }
    }

    private static VariableWidthBlock binaries(OffHeapArena arena, List<byte[]> values) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MemorySegment offsets = arena.allocate((values.size() + 1L) * 4);
        for (int i = 0; i < values.size(); i++) {
            put(offsets, i, bytes.size(), 4);
            bytes.writeBytes(values.get(i));
        }
        put(offsets, values.size(), bytes.size(), 4);
        // exactly as long as the values: the last ones end where the buffer does
        MemorySegment data = arena.copyOf(MemorySegment.ofArray(bytes.toByteArray()));
        return new VariableWidthBlock(new LanceBuffer(offsets), new LanceBuffer(data), 32, values.size());
    }

    /**
     * Short values are compared through the copy of their bytes each entry keeps. Values that only
     * differ in trailing zero bytes, in one byte on either side of the 8- and 16-byte marks, or that
     * end the buffer (read without the usual 16-byte loads) must all stay distinct, checked against
     * a plain map.
     */
    @Test
    void shortValuesThatDifferOnlyInTrailingZerosOrOneByteStayDistinct() {
        SplittableRandom rng = new SplittableRandom(11);
        List<byte[]> distinct = new ArrayList<>();
        for (int len = 0; len <= 20; len++) {
            distinct.add(new byte[len]); // all zeros: differ from each other only in length
            byte[] a = new byte[len];
            if (len > 0) {
                a[0] = 'a';
            }
            distinct.add(a); // "a" followed by zeros
            for (int at = 0; at < len; at++) {
                byte[] one = new byte[len];
                java.util.Arrays.fill(one, (byte) 0x5A);
                one[at] = (byte) 0xFF;
                distinct.add(one);
            }
        }
        List<byte[]> values = new ArrayList<>(distinct);
        for (int i = 0; i < 30_000; i++) {
            values.add(distinct.get(rng.nextInt(distinct.size())));
        }
        values.addAll(List.of(new byte[] {0x5A, 0x5A, (byte) 0xFF}, new byte[] {'a', 0}, new byte[] {'a'},
                new byte[] {(byte) 0xEE}, new byte[0], new byte[] {'z', 0, 0}));
        try (OffHeapArena arena = OffHeapArena.open("page")) {
            DictionaryBlock dict = DictionaryBuilder.encode(binaries(arena, values), Long.MAX_VALUE, arena);
            VariableWidthBlock entries = (VariableWidthBlock) dict.dictionary();
            FixedWidthBlock idx = (FixedWidthBlock) dict.indices();
            Map<java.nio.ByteBuffer, Integer> first = new HashMap<>();
            for (int i = 0; i < values.size(); i++) {
                int expected = first.computeIfAbsent(java.nio.ByteBuffer.wrap(values.get(i)), v -> first.size());
                assertEquals(expected, index(idx, i), "value " + i);
                long at = entries.offset(index(idx, i));
                assertArrayEquals(values.get(i), entries.data().segment()
                        .asSlice(at, entries.offset(index(idx, i) + 1) - at).toArray(Layouts.U8), "entry of value " + i);
            }
            assertEquals(first.size(), entries.numValues());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {32, 64})
    void numbersEntriesInOrderOfFirstAppearance(int bits) {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            List<String> in = List.of("b", "a", "b", "", "a", "c", "", "ab", "ba");
            DictionaryBlock d = DictionaryBuilder.encode(strings(arena, in, bits), Long.MAX_VALUE, arena);
            VariableWidthBlock dict = (VariableWidthBlock) d.dictionary();
            FixedWidthBlock idx = (FixedWidthBlock) d.indices();
            assertEquals(32, idx.bitsPerValue(), "indices are i32 whatever the offsets");
            assertEquals(bits, dict.bitsPerOffset());
            List<String> entries = new ArrayList<>();
            for (int i = 0; i < dict.numValues(); i++) {
                entries.add(entry(dict, i));
            }
            assertEquals(List.of("b", "a", "", "c", "ab", "ba"), entries);
            long[] got = new long[in.size()];
            for (int i = 0; i < in.size(); i++) {
                got[i] = index(idx, i);
            }
            assertArrayEquals(new long[] {0, 1, 0, 2, 1, 3, 2, 4, 5}, got);
        }
    }

    @Test
    void manyDistinctValuesGrowTheTableBeyondALowEstimate() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            SplittableRandom rnd = new SplittableRandom(9);
            List<String> in = new ArrayList<>();
            for (int i = 0; i < 200_000; i++) {
                in.add(Integer.toString(rnd.nextInt(50_000), 36));
            }
            DictionaryBlock d = DictionaryBuilder.encode(strings(arena, in, 32), Long.MAX_VALUE, arena);
            VariableWidthBlock dict = (VariableWidthBlock) d.dictionary();
            Map<String, Long> seen = new HashMap<>();
            for (int i = 0; i < in.size(); i++) {
                long k = index((FixedWidthBlock) d.indices(), i);
                assertEquals(in.get(i), entry(dict, k));
                Long before = seen.putIfAbsent(in.get(i), k);
                assertEquals(before == null ? k : before, k);
            }
            assertEquals(seen.size(), dict.numValues());
        }
    }

    @Test
    void fixedWidthValuesCompareAllTheirBytes() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            // values equal in their first 8 bytes and different in the last 8, and vice versa
            long[][] values = {{1, 2}, {1, 3}, {1, 2}, {0, 2}, {1, 3}, {0, 0}, {0, 0}};
            MemorySegment data = arena.allocate(values.length * 16L);
            for (int i = 0; i < values.length; i++) {
                data.setAtIndex(Layouts.U64, 2L * i, values[i][0]);
                data.setAtIndex(Layouts.U64, 2L * i + 1, values[i][1]);
            }
            FixedWidthBlock block = new FixedWidthBlock(new LanceBuffer(data), 128, values.length);
            DictionaryBlock d = DictionaryBuilder.encode(block, 4, arena);
            FixedWidthBlock idx = (FixedWidthBlock) d.indices();
            FixedWidthBlock dict = (FixedWidthBlock) d.dictionary();
            long[] got = new long[values.length];
            for (int i = 0; i < values.length; i++) {
                got[i] = index(idx, i);
            }
            assertArrayEquals(new long[] {0, 1, 0, 2, 1, 3, 3}, got);
            assertEquals(4, dict.numValues());
            assertEquals(3, dict.data().segment().getAtIndex(Layouts.U64, 3));
            assertNull(DictionaryBuilder.encode(block, 3, arena), "a fourth entry exceeds a limit of 3");
        }
    }

    @Test
    void stopsAtTheEntryLimitAndCountsSampleDistinctValues() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            List<String> in = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                in.add("v" + (i % 250));
            }
            VariableWidthBlock block = strings(arena, in, 64);
            assertEquals(250, DictionaryBuilder.encode(block, 250, arena).dictionary().numValues());
            assertNull(DictionaryBuilder.encode(block, 249, arena));
            assertEquals(250, DictionaryBuilder.distinctInSample(block, 1, 1000));
            assertEquals(125, DictionaryBuilder.distinctInSample(block, 2, 500));
            assertEquals(1, DictionaryBuilder.distinctInSample(block, 250, 4));
        }
    }

    /**
     * Pairs of values with the same bytes but for trailing zeros whose hashes agree in every bit
     * a slot keeps and in the smallest table's home slot (found by a search over six-letter
     * values): only the length in the slot tells them apart.
     */
    @ParameterizedTest
    @CsvSource({"gtgicd, 6, 9", "jddecg, 7, 14", "thtyog, 7, 12", "qweaij, 10, 11"})
    void valuesWhoseHashesCollideAreToldApartByLength(String letters, int shorter, int longer) {
        byte[] a = java.util.Arrays.copyOf(letters.getBytes(StandardCharsets.US_ASCII), shorter);
        byte[] b = java.util.Arrays.copyOf(a, longer);
        long w0 = java.nio.ByteBuffer.wrap(java.util.Arrays.copyOf(a, 8)).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertCollidingPairStaysTwoEntries(a, DictionaryBuilder.shortValueHash(w0, 0, shorter),
                b, DictionaryBuilder.shortValueHash(w0, 0, longer));
    }

    /**
     * Pairs of values over 255 bytes, one a prefix of the other, whose hashes agree in every bit a
     * slot keeps and in the smallest table's home slot (found by a search over eight-letter
     * starts); a slot's length stops at 255, so only the entry's full length tells them apart.
     */
    @ParameterizedTest
    @CsvSource({"bkjhsbaa, 257, 260", "bmfpbcaa, 256, 270", "ksvqdcaa, 259, 266"})
    void longValuesWhoseHashesCollideAreToldApartByFullLength(String start, int shorter, int longer) {
        byte[] b = new byte[longer];
        for (int i = 0; i < longer; i++) {
            b[i] = i < 8 ? (byte) start.charAt(i) : (byte) ('a' + i % 26);
        }
        byte[] a = java.util.Arrays.copyOf(b, shorter);
        // the longer one first, so the shorter one's bytes all match the start of the entry's
        assertCollidingPairStaysTwoEntries(b, Hashing.hashBytes(MemorySegment.ofArray(b), 0, longer),
                a, Hashing.hashBytes(MemorySegment.ofArray(a), 0, shorter));
    }

    /**
     * Checks that {@code first} and {@code second} hash alike in every bit a slot keeps and in the
     * smallest table's home slot (the test's premise), then that a page of
     * {@code first, second, first, second, second} still gets two entries, numbered in order.
     */
    private static void assertCollidingPairStaysTwoEntries(byte[] first, long firstHash, byte[] second, long secondHash) {
        assertEquals(firstHash >>> 40, secondHash >>> 40, "premise: the same top 24 bits");
        assertEquals(firstHash & (DictionaryBuilder.SMALLEST_TABLE - 1), secondHash & (DictionaryBuilder.SMALLEST_TABLE - 1),
                "premise: the same home slot");
        List<byte[]> values = List.of(first, second, first, second, second);
        try (OffHeapArena arena = OffHeapArena.open("page")) {
            DictionaryBlock dict = DictionaryBuilder.encode(binaries(arena, values), Long.MAX_VALUE, arena);
            FixedWidthBlock idx = (FixedWidthBlock) dict.indices();
            assertEquals(2, dict.dictionary().numValues());
            int[] expected = {0, 1, 0, 1, 1};
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], index(idx, i), "value " + i);
            }
        }
    }

    /**
     * Values that share one of the two words a short value is hashed from, or differ only in
     * length: 16-byte values whose second halves are all equal, whose first halves are all
     * equal, and zero-padded prefixes of one value. Each is checked against a plain map.
     */
    @Test
    void valuesSharingAWordOrAPrefixStayDistinct() {
        SplittableRandom rng = new SplittableRandom(23);
        List<byte[]> distinct = new ArrayList<>();
        byte[] fixedHalf = {(byte) 0x2F, (byte) 0x64, 0x42, 0x78, (byte) 0xD1, 0x60, 0x76, (byte) 0xA0};
        for (int k = 1; k <= 3000; k++) { // k = 0 would repeat the 16-byte zero-padded value below
            byte[] sameSecond = new byte[16];
            byte[] sameFirst = new byte[16];
            for (int b = 0; b < 8; b++) {
                sameSecond[b] = (byte) (k >>> (8 * (b % 2)));
                sameSecond[8 + b] = fixedHalf[b];
                sameFirst[b] = fixedHalf[b];
                sameFirst[8 + b] = (byte) (k >>> (8 * (b % 2)));
            }
            distinct.add(sameSecond);
            distinct.add(sameFirst);
        }
        for (int len = 0; len <= 16; len++) {
            distinct.add(java.util.Arrays.copyOf(fixedHalf, len)); // zero-padded: the same words, other lengths
        }
        List<byte[]> values = new ArrayList<>(distinct);
        for (int i = 0; i < 40_000; i++) {
            values.add(distinct.get(rng.nextInt(distinct.size())));
        }
        try (OffHeapArena arena = OffHeapArena.open("page")) {
            DictionaryBlock dict = DictionaryBuilder.encode(binaries(arena, values), Long.MAX_VALUE, arena);
            FixedWidthBlock idx = (FixedWidthBlock) dict.indices();
            Map<java.nio.ByteBuffer, Integer> first = new HashMap<>();
            for (int i = 0; i < values.size(); i++) {
                int expected = first.computeIfAbsent(java.nio.ByteBuffer.wrap(values.get(i)), v -> first.size());
                assertEquals(expected, index(idx, i), "value " + i);
            }
            assertEquals(distinct.size(), dict.dictionary().numValues());
        }
    }

    /**
     * Offsets that do not start at zero (a page cut out of a larger buffer), with either offset
     * width: every value is read from where its offsets say, and the entry limit applies to both.
     */
    @ParameterizedTest
    @ValueSource(ints = {32, 64})
    void offsetsThatStartPastZeroAndTheEntryLimit(int bits) {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            List<String> in = new ArrayList<>();
            for (int i = 0; i < 700; i++) {
                int k = i * 7 % 240; // 240 distinct values, each first seen in a scrambled order
                in.add("v" + k + (k % 2 == 0 ? "" : "-a-longer-tail-past-sixteen"));
            }
            VariableWidthBlock block = strings(arena, in, bits, "garbage before the page");
            assertEquals(23, block.offset(0));
            DictionaryBlock d = DictionaryBuilder.encode(block, 240, arena);
            VariableWidthBlock dict = (VariableWidthBlock) d.dictionary();
            assertEquals(240, dict.numValues());
            Map<String, Long> firstIndex = new HashMap<>();
            for (int i = 0; i < in.size(); i++) {
                long k = index((FixedWidthBlock) d.indices(), i);
                assertEquals(in.get(i), entry(dict, k), "value " + i);
                assertEquals(firstIndex.computeIfAbsent(in.get(i), v -> (long) firstIndex.size()), k, "value " + i);
            }
            assertNull(DictionaryBuilder.encode(block, 239, arena), "a 240th entry exceeds a limit of 239");
        }
    }
}
