package dev.jlance.codec.fsst;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.data.VariableWidthBlock;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.simd.FsstMatchTables;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FsstTrainerTest {

    private static FsstSymbolTable train(List<byte[]> strings) {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            return FsstTrainer.train(FsstCorpus.block(strings, 32, arena));
        }
    }

    private static List<byte[]> utf8(String... s) {
        List<byte[]> out = new ArrayList<>();
        for (String x : s) {
            out.add(x.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** What every finished table must satisfy, whatever the input. */
    static void assertWellFormed(FsstSymbolTable t) {
        assertTrue(t.size() <= 255);
        Set<String> seen = new HashSet<>();
        int previousLength = 2;
        for (int code = 0; code < t.size(); code++) {
            int len = t.length(code);
            assertTrue(len >= 1 && len <= 8, "length " + len);
            if (len < 8) {
                assertEquals(0, t.value(code) >>> (8 * len), "bytes beyond the length of code " + code);
            }
            assertTrue(seen.add(len + ":" + t.value(code)), "duplicate symbol at code " + code);
            // 2, 3, ..., 8, then 1
            int rank = len == 1 ? 9 : len;
            assertTrue(rank >= previousLength, "code " + code + " of length " + len + " after length " + previousLength);
            previousLength = rank;
            if (len > 1) {
                for (int k = 0; k < len; k++) {
                    assertNotEquals(t.terminator(), (int) (t.value(code) >>> (8 * k)) & 0xFF,
                            "multi-byte symbol " + code + " contains the terminator");
                }
            }
        }
        for (int code = 0; code < t.size(); code++) {
            if (t.length(code) == 2) {
                boolean longer = false;
                for (int k = 0; k < t.size(); k++) {
                    longer |= t.length(k) > 2 && (t.value(k) & 0xFFFF) == t.value(code);
                }
                assertEquals(code >= t.suffixLimit(), longer, "2-byte code " + code + " vs suffix limit");
            }
        }
        FsstMatchTables.of(valuesOf(t), lengthsOf(t), t.size()); // no hash-slot collisions
    }

    static long[] valuesOf(FsstSymbolTable t) {
        long[] v = new long[t.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.value(i);
        }
        return v;
    }

    static int[] lengthsOf(FsstSymbolTable t) {
        int[] v = new int[t.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.length(i);
        }
        return v;
    }

    @Test
    void englishTextGetsAFullTableOfRealWords() {
        List<byte[]> text = new FsstCorpus(1).stringsOfSize(FsstCorpus.Kind.ENGLISH, 200_000);
        FsstSymbolTable t = train(text);
        assertWellFormed(t);
        assertTrue(t.size() > 200, "symbols: " + t.size());
        Set<String> symbols = new HashSet<>();
        for (int code = 0; code < t.size(); code++) {
            symbols.add(new String(t.symbolBytes(code), StandardCharsets.ISO_8859_1));
        }
        assertTrue(symbols.contains("the ") || symbols.contains(" the ") || symbols.contains(" the"), symbols.toString());
        assertTrue(t.compressed());
    }

    @Test
    void sameInputSameTableEveryTimeAndOnEveryThread() throws Exception {
        for (FsstCorpus.Kind kind : FsstCorpus.Kind.values()) {
            List<byte[]> strings = new FsstCorpus(7).stringsOfSize(kind, 300_000);
            FsstSymbolTable first = train(strings);
            assertWellFormed(first);
            byte[] bytes = first.serialize();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<byte[]>> futures = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    futures.add(pool.submit(() -> train(strings).serialize()));
                }
                for (Future<byte[]> f : futures) {
                    assertEquals(java.util.HexFormat.of().formatHex(bytes), java.util.HexFormat.of().formatHex(f.get()),
                            kind + ": a table trained on another thread differs");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void tinyAndDegenerateInputs() {
        FsstSymbolTable empty = train(List.of());
        assertEquals(0, empty.size());
        assertWellFormed(empty);
        FsstSymbolTable allEmpty = train(utf8("", "", ""));
        assertEquals(0, allEmpty.size());
        FsstSymbolTable one = train(utf8("x"));
        assertWellFormed(one);
        assertTrue(one.size() <= 1);
        FsstSymbolTable oneByteEach = train(utf8("a", "b", "a", "c", "a"));
        assertWellFormed(oneByteEach);
        for (int code = 0; code < oneByteEach.size(); code++) {
            assertEquals(1, oneByteEach.length(code), "1-byte values cannot teach longer symbols");
        }
        List<byte[]> same = Collections.nCopies(5000, "identical value".getBytes(StandardCharsets.UTF_8));
        FsstSymbolTable identical = train(same);
        assertWellFormed(identical);
        assertTrue(identical.size() >= 2);
    }

    @Test
    void binaryAndAllByteValues() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        List<byte[]> random = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            byte[] b = new byte[r.nextInt(40)];
            r.nextBytes(b);
            random.add(b);
        }
        assertWellFormed(train(random));
        byte[] ff = new byte[100_000];
        java.util.Arrays.fill(ff, (byte) 0xFF);
        FsstSymbolTable t = train(List.of(ff));
        assertWellFormed(t);
        assertTrue(t.size() >= 1);
        assertFalse(t.size() > 8, "one repeated byte makes at most one symbol per length: " + t.size());
    }

    @Test
    void sampleOfALargePageIsAboutTheTarget() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            VariableWidthBlock block = FsstCorpus.block(new FsstCorpus(2).stringsOfSize(FsstCorpus.Kind.LOGS, 2_000_000),
                    64, arena);
            FsstTrainer.Sample s = FsstTrainer.sample(block);
            assertTrue(s.size() >= FsstTrainer.SAMPLE_TARGET && s.size() < FsstTrainer.SAMPLE_TARGET + 512,
                    "sample " + s.size());
            FsstTrainer.Sample again = FsstTrainer.sample(block);
            assertEquals(s.lines(), again.lines());
            assertArrayEquals(Arrays.copyOf(s.bytes(), s.size()), Arrays.copyOf(again.bytes(), again.size()),
                    "a fixed seed draws the same sample");
            assertArrayEquals(Arrays.copyOf(s.bounds(), s.lines() + 1),
                    Arrays.copyOf(again.bounds(), again.lines() + 1));
        }
    }

    /**
     * A thread's workspace goes from page to page: whatever the page before left in it (more or
     * fewer distinct bytes, a long or a short sample, a full or an empty table), the next page's
     * table and compressed bytes must be those of a fresh workspace.
     */
    @Test
    void aReusedWorkspaceTrainsAndCompressesAsAFreshOne() {
        FsstCorpus corpus = new FsstCorpus(7);
        byte[] allBytes = new byte[4096];
        new java.util.Random(3).nextBytes(allBytes);
        List<List<byte[]>> pages = List.of(
                corpus.stringsOfSize(FsstCorpus.Kind.LOGS, 300_000),
                utf8("aaaaaaaa", "aaaa", "ab"),
                List.of(allBytes, allBytes.clone()),
                corpus.strings(FsstCorpus.Kind.EMAILS, 50),
                utf8(),
                corpus.stringsOfSize(FsstCorpus.Kind.ENGLISH, 40_000),
                utf8("x"),
                corpus.stringsOfSize(FsstCorpus.Kind.URLS, 200_000),
                corpus.strings(FsstCorpus.Kind.CODES, 3_000));
        FsstCodec codec = FsstCodec.INSTANCE;
        try (OffHeapArena arena = OffHeapArena.open("test");
                FsstTrainer.Workspace reused = new FsstTrainer.Workspace()) {
            for (int round = 0; round < 2; round++) {
                for (int p = 0; p < pages.size(); p++) {
                    VariableWidthBlock block = FsstCorpus.block(pages.get(p), p % 2 == 0 ? 32 : 64, arena);
                    FsstSymbolTable fresh = FsstTrainer.train(block, new FsstTrainer.Workspace());
                    assertEquals(fresh, FsstTrainer.train(block, reused), "page " + p + " in round " + round);
                    // the codec's own thread workspace, left by the page before
                    FsstCodec.Compressed c = codec.compress(block, arena);
                    byte[] expected = compressedWith(fresh.matchTables(), block, arena);
                    if (c.table().compressed()) {
                        assertEquals(fresh, c.table(), "page " + p);
                        assertArrayEquals(expected, bytes(c.values()), "page " + p);
                    } else {
                        assertTrue(fresh.size() == 0 || expected.length >= bytes(block).length, "page " + p);
                    }
                }
            }
        }
    }

    /** The key sort agrees with Arrays.sort on sizes around its cut-overs and on keys sharing bytes. */
    @Test
    void keySortAgreesWithArraysSort() {
        java.util.Random r = new java.util.Random(5);
        int[] counts = new int[256];
        for (int n : new int[] {0, 1, 2, 3, 63, 64, 65, 255, 256, 257, 1000, 4097, 40_001}) {
            for (int shape = 0; shape < 5; shape++) {
                long[] keys = new long[n + 3];
                for (int i = 0; i < keys.length; i++) {
                    long gain = switch (shape) {
                        case 0 -> r.nextInt(Integer.MAX_VALUE);
                        case 1 -> 5 * (1 + r.nextInt(8)); // many ties, as rare candidates give
                        case 2 -> 77; // every gain equal: only the slot bytes differ
                        case 3 -> n - i; // descending
                        default -> i; // ascending: runs
                    };
                    keys[i] = Math.max(0, gain) << 32 | (shape == 4 ? i : r.nextInt(1 << 20));
                }
                long[] expected = Arrays.copyOf(keys, keys.length);
                Arrays.sort(expected, 0, n);
                long[] scratch = new long[n];
                FsstTrainer.sortKeys(keys, n, scratch, counts);
                assertArrayEquals(expected, keys, "n " + n + ", shape " + shape + " (keys past n untouched)");
            }
        }
    }

    private static byte[] compressedWith(FsstMatchTables tables, VariableWidthBlock block, OffHeapArena arena) {
        long n = block.numValues();
        int w = block.bytesPerOffset();
        java.lang.foreign.MemorySegment out = arena.allocate(2 * bytes(block).length + 16);
        java.lang.foreign.MemorySegment offsets = arena.allocate((n + 1) * w);
        long size = dev.jlance.simd.FsstKernels.get().compress(tables, block.data().segment(),
                block.offsets().segment(), w, n, out, offsets);
        return out.asSlice(0, size).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }

    private static byte[] bytes(VariableWidthBlock b) {
        long n = b.numValues();
        long end = n == 0 ? 0 : b.offset(n);
        return b.data().segment().asSlice(0, end).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }
}
