package dev.jlance.codec.fsst;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.simd.FsstMatchTables;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FsstSymbolTableTest {

    static long word(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        long v = 0;
        for (int k = 0; k < b.length; k++) {
            v |= (b[k] & 0xFFL) << (8 * k);
        }
        return v;
    }

    @Test
    void serializedBytesAreHeaderSymbolWordsLengthsThenZeros() {
        FsstSymbolTable t = new FsstSymbolTable(new long[] {word("th"), word("the "), word("abcdefgh"), word("e")},
                new int[] {2, 4, 8, 1}, 1, 0x7F, true);
        byte[] bytes = t.serialize();
        assertEquals(2312, bytes.length);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x4653535401017F04L, b.getLong(0), "magic | switch<<24 | suffix<<16 | terminator<<8 | count");
        // header bytes as Lance's decoder reads them (to_ne_bytes on little-endian)
        assertArrayEquals(new byte[] {0x04, 0x7F, 0x01, 0x01, 0x54, 0x53, 0x53, 0x46},
                java.util.Arrays.copyOf(bytes, 8));
        assertEquals(word("th"), b.getLong(8));
        assertEquals(word("the "), b.getLong(16));
        assertEquals(word("abcdefgh"), b.getLong(24));
        assertEquals(word("e"), b.getLong(32));
        assertEquals('t', bytes[8]);
        assertEquals('h', bytes[9]);
        assertEquals(0, bytes[10], "bytes above a symbol's length are zero");
        assertArrayEquals(new byte[] {2, 4, 8, 1}, java.util.Arrays.copyOfRange(bytes, 40, 44));
        for (int i = 44; i < bytes.length; i++) {
            assertEquals(0, bytes[i], "byte " + i + " past the lengths");
        }
        assertEquals(t, FsstSymbolTable.parse(bytes));
    }

    @Test
    void passThroughIsTheBareMagic() {
        byte[] bytes = FsstSymbolTable.PASS_THROUGH.serialize();
        assertEquals(2312, bytes.length);
        assertEquals(0x4653535400000000L, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong());
        for (int i = 8; i < bytes.length; i++) {
            assertEquals(0, bytes[i]);
        }
        assertFalse(FsstSymbolTable.parse(bytes).compressed());
    }

    @Test
    void fullTableFillsEveryByte() {
        long[] values = new long[255];
        int[] lengths = new int[255];
        for (int i = 0; i < 255; i++) {
            values[i] = 0x0101010101010101L * (i + 1) >>> 0;
            lengths[i] = 8;
        }
        byte[] bytes = new FsstSymbolTable(values, lengths, 0, 0, true).serialize();
        assertEquals(255, bytes[0] & 0xFF);
        assertEquals(8, bytes[8 + 255 * 8 + 254], "the last length byte");
        assertEquals(0, bytes[2311], "one spare byte: the table is sized for 256 symbols");
    }

    @Test
    void parseRejectsWhatLanceWouldNotRead() {
        assertThrows(IllegalArgumentException.class, () -> FsstSymbolTable.parse(new byte[2311]));
        assertThrows(IllegalArgumentException.class, () -> FsstSymbolTable.parse(new byte[2312]), "no magic");
        byte[] bytes = new FsstSymbolTable(new long[] {word("ab")}, new int[] {2}, 0, 0, true).serialize();
        bytes[8 + 8] = 9;
        assertThrows(IllegalArgumentException.class, () -> FsstSymbolTable.parse(bytes), "length 9");
    }

    @Test
    void matchTablesRejectInconsistentSymbols() {
        assertThrows(IllegalArgumentException.class,
                () -> FsstMatchTables.of(new long[] {word("ab"), word("ab")}, new int[] {2, 2}, 2));
        assertThrows(IllegalArgumentException.class,
                () -> FsstMatchTables.of(new long[] {word("abc")}, new int[] {2}, 1), "bytes beyond the length");
        assertThrows(IllegalArgumentException.class,
                () -> FsstMatchTables.of(new long[] {word("abc"), word("abcd")}, new int[] {3, 4}, 2),
                "same first three bytes: same hash slot");
        assertThrows(IllegalArgumentException.class, () -> FsstMatchTables.of(new long[256], new int[256], 256));
    }

    @Test
    void lookupsPickTheLongestSymbolThatFits() {
        FsstMatchTables t = FsstMatchTables.of(new long[] {word("ab"), word("abcd"), word("a")}, new int[] {2, 4, 1}, 3);
        int r = t.lookup(word("abcdxxxx"));
        assertEquals(1, r & 0xFF);
        assertEquals(4, FsstMatchTables.inLen(r));
        assertEquals(1, FsstMatchTables.outLen(r));
        r = t.lookup(word("abcXxxxx"));
        assertEquals(0, r & 0xFF, "abcd does not match: ab");
        r = t.lookupTail(word("abc"), 3);
        assertEquals(0, r & 0xFF, "abcd does not fit in 3 bytes");
        r = t.lookupTail(word("a"), 1);
        assertEquals(2, r & 0xFF);
        r = t.lookupTail(word("z"), 1);
        assertEquals(0xFF, r & 0xFF, "escape");
        assertEquals('z', (r >>> 8) & 0xFF, "then the byte");
        assertEquals(2, FsstMatchTables.outLen(r));
        assertTrue(FsstMatchTables.inLen(t.lookup(0)) >= 1);
    }

    /**
     * Tables reloaded page after page (as a writer's thread does) must equal freshly compiled ones,
     * also after a load that failed half-way.
     */
    @Test
    void reloadedMatchTablesEqualFreshOnes() {
        long[][] values = {
            {word("ab"), word("abcd"), word("a")},
            {word("xyz12345"), word("q"), word("qq"), word("a"), word("bc")},
            {},
            {word("ab"), word("ab")}, // fails: duplicate
            {word("a"), word("abcd"), word("zz")},
            {word("abc"), word("abcd")}, // fails: one hash slot
            {word("b")},
        };
        int[][] lengths = {{2, 4, 1}, {8, 1, 2, 1, 2}, {}, {2, 2}, {1, 4, 2}, {3, 4}, {1}};
        FsstMatchTables reused = new FsstMatchTables();
        for (int round = 0; round < 2; round++) {
            for (int t = 0; t < values.length; t++) {
                int k = t;
                boolean fails = t == 3 || t == 5;
                if (fails) {
                    assertThrows(IllegalArgumentException.class,
                            () -> reused.load(values[k], lengths[k], values[k].length));
                } else {
                    assertSame(reused, reused.load(values[t], lengths[t], values[t].length));
                }
                FsstMatchTables fresh = fails ? new FsstMatchTables() : FsstMatchTables.of(values[t], lengths[t],
                        values[t].length);
                assertArrayEquals(fresh.shortCodes(), reused.shortCodes(), "table " + t);
                assertArrayEquals(fresh.hashEntries(), reused.hashEntries(), "table " + t);
                assertArrayEquals(fresh.hashResults(), reused.hashResults(), "table " + t);
                for (int b = 0; b < 256; b++) {
                    assertEquals(fresh.lookupTail(b, 1), reused.lookupTail(b, 1), "byte " + b + " of table " + t);
                }
            }
        }
    }
}
