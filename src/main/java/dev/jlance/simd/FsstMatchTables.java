package dev.jlance.simd;

import java.util.Arrays;

/**
 * The lookup tables an FSST symbol table compiles to, read by the compression kernels
 * ({@link FsstKernels}). Every lookup answers with a <em>result word</em> that says exactly what to
 * emit for the input at hand:
 *
 * <pre>
 * bits  0..7   first output byte: the symbol's code, or 255 (escape)
 * bits  8..15  second output byte: the literal after an escape (0 otherwise, never emitted)
 * bits 16..17  output bytes produced (1 or 2)
 * bits 20..23  input bytes consumed (1..8)
 * bits 24..29  hash slots only: (8 - length) * 8, the right shift of an all-ones mask that keeps
 *              the symbol's bytes of an 8-byte window
 * </pre>
 *
 * A kernel stores the low 16 bits as a little-endian {@code u16} at the output position and then
 * advances by the two lengths, so a code and an escape take the same path.
 *
 * <p>Symbols of 3 to 8 bytes live in a {@value #HASH_SLOTS}-slot table addressed by a hash of their
 * first three bytes, one symbol per slot (the trainer only keeps symbols whose slot is free);
 * 2-byte symbols and the single-byte fallback live in a 65536-entry table addressed by the first
 * two bytes. The longest match at a position is the hash slot's symbol when it matches, else the
 * 2-byte entry: the same greedy rule the trainer counted with.
 */
public final class FsstMatchTables {

    /** Slots of the hash table for symbols of 3 bytes or more. */
    public static final int HASH_SLOTS = 1024;
    /** Multiplier of the hash of a symbol's first three bytes. */
    public static final int HASH_MULTIPLIER = (int) 2971215073L;
    /** The hash folds its product's bits from here down onto the slot bits. */
    public static final int HASH_FOLD = 15;

    public static final int ESCAPE = 255;
    public static final int OUT_LEN_SHIFT = 16;
    public static final int IN_LEN_SHIFT = 20;
    public static final int MASK_SHIFT_SHIFT = 24;

    /** What an empty hash slot holds: a 3-byte "symbol" above 2^24 can never equal a 3-byte window. */
    private static final long EMPTY_VALUE = 1L << 24;
    private static final int EMPTY_META = result(0, 0, 3, 1) | (40 << MASK_SHIFT_SHIFT);

    private final int[] shortCodes;
    private final long[] hashValues;
    private final int[] hashMeta;
    private final int[] byteCodes;

    private FsstMatchTables(int[] shortCodes, long[] hashValues, int[] hashMeta, int[] byteCodes) {
        this.shortCodes = shortCodes;
        this.hashValues = hashValues;
        this.hashMeta = hashMeta;
        this.byteCodes = byteCodes;
    }

    /**
     * Compiles symbols {@code 0..count-1} (code = index; {@code values[i]} holds the bytes, first
     * byte lowest, zero above the length) into lookup tables.
     *
     * @throws IllegalArgumentException when two symbols are equal, a length is outside 1..8, a
     *     value has bytes beyond its length, there are more than 255 symbols, or two symbols of 3+
     *     bytes need the same hash slot
     */
    public static FsstMatchTables of(long[] values, int[] lengths, int count) {
        if (count < 0 || count > 255) {
            throw new IllegalArgumentException("an FSST table holds 0..255 symbols, got " + count);
        }
        int[] bytes = new int[256];
        for (int b = 0; b < 256; b++) {
            bytes[b] = result(ESCAPE, b, 1, 2);
        }
        long[] hv = new long[HASH_SLOTS];
        int[] hm = new int[HASH_SLOTS];
        Arrays.fill(hv, EMPTY_VALUE);
        Arrays.fill(hm, EMPTY_META);
        int[] twoByte = new int[65536];
        Arrays.fill(twoByte, -1);
        for (int code = 0; code < count; code++) {
            int len = lengths[code];
            long v = values[code];
            if (len < 1 || len > 8) {
                throw new IllegalArgumentException("symbol " + code + " has length " + len);
            }
            if (len < 8 && (v >>> (8 * len)) != 0) {
                throw new IllegalArgumentException("symbol " + code + " has bytes beyond its length " + len);
            }
            if (len == 1) {
                int b = (int) v;
                if (bytes[b] != result(ESCAPE, b, 1, 2)) {
                    throw new IllegalArgumentException("duplicate 1-byte symbol " + b);
                }
                bytes[b] = result(code, 0, 1, 1);
            } else if (len == 2) {
                int k = (int) v;
                if (twoByte[k] >= 0) {
                    throw new IllegalArgumentException("duplicate 2-byte symbol at code " + code);
                }
                twoByte[k] = result(code, 0, 2, 1);
            } else {
                int slot = hashIndex((int) v);
                if (hm[slot] != EMPTY_META || hv[slot] != EMPTY_VALUE) {
                    throw new IllegalArgumentException("symbol " + code + " collides in hash slot " + slot);
                }
                hv[slot] = v;
                hm[slot] = result(code, 0, len, 1) | ((8 - len) * 8 << MASK_SHIFT_SHIFT);
            }
        }
        int[] shorts = new int[65536];
        for (int k = 0; k < 65536; k++) {
            shorts[k] = twoByte[k] >= 0 ? twoByte[k] : bytes[k & 0xFF];
        }
        return new FsstMatchTables(shorts, hv, hm, bytes);
    }

    /** A result word (see the class comment) without a mask shift. */
    public static int result(int firstByte, int secondByte, int inLen, int outLen) {
        return firstByte | secondByte << 8 | inLen << IN_LEN_SHIFT | outLen << OUT_LEN_SHIFT;
    }

    /** Hash slot of a symbol or window whose first three bytes are the low bytes of {@code low32}. */
    public static int hashIndex(int low32) {
        int h = (low32 & 0xFFFFFF) * HASH_MULTIPLIER;
        return (h ^ (h >>> HASH_FOLD)) & (HASH_SLOTS - 1);
    }

    /** Input bytes a result word consumes. */
    public static int inLen(int result) {
        return (result >>> IN_LEN_SHIFT) & 15;
    }

    /** Output bytes a result word produces. */
    public static int outLen(int result) {
        return (result >>> OUT_LEN_SHIFT) & 3;
    }

    /** The result for a position with at least 8 input bytes left; {@code w} = those bytes, little-endian. */
    public int lookup(long w) {
        int s = shortCodes[(int) w & 0xFFFF];
        int slot = hashIndex((int) w);
        int m = hashMeta[slot];
        return (w & (-1L >>> (m >>> MASK_SHIFT_SHIFT))) == hashValues[slot] ? m : s;
    }

    /**
     * The result for a position with only {@code avail} (1..7) input bytes left; {@code w} holds them,
     * little-endian, zero above. Only symbols that fit in {@code avail} bytes match.
     */
    public int lookupTail(long w, int avail) {
        if (avail >= 3) {
            int slot = hashIndex((int) w);
            int m = hashMeta[slot];
            if (inLen(m) <= avail && (w & (-1L >>> (m >>> MASK_SHIFT_SHIFT))) == hashValues[slot]) {
                return m;
            }
        }
        if (avail >= 2) {
            return shortCodes[(int) w & 0xFFFF];
        }
        return byteCodes[(int) w & 0xFF];
    }

    /** Indexed by the first two input bytes (little-endian): a 2-byte symbol's result or the first byte's. */
    public int[] shortCodes() {
        return shortCodes;
    }

    /** Hash slot values: a symbol's bytes, or an impossible value for an empty slot. */
    public long[] hashValues() {
        return hashValues;
    }

    /** Hash slot result words, with the mask shift in bits 24..29. */
    public int[] hashMeta() {
        return hashMeta;
    }
}
