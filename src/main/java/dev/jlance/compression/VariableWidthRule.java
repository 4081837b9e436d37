package dev.jlance.compression;

import dev.jlance.codec.GeneralCompression;
import dev.jlance.codec.GeneralMiniBlockCodec;
import dev.jlance.codec.GeneralPerValueCodec;
import dev.jlance.codec.VariableCodec;
import dev.jlance.codec.fsst.FsstCodec;
import dev.jlance.data.BlockStatistics;
import dev.jlance.data.VariableWidthBlock;
import dev.jlance.schema.FieldEncodingParams;
import dev.jlance.schema.FieldEncodingParams.Compression;
import dev.jlance.schema.LanceField;
import java.util.Optional;

/**
 * Compression of variable-width values as official Lance 7.0.0 chooses it (probed): FSST is
 * automatic only for strings (not binary) with a value of at least 5 bytes and at least 32 KiB of
 * data counting offsets; requested zstd/lz4 wraps the plain layout (never FSST); full-zip values
 * get per-value zstd when a value exceeds 32 KiB or general compression is requested.
 */
final class VariableWidthRule {

    /** FSST needs a value at least this long... */
    static final long FSST_MIN_MAX_LENGTH = 5;
    /** ...and at least this many bytes of values plus offsets. */
    static final long FSST_MIN_DATA_BYTES = 32 * 1024;
    /** Full-zip values longer than this are compressed one by one even when nobody asked. */
    static final long PER_VALUE_MIN_MAX_LENGTH = 32 * 1024;

    private VariableWidthRule() {
    }

    static MiniBlockCompressor miniBlock(LanceField field, BlockStatistics stats, VariableWidthBlock block) {
        FieldEncodingParams params = field.encodingParams();
        VariableCodec plain = VariableCodec.withChunkBytes(params.miniChunkSize().orElse((int) VariableCodec.AIM_CHUNK_BYTES));
        Optional<Compression> requested = params.compression();
        if (requested.isPresent()) {
            return switch (requested.get()) {
                case NONE -> plain;
                case FSST -> FsstCodec.INSTANCE.withChunking(plain);
                case ZSTD, LZ4 -> new GeneralMiniBlockCodec(plain, GeneralCompression.fromParams(params).orElseThrow());
            };
        }
        return fsstPays(field, stats, block) ? FsstCodec.INSTANCE.withChunking(plain) : plain;
    }

    static PerValueCompressor perValue(LanceField field, BlockStatistics stats, VariableWidthBlock block) {
        Optional<Compression> requested = field.encodingParams().compression();
        if (requested.isPresent() && requested.get() == Compression.NONE) {
            return VariableCodec.INSTANCE;
        }
        boolean general = requested.isPresent()
                && (requested.get() == Compression.ZSTD || requested.get() == Compression.LZ4);
        if ((stats.maxLength() > PER_VALUE_MIN_MAX_LENGTH || general) && dataBytes(stats, block) >= FSST_MIN_DATA_BYTES) {
            // official Lance compresses full-zip values with zstd (level 0) whatever scheme was asked for
            return new GeneralPerValueCodec(GeneralCompression.perValueDefault());
        }
        if (requested.isPresent() && requested.get() == Compression.FSST || fsstPays(field, stats, block)) {
            return FsstCodec.INSTANCE;
        }
        return VariableCodec.INSTANCE;
    }

    private static boolean fsstPays(LanceField field, BlockStatistics stats, VariableWidthBlock block) {
        return isString(field) && stats.maxLength() >= FSST_MIN_MAX_LENGTH
                && dataBytes(stats, block) >= FSST_MIN_DATA_BYTES;
    }

    /** Value bytes plus offsets, the size official Lance tests against its thresholds. */
    private static long dataBytes(BlockStatistics stats, VariableWidthBlock block) {
        return stats.dataSize() + (long) block.bytesPerOffset() * (block.numValues() + 1);
    }

    private static boolean isString(LanceField field) {
        return switch (field.logicalType()) {
            case "string", "large_string" -> true;
            default -> false;
        };
    }
}
