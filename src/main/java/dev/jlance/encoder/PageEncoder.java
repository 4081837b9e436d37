package dev.jlance.encoder;

import dev.jlance.FormatVersion;
import dev.jlance.arrow.ArrowLeaf;
import dev.jlance.compression.CompressionStrategy;
import dev.jlance.compression.MiniBlockCompressed;
import dev.jlance.data.AllNullBlock;
import dev.jlance.data.BlockStatistics;
import dev.jlance.data.DataBlock;
import dev.jlance.data.DictionaryBlock;
import dev.jlance.data.FixedSizeListBlock;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.encoder.layout.AllNullLayoutWriter;
import dev.jlance.encoder.layout.FullZipLayoutWriter;
import dev.jlance.encoder.layout.MiniBlockDictionary;
import dev.jlance.encoder.layout.MiniBlockLayoutWriter;
import dev.jlance.encoder.layout.PageBuffers;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.repdef.RepDefBuilder;
import dev.jlance.repdef.SerializedRepDef;
import dev.jlance.schema.FieldEncodingParams.StructuralEncoding;
import dev.jlance.schema.LanceField;
import java.util.List;
import java.util.Optional;

/**
 * Encodes one page of a leaf column: joins its arrays, computes statistics once, picks the page
 * layout and writes it. The decision follows official Lance: all-null pages carry no values; Arrow
 * dictionary-encoded input becomes a mini-block of indices with the page's dictionary; otherwise
 * mini-block for values under 256 bytes, full-zip from 256 bytes up, unless the field's
 * {@code lance-encoding:structural-encoding} says otherwise.
 */
public final class PageEncoder {

    /** Values at least this long (bytes) go to full-zip pages. */
    public static final long MINIBLOCK_MAX_BYTES_PER_VALUE = 256;

    /** The layouts a page can get. */
    public enum Layout { ALL_NULL, MINI_BLOCK, FULL_ZIP, /** mini-block of indices plus a dictionary */ DICTIONARY }

    private final LanceField field;
    private final int columnIndex;
    private final CompressionStrategy compression;
    private final FormatVersion version;

    public PageEncoder(LanceField field, int columnIndex, CompressionStrategy compression, FormatVersion version) {
        this.field = field;
        this.columnIndex = columnIndex;
        this.compression = compression;
        this.version = version;
    }

    /** Encodes {@code page}; the result owns all memory it needs, {@code page} may be closed after. */
    public EncodedPage encode(PendingPage page) {
        OffHeapArena arena = OffHeapArena.open("page of column " + columnIndex + " (" + field.path() + ")");
        try {
            List<ArrowLeaf> pieces = page.pieces();
            DataBlock arrowDictionary = null;
            if (field.dictionary().isPresent()) {
                var assembled = DictionaryPageAssembler.assemble(field.dictionary().get(), pieces, arena);
                pieces = assembled.indices();
                arrowDictionary = assembled.dictionary();
            }
            DataBlock values = PageAssembler.values(field.storage(), pieces, arena);
            RepDefBuilder repdef = new RepDefBuilder();
            PageAssembler.collectValidity(pieces, repdef);
            BlockStatistics stats = new BlockStatistics(values, pieces.stream().mapToLong(ArrowLeaf::nullCount).sum());
            Layout layout = chooseLayout(stats);
            Optional<DictionaryBlock> dictionary;
            if (layout == Layout.ALL_NULL) {
                dictionary = Optional.empty();
            } else if (arrowDictionary != null) {
                // Arrow dictionary input keeps its dictionary, whatever the metadata or the size rule say
                dictionary = Optional.of(new DictionaryBlock(values, arrowDictionary));
            } else {
                dictionary = compression.dictionaryEncode(field, stats, arena);
            }
            if (dictionary.isPresent()) {
                layout = Layout.DICTIONARY;
            }
            if (layout != Layout.ALL_NULL && values instanceof FixedSizeListBlock fsl) {
                var levelsOnly = FixedSizeListPages.levelsOnly(field, fsl, () -> repdef.serialize(arena));
                if (levelsOnly.isPresent()) {
                    values = levelsOnly.get();
                    layout = Layout.FULL_ZIP;
                }
            }
            PageBuffers buffers = switch (layout) {
                case ALL_NULL -> AllNullLayoutWriter.simple();
                case DICTIONARY -> {
                    DictionaryBlock dict = dictionary.orElseThrow();
                    BlockStatistics dictStats = new BlockStatistics(dict.dictionary(), 0);
                    var dictPage = new MiniBlockDictionary(compression.blockCompressor(field, dictStats)
                            .compressBlock(dict.dictionary(), arena), dict.dictionary().numValues());
                    yield miniBlock(new BlockStatistics(dict.indices(), 0), repdef, dictPage, arena);
                }
                case MINI_BLOCK -> miniBlock(stats, repdef, null, arena);
                case FULL_ZIP -> FullZipLayoutWriter.write(
                        compression.perValueCompressor(field, stats).compressPerValue(values, arena),
                        repdef.serialize(arena), arena);
            };
            return new EncodedPage(buffers.buffers(), buffers.layout(), page.numRows(), page.rowNumber(), columnIndex,
                    buffers.layoutName(), buffers.encodingName(), arena);
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    private PageBuffers miniBlock(BlockStatistics stats, RepDefBuilder repdef, MiniBlockDictionary dictionary,
            OffHeapArena arena) {
        SerializedRepDef levels = repdef.serialize(arena);
        MiniBlockCompressed values = compression.miniBlockCompressor(field, stats).compressMiniBlock(stats.block(), arena);
        return MiniBlockLayoutWriter.write(values, levels, compression.levelCompressor(field, levelStats(levels)),
                dictionary, version == FormatVersion.V2_2, arena, field.path());
    }

    /**
     * The layout official Lance picks for a page with these statistics (before the compression
     * strategy's dictionary decision, which can turn any non-null page into {@link Layout#DICTIONARY}).
     */
    public Layout chooseLayout(BlockStatistics stats) {
        if (stats.block() instanceof AllNullBlock || stats.nullCount() == stats.numValues()) {
            return Layout.ALL_NULL;
        }
        var forced = field.encodingParams().structuralEncoding();
        if (forced.isPresent()) {
            return forced.get() == StructuralEncoding.MINIBLOCK ? Layout.MINI_BLOCK : Layout.FULL_ZIP;
        }
        return stats.maxLength() < MINIBLOCK_MAX_BYTES_PER_VALUE ? Layout.MINI_BLOCK : Layout.FULL_ZIP;
    }

    private static BlockStatistics levelStats(SerializedRepDef levels) {
        long n = levels.numLevels();
        LanceBuffer def = levels.hasDefinition() ? new LanceBuffer(levels.definition()) : LanceBuffer.EMPTY;
        return new BlockStatistics(new FixedWidthBlock(def, 16, levels.hasDefinition() ? n : 0), 0);
    }
}
