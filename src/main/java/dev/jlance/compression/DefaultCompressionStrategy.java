package dev.jlance.compression;

import dev.jlance.FormatVersion;
import dev.jlance.codec.FlatCodec;
import dev.jlance.codec.VariableCodec;
import dev.jlance.data.BlockStatistics;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.data.VariableWidthBlock;
import dev.jlance.schema.FieldEncodingParams;
import dev.jlance.schema.LanceField;

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
    /** Dictionary-encode when the estimated encoded size is below this fraction of the raw size. */
    public static final double DEFAULT_DICT_SIZE_RATIO = 0.8;

    /**
     * Official Lance's rule: variable-width and 128-bit values, at least {@value #DICT_MIN_VALUES}
     * of them, when the estimated dictionary plus indices is smaller than
     * {@code lance-encoding:dict-size-ratio} (default {@value #DEFAULT_DICT_SIZE_RATIO}) of the raw
     * data. The estimate uses the cardinality statistic (fixed-seed, so decisions repeat).
     */
    @Override
    public boolean dictionaryEncode(LanceField field, BlockStatistics stats) {
        long n = stats.numValues();
        if (n < DICT_MIN_VALUES) {
            return false;
        }
        long estimate;
        switch (stats.block()) {
            case VariableWidthBlock v -> {
                long w = v.bytesPerOffset();
                long card = stats.cardinality();
                estimate = card * (stats.dataSize() / n) + card * w + n * w;
            }
            case FixedWidthBlock f when f.bitsPerValue() == 128 -> estimate = stats.cardinality() * 16 + n * 4;
            default -> {
                return false;
            }
        }
        long raw = stats.dataSize();
        double ratio = field.encodingParams().dictSizeRatio().orElse(DEFAULT_DICT_SIZE_RATIO);
        return raw > 0 && (double) estimate / raw < ratio;
    }

    @Override
    public MiniBlockCompressor miniBlockCompressor(LanceField field, BlockStatistics stats) {
        return switch (stats.block()) {
            case FixedWidthBlock f -> FlatCodec.INSTANCE;
            case VariableWidthBlock v -> VariableCodec.INSTANCE;
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
