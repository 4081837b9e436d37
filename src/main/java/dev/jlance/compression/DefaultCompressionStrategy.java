package dev.jlance.compression;

import dev.jlance.FormatVersion;
import dev.jlance.codec.FlatCodec;
import dev.jlance.codec.VariableCodec;
import dev.jlance.data.BlockStatistics;
import dev.jlance.codec.DictionaryBuilder;
import dev.jlance.data.DataBlock;
import dev.jlance.data.DictionaryBlock;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.data.VariableWidthBlock;
import dev.jlance.schema.FieldEncodingParams;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.schema.LanceField;
import java.util.Optional;

/**
 * The 2.1 compression decisions. So far values are stored uncompressed (flat for fixed width,
 * variable for binary), which official Lance also writes for small pages; bitpacking, FSST,
 * dictionaries, RLE and general compression slot in here.
 */
public final class DefaultCompressionStrategy implements CompressionStrategy {

    private final FormatVersion version;

    public DefaultCompressionStrategy(FormatVersion version) {
        this.version = version;
    }

    public FormatVersion version() {
        return version;
    }

    /**
     * Rejects, when the writer opens, metadata asking for compression this build cannot produce
     * yet; silently writing uncompressed data instead would surprise the caller.
     */
    @Override
    public void checkSupported(LanceField field) {
        FieldEncodingParams p = field.encodingParams();
        p.compression().ifPresent(c -> {
            if (c != FieldEncodingParams.Compression.NONE) {
                throw new UnsupportedOperationException("field '" + field.path() + "': "
                        + FieldEncodingParams.COMPRESSION + "=" + c.name().toLowerCase(java.util.Locale.ROOT)
                        + " is not supported by this version of jlance yet (only 'none')");
            }
        });
        if (p.packed()) {
            throw new UnsupportedOperationException("field '" + field.path() + "': " + FieldEncodingParams.PACKED
                    + " applies to structs, which this version of jlance cannot write yet");
        }
        if (p.blob()) {
            throw new UnsupportedOperationException("field '" + field.path() + "': " + FieldEncodingParams.BLOB
                    + " (blob columns) is not supported by this version of jlance yet");
        }
    }

    /** Pages with fewer values are never dictionary-encoded. */
    public static final long DICT_MIN_VALUES = 100;
    /** A dictionary must shrink the page to at most this fraction, unless the field says otherwise. */
    public static final double DEFAULT_DICT_SIZE_RATIO = 0.8;
    /** A dictionary may hold at most values / divisor entries, unless the field says otherwise. */
    public static final int DEFAULT_DICT_DIVISOR = 2;
    /** A dictionary never holds more entries than this. */
    public static final long DICT_MAX_CARDINALITY = 100_000;
    /** Values sampled to detect near-unique pages, and the fewest that make the sample count. */
    static final int DICT_SAMPLE = 4096;
    static final int DICT_MIN_SAMPLE = 1024;
    /** A sample at least this distinct means the page is near-unique: no dictionary. */
    static final double DICT_NEAR_UNIQUE = 0.98;

    /**
     * Official Lance 7.0.0's rule, which is exact and deterministic: variable-width and 128-bit
     * pages of at least {@value #DICT_MIN_VALUES} values (nulls included); not near-unique in an
     * evenly strided sample of {@value #DICT_SAMPLE}; at most {@code min(n / dict-divisor,}
     * {@value #DICT_MAX_CARDINALITY}{@code )} distinct values; and dictionary plus 32-bit indices at
     * most {@code dict-size-ratio} of the raw values (offsets included).
     */
    @Override
    public Optional<DictionaryBlock> dictionaryEncode(LanceField field, BlockStatistics stats, OffHeapArena arena) {
        DataBlock block = stats.block();
        long n = stats.numValues();
        boolean candidate = block instanceof VariableWidthBlock
                || block instanceof FixedWidthBlock f && f.bitsPerValue() == 128;
        if (!candidate || n < DICT_MIN_VALUES) {
            return Optional.empty();
        }
        int sample = (int) Math.min(n, DICT_SAMPLE);
        if (sample >= DICT_MIN_SAMPLE) {
            long stride = Math.max(1, n / DICT_SAMPLE);
            if ((double) DictionaryBuilder.distinctInSample(block, stride, sample) / sample >= DICT_NEAR_UNIQUE) {
                return Optional.empty();
            }
        }
        FieldEncodingParams params = field.encodingParams();
        long budget = Math.min(n / params.dictDivisor().orElse(DEFAULT_DICT_DIVISOR), DICT_MAX_CARDINALITY);
        DictionaryBlock dict = DictionaryBuilder.encode(block, budget, arena);
        if (dict == null) {
            return Optional.empty();
        }
        long card = dict.dictionary().numValues();
        double encoded;
        double raw;
        if (block instanceof VariableWidthBlock v) {
            long ow = v.bytesPerOffset();
            VariableWidthBlock d = (VariableWidthBlock) dict.dictionary();
            encoded = d.offset(card) + ow * (card + 1) + 4.0 * n;
            raw = stats.dataSize() + ow * (n + 1);
        } else {
            encoded = 16.0 * card + 4.0 * n;
            raw = 16.0 * n;
        }
        double ratio = params.dictSizeRatio().orElse(DEFAULT_DICT_SIZE_RATIO);
        return encoded / raw <= ratio ? Optional.of(dict) : Optional.empty();
    }

    @Override
    public MiniBlockCompressor miniBlockCompressor(LanceField field, BlockStatistics stats) {
        return switch (stats.block()) {
            case FixedWidthBlock f -> FlatCodec.INSTANCE;
            case VariableWidthBlock v -> VariableCodec.withChunkBytes(field.encodingParams().miniChunkSize()
                    .orElse((int) VariableCodec.AIM_CHUNK_BYTES));
            default -> throw new IllegalArgumentException("field '" + field.path() + "': no mini-block compressor for "
                    + stats.block().kind());
        };
    }

    @Override
    public PerValueCompressor perValueCompressor(LanceField field, BlockStatistics stats) {
        return switch (stats.block()) {
            case FixedWidthBlock f -> FlatCodec.INSTANCE;
            case VariableWidthBlock v -> VariableCodec.INSTANCE;
            default -> throw new IllegalArgumentException("field '" + field.path() + "': no per-value compressor for "
                    + stats.block().kind());
        };
    }

    @Override
    public BlockCompressor blockCompressor(LanceField field, BlockStatistics stats) {
        return switch (stats.block()) {
            case FixedWidthBlock f -> FlatCodec.INSTANCE;
            case VariableWidthBlock v -> VariableCodec.INSTANCE;
            default -> throw new IllegalArgumentException("field '" + field.path() + "': no block compressor for "
                    + stats.block().kind());
        };
    }
}
