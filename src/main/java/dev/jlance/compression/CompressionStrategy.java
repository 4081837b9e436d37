package dev.jlance.compression;

import dev.jlance.data.BlockStatistics;
import dev.jlance.schema.LanceField;

/** Picks a compressor for a page's values from the field and the values' statistics. */
public interface CompressionStrategy {

    MiniBlockCompressor miniBlockCompressor(LanceField field, BlockStatistics stats);

    PerValueCompressor perValueCompressor(LanceField field, BlockStatistics stats);

    /** For level streams ({@code stats} over u16 levels) and dictionaries. */
    BlockCompressor blockCompressor(LanceField field, BlockStatistics stats);
}
