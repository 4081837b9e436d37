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
            default -> throw new IllegalArgumentException("field '" + field.path() + "': no block compressor for "
                    + stats.block().kind());
        };
    }
}
