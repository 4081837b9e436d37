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
 * </pre>
 *
 * A kernel stores the low 16 bits as a little-endian {@code u16} at the output position and then
 * advances by the two lengths, so a code and an escape take the same path.
 *
 * <p>Symbols of 3 to 8 bytes live in a {@value #HASH_SLOTS}-slot table addressed by their first
 * three bytes, one symbol per slot (the trainer only keeps symbols whose slot is free); 2-byte
 * symbols and the single-byte fallback live in a 65536-entry table addressed by the first two
 * bytes. The longest match at a position is the slot's symbol when it matches, else the 2-byte
 * entry: the same greedy rule the trainer counted with.
 *
 * <p>The first three bytes {@code x} are scrambled bijectively, {@code y = x * M mod 2^24}: the
 * top 12 bits of {@code y} pick the slot, the low 12 bits are checked, so a slot entry is one
 * 64-bit word ({@link #hashEntries()}) and a vector kernel needs one gather for it:
 *
 * <pre>
 * bits  0..11  low 12 bits of y (with the slot, they pin down the first three bytes)
 * bits 12..51  symbol bytes 3..7, zero above the length
 * bits 52..55  length (3..8); 9 marks an empty slot
 * bits 56..63  code
 * </pre>
 *
 * A window matches when {@code key = (y & 0xFFF) | (window >>> 24) << 12} agrees with the entry
 * on the low {@code 12 + 8 * (length - 3)} bits, i.e. under the mask {@code -1L >>> (76 - 8 * length)}.
 * For the empty marker 9 that mask reaches bit 52, where a key is always 0 and the entry is not.
 */
public final class FsstMatchTables {

    /** Slots of the table for symbols of 3 bytes or more: the top 12 bits of the scrambled prefix. */
    public static final int HASH_SLOTS = 4096;
    /** Odd, so multiplying the 24-bit prefix by it modulo 2^24 is a bijection. */
    public static final int SCRAMBLE_MULTIPLIER = 0x3779B1;
    public static final int PREFIX_MASK = 0xFFFFFF;
    public static final int CHECK_BITS = 12;
    public static final int ENTRY_LENGTH_SHIFT = 52;
    public static final int ENTRY_CODE_SHIFT = 56;
    /** Mask of the entry bits a symbol of length {@code len} must match: {@code -1L >>> (MASK_BASE - 8 * len)}. */
    public static final int MASK_BASE = 76;

    public static final int ESCAPE = 255;
    public static final int OUT_LEN_SHIFT = 16;
    public static final int IN_LEN_SHIFT = 20;

    /** An empty slot: length 9, whose mask covers bits 52.. where every key is 0. */
    private static final long EMPTY_ENTRY = 9L << ENTRY_LENGTH_SHIFT;

    private final int[] shortCodes = new int[65536];
    private final long[] hashEntries = new long[HASH_SLOTS];
    private final int[] hashResults = new int[HASH_SLOTS];
    private final int[] byteCodes = new int[256];

    /**
     * Empty tables (every byte escaped) to {@link #load} symbols into: a writer keeps one per thread
     * and reloads it for every page instead of allocating about 300 KB of tables each time.
     */
    public FsstMatchTables() {
        clearSymbols();
    }

    /** The symbols of a table, code = index: what {@link #load(Symbols)} compiles. */
    public interface Symbols {
        /** Symbols in the table, 0..255. */
        int count();

        /** The bytes of symbol {@code code}, first byte lowest, zero above its length. */
        long value(int code);

        /** The length of symbol {@code code}, 1..8. */
        int length(int code);
    }

    /** Symbols held in two arrays. */
    private record ArraySymbols(long[] values, int[] lengths, int count) implements Symbols {
        @Override
        public long value(int code) {
            return values[code];
        }

        @Override
        public int length(int code) {
            return lengths[code];
        }
    }

    /**
     * Compiles symbols {@code 0..count-1} (code = index; {@code values[i]} holds the bytes, first
     * byte lowest, zero above the length) into new lookup tables.
     *
     * @throws IllegalArgumentException as {@link #load(Symbols)}
     */
    public static FsstMatchTables of(long[] values, int[] lengths, int count) {
        return new FsstMatchTables().load(values, lengths, count);
    }

    /** Replaces these tables' symbols with symbols {@code 0..count-1} of the arrays (as in {@link #of}). */
    public FsstMatchTables load(long[] values, int[] lengths, int count) {
        return load(new ArraySymbols(values, lengths, count));
    }

    /**
     * Replaces these tables' symbols with {@code symbols}.
     *
     * @return these tables
     * @throws IllegalArgumentException when two symbols are equal, a length is outside 1..8, a
     *     value has bytes beyond its length, there are more than 255 symbols, or two symbols of 3+
     *     bytes need the same hash slot; the tables then hold no symbols
     */
    public FsstMatchTables load(Symbols symbols) {
        int count = symbols.count();
        if (count < 0 || count > 255) {
            throw new IllegalArgumentException("an FSST table holds 0..255 symbols, got " + count);
        }
        clearBytesAndSlots();
        try {
            // bytes and long symbols first: a 2-byte entry falls back to its first byte's result
            for (int code = 0; code < count; code++) {
                int len = symbols.length(code);
                long v = symbols.value(code);
                if (len < 1 || len > 8) {
                    throw new IllegalArgumentException("symbol " + code + " has length " + len);
                }
                if (len < 8 && (v >>> (8 * len)) != 0) {
                    throw new IllegalArgumentException("symbol " + code + " has bytes beyond its length " + len);
                }
                if (len == 1) {
                    int b = (int) v;
                    if (outLen(byteCodes[b]) != 2) { // not the escape any more
                        throw new IllegalArgumentException("duplicate 1-byte symbol " + b);
                    }
                    byteCodes[b] = result(code, 0, 1, 1);
                } else if (len > 2) {
                    int slot = hashIndex((int) v);
                    if (hashEntries[slot] != EMPTY_ENTRY) {
                        throw new IllegalArgumentException("symbol " + code + " collides in hash slot " + slot);
                    }
                    hashEntries[slot] = key(scramble((int) v), v) | (long) len << ENTRY_LENGTH_SHIFT
                            | (long) code << ENTRY_CODE_SHIFT;
                    hashResults[slot] = result(code, 0, len, 1);
                }
            }
            for (int k = 0; k < 65536; k++) {
                shortCodes[k] = byteCodes[k & 0xFF];
            }
            for (int code = 0; code < count; code++) {
                if (symbols.length(code) == 2) {
                    int k = (int) symbols.value(code);
                    // only a 2-byte symbol's result consumes two bytes
                    if (inLen(shortCodes[k]) == 2) {
                        throw new IllegalArgumentException("duplicate 2-byte symbol at code " + code);
                    }
                    shortCodes[k] = result(code, 0, 2, 1);
                }
            }
            return this;
        } catch (IllegalArgumentException e) {
            clearSymbols();
            throw e;
        }
    }

    /** No symbols: every byte escaped, every hash slot empty. */
    private void clearSymbols() {
        clearBytesAndSlots();
        for (int k = 0; k < 65536; k++) {
            shortCodes[k] = byteCodes[k & 0xFF];
        }
    }

    private void clearBytesAndSlots() {
        for (int b = 0; b < 256; b++) {
            byteCodes[b] = result(ESCAPE, b, 1, 2);
        }
        Arrays.fill(hashEntries, EMPTY_ENTRY);
        Arrays.fill(hashResults, 0);
    }

    /** A result word (see the class comment) without a mask shift. */
    public static int result(int firstByte, int secondByte, int inLen, int outLen) {
        return firstByte | secondByte << 8 | inLen << IN_LEN_SHIFT | outLen << OUT_LEN_SHIFT;
    }

    /** The first three bytes (the low bytes of {@code low32}) scrambled: a bijection on 24 bits. */
    public static int scramble(int low32) {
        return ((low32 & PREFIX_MASK) * SCRAMBLE_MULTIPLIER) & PREFIX_MASK;
    }

    /** Hash slot of a symbol or window whose first three bytes are the low bytes of {@code low32}. */
    public static int hashIndex(int low32) {
        return scramble(low32) >>> CHECK_BITS;
    }

    /** What a window (or symbol) {@code w} with scrambled prefix {@code y} is compared on. */
    public static long key(int y, long w) {
        return (y & ((1 << CHECK_BITS) - 1)) | (w >>> 24) << CHECK_BITS;
    }

    /** Whether {@code entry} holds a symbol that is a prefix of window {@code w}. */
    static boolean matches(long entry, int y, long w) {
        int len = (int) (entry >>> ENTRY_LENGTH_SHIFT) & 15;
        return ((key(y, w) ^ entry) & (-1L >>> (MASK_BASE - 8 * len))) == 0;
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
        int y = scramble((int) w);
        int slot = y >>> CHECK_BITS;
        return matches(hashEntries[slot], y, w) ? hashResults[slot] : shortCodes[(int) w & 0xFFFF];
    }

    /**
     * The result for a position with only {@code avail} (1..7) input bytes left; {@code w} holds them,
     * little-endian, zero above. Only symbols that fit in {@code avail} bytes match.
     */
    public int lookupTail(long w, int avail) {
        if (avail >= 3) {
            int y = scramble((int) w);
            int slot = y >>> CHECK_BITS;
            long e = hashEntries[slot];
            if (((e >>> ENTRY_LENGTH_SHIFT) & 15) <= avail && matches(e, y, w)) {
                return hashResults[slot];
            }
        }
        if (avail >= 2) {
            return shortCodes[(int) w & 0xFFFF];
        }
        return byteCodes[(int) w & 0xFF];
    }

    /**
     * Indexed by the first two input bytes (little-endian): a 2-byte symbol's result or the first
     * byte's. Kernels read, never write.
     */
    public int[] shortCodes() {
        return shortCodes;
    }

    /** Hash slot entries (see the class comment). Kernels read, never write. */
    public long[] hashEntries() {
        return hashEntries;
    }

    /** Result word of each hash slot's symbol. Kernels read, never write. */
    public int[] hashResults() {
        return hashResults;
    }
}
