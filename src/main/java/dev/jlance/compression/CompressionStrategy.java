package dev.jlance.compression;

import dev.jlance.data.BlockStatistics;
import dev.jlance.data.DictionaryBlock;
import dev.jlance.memory.OffHeapArena;
import java.util.Optional;
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
     * The page's values as indices into a dictionary of its distinct values, when the page (not all
     * null) should be stored that way; the indices then get {@link #miniBlockCompressor} and the
     * dictionary {@link #blockCompressor}. Empty means no dictionary.
     */
    default Optional<DictionaryBlock> dictionaryEncode(LanceField field, BlockStatistics stats, OffHeapArena arena) {
        return Optional.empty();
    }

    MiniBlockCompressor miniBlockCompressor(LanceField field, BlockStatistics stats);

    PerValueCompressor perValueCompressor(LanceField field, BlockStatistics stats);

    /** For dictionaries: one buffer holding the whole block. */
    BlockCompressor blockCompressor(LanceField field, BlockStatistics stats);

    /**
     * For a page's repetition or definition levels ({@code stats} over its u16 levels): chosen
     * once per page, applied to each mini-block chunk's slice. Levels are stored as they are
     * unless a strategy says otherwise.
     */
    default BlockCompressor levelCompressor(LanceField field, BlockStatistics stats) {
        return blockCompressor(field, stats);
    }
}
