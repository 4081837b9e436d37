package dev.jlance.compression;

import dev.jlance.codec.ByteStreamSplitCodec;
import dev.jlance.codec.FlatCodec;
import dev.jlance.codec.GeneralCompression;
import dev.jlance.codec.GeneralMiniBlockCodec;
import dev.jlance.codec.InlineBitpackingCodec;
import dev.jlance.codec.RleCodec;
import dev.jlance.data.BlockStatistics;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.schema.FieldEncodingParams;
import dev.jlance.schema.FieldEncodingParams.ByteStreamSplitMode;
import dev.jlance.schema.FieldEncodingParams.Compression;
import java.util.Optional;

/**
 * Mini-block compression of fixed-width values, as official Lance 7.0.0 chooses it (probed on its
 * writer): {@code compression=none} keeps values flat; byte-stream-split wins outright when general
 * compression is requested and its entropy test passes; otherwise a size model weighs RLE, inline
 * bitpacking and flat on estimates from the page statistics; requested zstd/lz4 then wraps the
 * result. Floats are judged on their bit patterns, and the bytes under nulls count, as there.
 */
final class FixedWidthRule {

    private FixedWidthRule() {
    }

    static MiniBlockCompressor choose(FieldEncodingParams params, BlockStatistics stats, FixedWidthBlock block) {
        Optional<Compression> requested = params.compression();
        if (requested.isPresent() && requested.get() == Compression.NONE) {
            return FlatCodec.INSTANCE;
        }
        MiniBlockCompressor base;
        if (requested.isPresent() && ByteStreamSplitCodec.shouldUse(block,
                params.byteStreamSplit().orElse(ByteStreamSplitMode.AUTO))) {
            base = ByteStreamSplitCodec.INSTANCE;
        } else {
            base = bySize(params, stats, block);
        }
        Optional<GeneralCompression> general = GeneralCompression.fromParams(params);
        return general.<MiniBlockCompressor>map(g -> new GeneralMiniBlockCodec(base, g)).orElse(base);
    }

    /**
     * RLE when its estimate {@code (runs + n/255)·(B+1)} is below the raw size and bitpacking is
     * not smaller still (ties go to RLE); else bitpacking when {@code Σ (1 + 1024·W/T)·B} over
     * 1024-value chunks is below raw; else flat. {@code rle-threshold} adds a run-ratio guard.
     */
    private static MiniBlockCompressor bySize(FieldEncodingParams params, BlockStatistics stats,
            FixedWidthBlock block) {
        int bits = block.bitsPerValue();
        if (!InlineBitpackingCodec.supports(bits)) {
            return FlatCodec.INSTANCE;
        }
        long n = block.numValues();
        long raw = n * (bits / 8);
        long packed = InlineBitpackingCodec.compressedBytes(bits, stats.bitWidthsShared());
        boolean packable = packed < raw;
        long runs = stats.runCount();
        long rle = RleCodec.estimatedBytes(n, runs, bits);
        boolean runsAllowed = params.rleThreshold().isEmpty() || runs < n * params.rleThreshold().getAsDouble();
        if (runsAllowed && rle < raw && !(packable && packed < rle)) {
            return RleCodec.INSTANCE;
        }
        return packable ? InlineBitpackingCodec.forStatistics(stats) : FlatCodec.INSTANCE;
    }
}
