package dev.jlance.conformance;

import dev.jlance.FormatVersion;
import dev.jlance.compression.BlockCompressor;
import dev.jlance.compression.CompressionStrategy;
import dev.jlance.compression.DefaultCompressionStrategy;
import dev.jlance.compression.MiniBlockCompressor;
import dev.jlance.compression.PerValueCompressor;
import dev.jlance.data.BlockStatistics;
import dev.jlance.schema.LanceField;
import java.util.Optional;
import java.util.function.Function;

/**
 * A compression strategy for tests that forces chosen compressors and otherwise decides as the
 * default strategy does. It accepts any field metadata (so a test can reuse official Lance's
 * {@code lance-encoding:compression} keys on the same schema), and records nothing. It never
 * builds dictionaries, so forced compressors see the page's own values.
 */
public final class ForcedCompression implements CompressionStrategy {

    private final DefaultCompressionStrategy fallback;
    private final Function<BlockStatistics, Optional<MiniBlockCompressor>> miniBlock;
    private final Function<BlockStatistics, Optional<PerValueCompressor>> perValue;
    private final Function<BlockStatistics, Optional<BlockCompressor>> block;

    private ForcedCompression(FormatVersion version, Function<BlockStatistics, Optional<MiniBlockCompressor>> miniBlock,
            Function<BlockStatistics, Optional<PerValueCompressor>> perValue,
            Function<BlockStatistics, Optional<BlockCompressor>> block) {
        this.fallback = new DefaultCompressionStrategy(version);
        this.miniBlock = miniBlock;
        this.perValue = perValue;
        this.block = block;
    }

    /** Every mini-block page uses {@code c}. */
    public static ForcedCompression miniBlock(MiniBlockCompressor c) {
        return new ForcedCompression(FormatVersion.V2_1, s -> Optional.of(c), s -> Optional.empty(),
                s -> Optional.empty());
    }

    /** Mini-block pages use what {@code choose} returns, or the default when it returns empty. */
    public static ForcedCompression miniBlock(Function<BlockStatistics, Optional<MiniBlockCompressor>> choose) {
        return new ForcedCompression(FormatVersion.V2_1, choose, s -> Optional.empty(), s -> Optional.empty());
    }

    /** Every full-zip page uses {@code c}. */
    public static ForcedCompression perValue(PerValueCompressor c) {
        return new ForcedCompression(FormatVersion.V2_1, s -> Optional.empty(), s -> Optional.of(c),
                s -> Optional.empty());
    }

    /** This strategy, with every level stream (per chunk) compressed by {@code c}. */
    public ForcedCompression withLevels(BlockCompressor c) {
        return new ForcedCompression(fallback.version(), miniBlock, perValue, s -> Optional.of(c));
    }

    /** This strategy for another format version. */
    public ForcedCompression forVersion(FormatVersion version) {
        return new ForcedCompression(version, miniBlock, perValue, block);
    }

    @Override
    public MiniBlockCompressor miniBlockCompressor(LanceField field, BlockStatistics stats) {
        return miniBlock.apply(stats).orElseGet(() -> fallback.miniBlockCompressor(field, stats));
    }

    @Override
    public PerValueCompressor perValueCompressor(LanceField field, BlockStatistics stats) {
        return perValue.apply(stats).orElseGet(() -> fallback.perValueCompressor(field, stats));
    }

    @Override
    public BlockCompressor blockCompressor(LanceField field, BlockStatistics stats) {
        return fallback.blockCompressor(field, stats);
    }

    @Override
    public BlockCompressor levelCompressor(LanceField field, BlockStatistics stats) {
        return block.apply(stats).orElseGet(() -> fallback.levelCompressor(field, stats));
    }
}
