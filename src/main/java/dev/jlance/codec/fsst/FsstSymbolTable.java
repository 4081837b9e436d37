package dev.jlance.codec.fsst;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.jlance.memory.Layouts;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.simd.FsstMatchTables;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

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
 *
 * <p>A table is kept in that serialized form and nothing else: it is what the file stores, so the
 * page's encoding takes the very bytes (no copy per page), and the symbols are read from them. A
 * table trained for a page lives in the page's arena, off the heap, and must not be used after the
 * page is closed; tables made otherwise (constructed, parsed, trained without an arena) are on the heap.
 */
public final class FsstSymbolTable implements FsstMatchTables.Symbols {

    public static final int SERIALIZED_BYTES = 8 + 256 * 8 + 256;
    public static final long MAGIC = 0x46535354L << 32;
    public static final int MAX_SYMBOLS = 255;

    /** A table of no symbols with the switch off: the values are stored uncompressed. */
    public static final FsstSymbolTable PASS_THROUGH = new FsstSymbolTable(new long[0], new int[0], 0, 0, false);

    /** The serialized form, never changed after construction. */
    private final MemorySegment bytes;
    private volatile FsstMatchTables matchTables;

    /**
     * @param values symbol bytes, code order, first byte lowest, zero above the length
     * @param lengths symbol lengths 1..8
     * @param suffixLimit codes below this are 2-byte symbols no longer symbol starts with
     * @param terminator a byte no multi-byte symbol contains (the sample's rarest)
     * @param compressed the switch: false means the values are stored as they are
     */
    public FsstSymbolTable(long[] values, int[] lengths, int suffixLimit, int terminator, boolean compressed) {
        this(serialized(values, lengths, suffixLimit, terminator, compressed));
    }

    private FsstSymbolTable(MemorySegment bytes) {
        this.bytes = bytes;
    }

    /** The serialized form of a table (checked as the constructor checks). */
    private static MemorySegment serialized(long[] values, int[] lengths, int suffixLimit, int terminator,
            boolean compressed) {
        if (values.length != lengths.length || values.length > MAX_SYMBOLS) {
            throw new IllegalArgumentException("bad symbol arrays: " + values.length + " values, " + lengths.length
                    + " lengths");
        }
        MemorySegment out = newSerialized(values.length, suffixLimit, terminator, compressed, null);
        for (int code = 0; code < values.length; code++) {
            putSymbol(out, values.length, code, values[code], lengths[code]);
        }
        return out;
    }

    /**
     * A zeroed serialized table of {@code count} symbols with its header written, for
     * {@link #putSymbol} to fill and {@link #adopting} to take: in {@code arena}, or on the heap
     * when it is null.
     */
    static MemorySegment newSerialized(int count, int suffixLimit, int terminator, boolean compressed,
            OffHeapArena arena) {
        if (count < 0 || count > MAX_SYMBOLS) {
            throw new IllegalArgumentException("an FSST table holds 0.." + MAX_SYMBOLS + " symbols, got " + count);
        }
        if (suffixLimit < 0 || suffixLimit > 255 || terminator < 0 || terminator > 255) {
            throw new IllegalArgumentException("suffix limit and terminator are bytes");
        }
        MemorySegment out = arena != null ? arena.allocate(SERIALIZED_BYTES)
                : MemorySegment.ofArray(new byte[SERIALIZED_BYTES]);
        out.set(Layouts.U64, 0, MAGIC | (compressed ? 1L : 0L) << 24 | (long) suffixLimit << 16 | (long) terminator << 8
                | count);
        return out;
    }

    /** Writes symbol {@code code} of a table of {@code count} into {@code serialized}. */
    static void putSymbol(MemorySegment serialized, int count, int code, long value, int length) {
        if (length < 1 || length > 8) {
            throw new IllegalArgumentException("symbol " + code + " has length " + length);
        }
        serialized.set(Layouts.U64, 8 + 8L * code, value);
        serialized.set(Layouts.U8, 8 + 8L * count + code, (byte) length);
    }

    /** A table that adopts {@code serialized} (from {@link #newSerialized}), which nothing may change any more. */
    static FsstSymbolTable adopting(MemorySegment serialized) {
        if (serialized.byteSize() != SERIALIZED_BYTES) {
            throw new IllegalArgumentException("an FSST symbol table has " + SERIALIZED_BYTES + " bytes, got "
                    + serialized.byteSize());
        }
        return new FsstSymbolTable(serialized);
    }

    private long header() {
        return bytes.get(Layouts.U64, 0);
    }

    public int size() {
        return (int) (header() & 0xFF);
    }

    @Override
    public int count() {
        return size();
    }

    /** Bytes of symbol {@code code}, first byte lowest. */
    @Override
    public long value(int code) {
        return bytes.get(Layouts.U64, 8 + 8L * Objects.checkIndex(code, size()));
    }

    @Override
    public int length(int code) {
        int n = size();
        return bytes.get(Layouts.U8, 8 + 8L * n + Objects.checkIndex(code, n));
    }

    public int suffixLimit() {
        return (int) (header() >>> 16) & 0xFF;
    }

    public int terminator() {
        return (int) (header() >>> 8) & 0xFF;
    }

    /** The switch: whether values were compressed with this table (false: stored as they are). */
    public boolean compressed() {
        return (header() & (1L << 24)) != 0;
    }

    /** The same symbols with the switch off. */
    public FsstSymbolTable passThrough() {
        MemorySegment off = MemorySegment.ofArray(serialize());
        off.set(Layouts.U64, 0, header() & ~(1L << 24));
        return new FsstSymbolTable(off);
    }

    /** The symbol bytes of {@code code}. */
    public byte[] symbolBytes(int code) {
        long v = value(code);
        byte[] b = new byte[length(code)];
        for (int k = 0; k < b.length; k++) {
            b[k] = (byte) (v >>> (8 * k));
        }
        return b;
    }

    /** Lookup tables for the compression kernels (built once). */
    public FsstMatchTables matchTables() {
        FsstMatchTables t = matchTables;
        if (t == null) {
            t = new FsstMatchTables().load(this);
            matchTables = t;
        }
        return t;
    }

    /** Compiles this table into {@code tables} (replacing what they held) and returns them. */
    public FsstMatchTables loadInto(FsstMatchTables tables) {
        return tables.load(this);
    }

    /** The {@value #SERIALIZED_BYTES}-byte form stored in {@code Fsst.symbol_table}, a copy on the heap. */
    public byte[] serialize() {
        return bytes.toArray(Layouts.U8);
    }

    /**
     * The serialized form itself, for the page's encoding, without a copy: valid as long as this
     * table (for a page's table, until the page is closed).
     */
    ByteString serializedBytes() {
        return bytes.isNative() ? UnsafeByteOperations.unsafeWrap(bytes.asByteBuffer().asReadOnlyBuffer())
                : UnsafeByteOperations.unsafeWrap(bytes.toArray(Layouts.U8));
    }

    /** Reads a serialized table, checking what Lance's decoder checks and that the symbols are sane. */
    public static FsstSymbolTable parse(byte[] bytes) {
        if (bytes.length != SERIALIZED_BYTES) {
            throw new IllegalArgumentException("an FSST symbol table has " + SERIALIZED_BYTES + " bytes, got "
                    + bytes.length);
        }
        long header = MemorySegment.ofArray(bytes).get(Layouts.U64, 0);
        if ((header & MAGIC) != MAGIC) {
            throw new IllegalArgumentException("no FSST magic in symbol table header " + Long.toHexString(header));
        }
        int n = (int) (header & 0xFF);
        if (n > MAX_SYMBOLS) {
            throw new IllegalArgumentException("255 symbols at most, header says " + n);
        }
        for (int i = 0; i < n; i++) {
            int length = bytes[8 + 8 * n + i] & 0xFF;
            if (length < 1 || length > 8) {
                throw new IllegalArgumentException("symbol " + i + " has length " + length);
            }
        }
        return new FsstSymbolTable(MemorySegment.ofArray(bytes.clone()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FsstSymbolTable t && bytes.mismatch(t.bytes) < 0;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(header()) * 31 + Long.hashCode(size() == 0 ? 0 : value(0));
    }

    @Override
    public String toString() {
        return "FsstSymbolTable[" + size() + " symbols" + (compressed() ? "" : ", switch off") + "]";
    }
}
