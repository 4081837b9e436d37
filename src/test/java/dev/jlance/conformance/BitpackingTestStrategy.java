package dev.jlance.conformance;

import dev.jlance.codec.FlatCodec;
import dev.jlance.codec.InlineBitpackingCodec;
import dev.jlance.codec.OutOfLineBitpackingCodec;
import dev.jlance.codec.VariableCodec;
import dev.jlance.compression.BlockCompressor;
import dev.jlance.compression.CompressionStrategy;
import dev.jlance.compression.MiniBlockCompressor;
import dev.jlance.compression.PerValueCompressor;
import dev.jlance.data.BlockStatistics;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.data.VariableWidthBlock;
import dev.jlance.schema.LanceField;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bit-packs whatever it can, so conformance tests reach the bit-packing codecs on every page:
 * inline bit-packing for 8/16/32/64-bit values, out-of-line bit-packing (at the page's widest
 * chunk) for definition levels; flat or variable otherwise. Counts what it handed out, so tests
 * can prove the codecs really ran.
 */
final class BitpackingTestStrategy implements CompressionStrategy {

    final AtomicLong inlinePages = new AtomicLong();
    final AtomicLong outOfLineLevelChunks = new AtomicLong();
    private final boolean packValues;

    BitpackingTestStrategy() {
        this(true);
    }

    /** {@code packValues = false} leaves values flat (other chunk sizes) and packs only the levels. */
    BitpackingTestStrategy(boolean packValues) {
        this.packValues = packValues;
    }

    @Override
    public MiniBlockCompressor miniBlockCompressor(LanceField field, BlockStatistics stats) {
        return switch (stats.block()) {
            case FixedWidthBlock f when packValues && InlineBitpackingCodec.supports(f.bitsPerValue()) -> {
                inlinePages.incrementAndGet();
                yield InlineBitpackingCodec.forStatistics(stats);
            }
            case FixedWidthBlock f -> FlatCodec.INSTANCE;
            case VariableWidthBlock v -> VariableCodec.INSTANCE;
            default -> throw new IllegalArgumentException("no mini-block compressor for " + stats.block().kind());
        };
    }

    @Override
    public PerValueCompressor perValueCompressor(LanceField field, BlockStatistics stats) {
        return switch (stats.block()) {
            case FixedWidthBlock f -> FlatCodec.INSTANCE;
            case VariableWidthBlock v -> VariableCodec.INSTANCE;
            default -> throw new IllegalArgumentException("no per-value compressor for " + stats.block().kind());
        };
    }

    @Override
    public BlockCompressor blockCompressor(LanceField field, BlockStatistics stats) {
        OutOfLineBitpackingCodec codec = OutOfLineBitpackingCodec.forStatistics(stats);
        return (data, arena) -> {
            outOfLineLevelChunks.incrementAndGet();
            return codec.compressBlock(data, arena);
        };
    }
}
