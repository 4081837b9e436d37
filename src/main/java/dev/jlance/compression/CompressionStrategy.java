package dev.jlance.compression;

import dev.jlance.data.BlockStatistics;
import dev.jlance.schema.LanceField;

/** Picks a compressor for a page's values from the field and the values' statistics. */
public interface CompressionStrategy {

    /**
     * Called when the writer opens, for every leaf field: throws when the field asks for something
     * this strategy cannot write, so the caller learns before any data is encoded.
     */
    default void checkSupported(LanceField field) {
    }

    /**
     * Whether a page (not all null) is stored as a mini-block of indices into a dictionary of its
     * distinct values; the indices then get {@link #miniBlockCompressor} and the dictionary
     * {@link #blockCompressor}.
     */
    default boolean dictionaryEncode(LanceField field, BlockStatistics stats) {
        return false;
    }

    MiniBlockCompressor miniBlockCompressor(LanceField field, BlockStatistics stats);

    PerValueCompressor perValueCompressor(LanceField field, BlockStatistics stats);

    /** For level streams ({@code stats} over u16 levels) and dictionaries. */
    BlockCompressor blockCompressor(LanceField field, BlockStatistics stats);
}
