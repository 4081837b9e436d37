package dev.jlance.codec.fsst;

import dev.jlance.simd.FsstMatchTables;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A finished FSST symbol table: up to 255 symbols of 1..8 bytes, code {@code i} standing for
 * symbol {@code i} (code 255 is the escape), in the order Lance's FSST lays them out: 2-byte
 * symbols (those no longer symbol extends first, then the rest), then 3..8-byte symbols by length,
 * then 1-byte symbols.
 *
 * <p>Serialized form (NOTES §7.5), {@value #SERIALIZED_BYTES} bytes, read by Lance's decoder
 * ({@code fsst.rs}, {@code FsstDecoder::init}): a little-endian {@code u64} header
 * {@code 0x46535354 << 32 | switch << 24 | suffixLimit << 16 | terminator << 8 | count}, then
 * {@code count} little-endian {@code u64} symbol words (first byte lowest, zero above the
 * length), then {@code count} length bytes, then zeros. The decoder reads only the magic, the
 * switch bit (0: values were stored as they are) and the symbols; the suffix limit and terminator
 * are informative.
 */
public final class FsstSymbolTable {

    public static final int SERIALIZED_BYTES = 8 + 256 * 8 + 256;
    public static final long MAGIC = 0x46535354L << 32;
    public static final int MAX_SYMBOLS = 255;

    /** A table of no symbols with the switch off: the values are stored uncompressed. */
    public static final FsstSymbolTable PASS_THROUGH = new FsstSymbolTable(new long[0], new int[0], 0, 0, false);

    private final long[] values;
    private final int[] lengths;
    private final int suffixLimit;
    private final int terminator;
    private final boolean compressed;
    private volatile FsstMatchTables matchTables;

    /**
     * @param values symbol bytes, code order, first byte lowest, zero above the length
     * @param lengths symbol lengths 1..8
     * @param suffixLimit codes below this are 2-byte symbols no longer symbol starts with
     * @param terminator a byte no multi-byte symbol contains (the sample's rarest)
     * @param compressed the switch: false means the values are stored as they are
     */
    public FsstSymbolTable(long[] values, int[] lengths, int suffixLimit, int terminator, boolean compressed) {
        this(values.clone(), lengths.clone(), suffixLimit, terminator, compressed, true);
    }

    /** A table that adopts {@code values} and {@code lengths}, which nothing else may hold. */
    static FsstSymbolTable adopting(long[] values, int[] lengths, int suffixLimit, int terminator,
            boolean compressed) {
        return new FsstSymbolTable(values, lengths, suffixLimit, terminator, compressed, true);
    }

    private FsstSymbolTable(long[] values, int[] lengths, int suffixLimit, int terminator, boolean compressed,
            boolean adopted) {
        if (values.length != lengths.length || values.length > MAX_SYMBOLS) {
            throw new IllegalArgumentException("bad symbol arrays: " + values.length + " values, " + lengths.length
                    + " lengths");
        }
        if (suffixLimit < 0 || suffixLimit > 255 || terminator < 0 || terminator > 255) {
            throw new IllegalArgumentException("suffix limit and terminator are bytes");
        }
        this.values = values;
        this.lengths = lengths;
        this.suffixLimit = suffixLimit;
        this.terminator = terminator;
        this.compressed = compressed;
    }

    public int size() {
        return values.length;
    }

    /** Bytes of symbol {@code code}, first byte lowest. */
    public long value(int code) {
        return values[code];
    }

    public int length(int code) {
        return lengths[code];
    }

    public int suffixLimit() {
        return suffixLimit;
    }

    public int terminator() {
        return terminator;
    }

    /** The switch: whether values were compressed with this table (false: stored as they are). */
    public boolean compressed() {
        return compressed;
    }

    /** The same symbols with the switch off. */
    public FsstSymbolTable passThrough() {
        return new FsstSymbolTable(values, lengths, suffixLimit, terminator, false);
    }

    /** The symbol bytes of {@code code}. */
    public byte[] symbolBytes(int code) {
        byte[] b = new byte[lengths[code]];
        for (int k = 0; k < b.length; k++) {
            b[k] = (byte) (values[code] >>> (8 * k));
        }
        return b;
    }

    /** Lookup tables for the compression kernels (built once). */
    public FsstMatchTables matchTables() {
        FsstMatchTables t = matchTables;
        if (t == null) {
            t = FsstMatchTables.of(values, lengths, values.length);
            matchTables = t;
        }
        return t;
    }

    /** Compiles this table into {@code tables} (replacing what they held) and returns them. */
    public FsstMatchTables loadInto(FsstMatchTables tables) {
        return tables.load(values, lengths, values.length);
    }

    /** The {@value #SERIALIZED_BYTES}-byte form stored in {@code Fsst.symbol_table}. */
    public byte[] serialize() {
        ByteBuffer b = ByteBuffer.allocate(SERIALIZED_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int n = values.length;
        b.putLong(MAGIC | (compressed ? 1L : 0L) << 24 | (long) suffixLimit << 16 | (long) terminator << 8 | n);
        for (int i = 0; i < n; i++) {
            b.putLong(values[i]);
        }
        for (int i = 0; i < n; i++) {
            b.put((byte) lengths[i]);
        }
        return b.array();
    }

    /** Reads a serialized table, checking what Lance's decoder checks and that the symbols are sane. */
    public static FsstSymbolTable parse(byte[] bytes) {
        if (bytes.length != SERIALIZED_BYTES) {
            throw new IllegalArgumentException("an FSST symbol table has " + SERIALIZED_BYTES + " bytes, got "
                    + bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long header = b.getLong();
        if ((header & MAGIC) != MAGIC) {
            throw new IllegalArgumentException("no FSST magic in symbol table header " + Long.toHexString(header));
        }
        int n = (int) (header & 0xFF);
        if (n > MAX_SYMBOLS) {
            throw new IllegalArgumentException("255 symbols at most, header says " + n);
        }
        long[] values = new long[n];
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = b.getLong();
        }
        for (int i = 0; i < n; i++) {
            lengths[i] = b.get() & 0xFF;
            if (lengths[i] < 1 || lengths[i] > 8) {
                throw new IllegalArgumentException("symbol " + i + " has length " + lengths[i]);
            }
        }
        return new FsstSymbolTable(values, lengths, (int) (header >>> 16) & 0xFF, (int) (header >>> 8) & 0xFF,
                (header & (1L << 24)) != 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FsstSymbolTable t && Arrays.equals(values, t.values) && Arrays.equals(lengths, t.lengths)
                && suffixLimit == t.suffixLimit && terminator == t.terminator && compressed == t.compressed;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values) * 31 + Arrays.hashCode(lengths);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("FsstSymbolTable[").append(values.length).append(" symbols")
                .append(compressed ? "" : ", switch off").append(']');
        return s.toString();
    }
}
