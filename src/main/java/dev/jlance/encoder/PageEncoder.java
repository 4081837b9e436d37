package dev.jlance.encoder;

import dev.jlance.FormatVersion;
import dev.jlance.arrow.ArrowLeaf;
import dev.jlance.codec.FixedSizeListCodec;
import dev.jlance.compression.BlockCompressed;
import dev.jlance.compression.CompressionStrategy;
import dev.jlance.compression.MiniBlockCompressed;
import dev.jlance.data.AllNullBlock;
import dev.jlance.data.BlockStatistics;
import dev.jlance.data.DataBlock;
import dev.jlance.data.DictionaryBlock;
import dev.jlance.data.FixedSizeListBlock;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.data.VariableWidthBlock;
import dev.jlance.encoder.layout.AllNullLayoutWriter;
import dev.jlance.encoder.layout.FullZipLayoutWriter;
import dev.jlance.encoder.layout.MiniBlockDictionary;
import dev.jlance.encoder.layout.MiniBlockLayoutWriter;
import dev.jlance.encoder.layout.MiniBlockOverflowException;
import dev.jlance.encoder.layout.PageBuffers;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.repdef.PageLevels;
import dev.jlance.repdef.PageLevels.LayerChoice;
import dev.jlance.repdef.RepDefLayer;
import dev.jlance.repdef.RepDefBuilder;
import dev.jlance.repdef.ShreddedLevels;
import dev.jlance.repdef.SerializedRepDef;
import dev.jlance.schema.FieldEncodingParams.StructuralEncoding;
import dev.jlance.schema.LanceField;
import dev.jlance.schema.PackedStructType;
import dev.jlance.schema.PhysicalType;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
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
    private final Optional<StructuralEncoding> forcedLayout;
    private final int columnIndex;
    private final CompressionStrategy compression;
    private final FormatVersion version;
    /** How the page's values are stored: the field's storage, or a packed struct's rows. */
    private final PhysicalType valueType;
    /** What a page's arena is called in leak reports (made once, not per page). */
    private final String arenaPurpose;

    public PageEncoder(LanceField field, int columnIndex, CompressionStrategy compression, FormatVersion version) {
        this(field, field.encodingParams().structuralEncoding(), columnIndex, compression, version);
    }

    /**
     * @param forcedLayout the layout the top-level field's {@code lance-encoding:structural-encoding}
     *     asks for: official Lance reads it from the top-level field for every leaf below it
     */
    public PageEncoder(LanceField field, Optional<StructuralEncoding> forcedLayout, int columnIndex,
            CompressionStrategy compression, FormatVersion version) {
        this.forcedLayout = forcedLayout;
        this.field = field;
        this.valueType = PackedStructType.isPacked(field) ? PackedStructType.of(field).rowType() : field.storage();
        this.columnIndex = columnIndex;
        this.compression = compression;
        this.version = version;
        this.arenaPurpose = "page of column " + columnIndex + " (" + field.path() + ")";
    }

    /** Encodes {@code page}; the result owns all memory it needs, {@code page} may be closed after. */
    public EncodedPage encode(PendingPage page) {
        OffHeapArena arena = OffHeapArena.open(arenaPurpose);
        try {
            List<ArrowLeaf> pieces = page.pieces();
            SerializedRepDef nestedLevels = null;
            long nullCount;
            if (page.nested()) {
                nestedLevels = PageLevels.serialize(page.levels(), arena);
                pieces = visibleValues(pieces, page.levels(), arena);
                nullCount = nestedLevels.numVisible() - page.levels().stream().mapToLong(ShreddedLevels::numValid).sum();
                if (nullCount == nestedLevels.numVisible()) {
                    // no valid value at all (maybe no value slot at all): only the levels matter
                    PageBuffers buffers = AllNullLayoutWriter.complex(nestedLevels);
                    return new EncodedPage(buffers.buffers(), buffers.layout(), page.numRows(), page.rowNumber(),
                            columnIndex, buffers.layoutName(), buffers.encodingName(), arena);
                }
            } else {
                nullCount = ArrowLeaf.nullCount(pieces);
            }
            DataBlock arrowDictionary = null;
            if (field.dictionary().isPresent()) {
                var assembled = DictionaryPageAssembler.assemble(field.dictionary().get(), pieces, arena);
                pieces = assembled.indices();
                arrowDictionary = assembled.dictionary();
                if (!page.nested()) {
                    nullCount = ArrowLeaf.nullCount(pieces);
                }
            }
            Optional<DataBlock> joined = page.joinedValues(valueType, pieces);
            DataBlock values = joined.isPresent() ? joined.get() : PageAssembler.values(valueType, pieces, arena);
            SerializedRepDef levels = nestedLevels != null ? nestedLevels : flatLevels(pieces, arena);
            BlockStatistics stats = page.statistics(values, nullCount);
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
                var levelsOnly = FixedSizeListPages.levelsOnly(forcedLayout, fsl, levels);
                if (levelsOnly.isPresent()) {
                    stats = new BlockStatistics(levelsOnly.get(), stats.nullCount());
                    layout = Layout.FULL_ZIP;
                }
            }
            PageBuffers buffers = switch (layout) {
                case ALL_NULL -> page.nested() ? AllNullLayoutWriter.complex(levels) : AllNullLayoutWriter.simple();
                case DICTIONARY -> {
                    DictionaryBlock dict = dictionary.orElseThrow();
                    BlockStatistics dictStats = new BlockStatistics(dict.dictionary(), 0);
                    var dictPage = new MiniBlockDictionary(owned(compression.blockCompressor(field, dictStats)
                            .compressBlock(dict.dictionary(), arena), arena), dict.dictionary().numValues());
                    yield miniBlockOrFullZip(new BlockStatistics(dict.indices(), 0), stats, levels, dictPage, page,
                            arena);
                }
                case MINI_BLOCK -> miniBlockOrFullZip(stats, stats, levels, null, page, arena);
                case FULL_ZIP -> fullZipOrMiniBlock(stats, levels, page, arena);
            };
            return new EncodedPage(buffers.buffers(), buffers.layout(), page.numRows(), page.rowNumber(), columnIndex,
                    buffers.layoutName(), buffers.encodingName(), arena);
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    /**
     * {@code compressed} in {@code arena}: a flat block is a view of its input, and an Arrow
     * dictionary used as it is lives in the pending page, which closes before the page is written.
     */
    private static BlockCompressed owned(BlockCompressed compressed, OffHeapArena arena) {
        return arena.owns(compressed.data()) ? compressed
                : new BlockCompressed(arena.copyOf(compressed.data()), compressed.encoding());
    }

    private static SerializedRepDef flatLevels(List<ArrowLeaf> pieces, OffHeapArena arena) {
        RepDefBuilder repdef = new RepDefBuilder();
        PageAssembler.collectValidity(pieces, repdef);
        return repdef.serialize(arena);
    }

    /** The visible slots of each piece of a nested leaf (values under null or empty lists dropped). */
    private static List<ArrowLeaf> visibleValues(List<ArrowLeaf> pieces, List<ShreddedLevels> levels,
            OffHeapArena arena) {
        List<ArrowLeaf> out = new ArrayList<>(pieces.size());
        for (int p = 0; p < pieces.size(); p++) {
            ArrowLeaf piece = pieces.get(p);
            int[] ranges = levels.get(p).visibleRanges();
            for (int r = 0; r < ranges.length; r += 2) {
                out.add(piece.rows(ranges[r], ranges[r + 1], arena));
            }
        }
        return out;
    }

    /**
     * A mini-block page, or a full-zip page of the plain values when the levels of very sparse or
     * very long lists would overflow a mini-block chunk.
     */
    private PageBuffers miniBlockOrFullZip(BlockStatistics chunked, BlockStatistics plain, SerializedRepDef levels,
            MiniBlockDictionary dictionary, PendingPage page, OffHeapArena arena) {
        try {
            return miniBlock(chunked, levels, dictionary, arena);
        } catch (MiniBlockOverflowException e) {
            if (!fullZipPossible(plain)) {
                throw new IllegalArgumentException("column '" + field.path() + "' cannot be written: "
                        + e.getMessage() + ", and its " + plain.block().kind()
                        + " values cannot use the full-zip layout instead; write fewer empty or null lists per row",
                        e);
            }
            String unreadable = FullZipReadability.problem(levels);
            if (unreadable == null) {
                return fullZip(plain, levels, LayerChoice.STABLE, page, arena);
            }
            SerializedRepDef fromData = readableFromData(page, arena);
            if (fromData == null) {
                throw new IllegalArgumentException("column '" + field.path() + "' cannot be written: "
                        + e.getMessage() + ", and a full-zip page of it would be misread: " + unreadable, e);
            }
            return fullZip(plain, fromData, LayerChoice.FROM_DATA, page, arena);
        }
    }

    /**
     * A full-zip page, unless official Lance 7.0.0's reader would misread it: then a mini-block
     * page, when its chunks fit, or a full-zip page with official's layer kinds, when those read.
     */
    private PageBuffers fullZipOrMiniBlock(BlockStatistics stats, SerializedRepDef levels, PendingPage page,
            OffHeapArena arena) {
        String unreadable = FullZipReadability.problem(levels);
        if (unreadable == null) {
            return fullZip(stats, levels, LayerChoice.STABLE, page, arena);
        }
        try {
            return miniBlock(stats, levels, null, arena);
        } catch (MiniBlockOverflowException e) {
            SerializedRepDef fromData = readableFromData(page, arena);
            if (fromData == null) {
                throw new IllegalArgumentException("column '" + field.path() + "' cannot be written: a full-zip page"
                        + " of it would be misread (" + unreadable + ") and its values do not fit mini-block chunks ("
                        + e.getMessage() + ")", e);
            }
            return fullZip(stats, fromData, LayerChoice.FROM_DATA, page, arena);
        }
    }

    /**
     * The page's levels with every layer kind taken from its own data, as official Lance takes
     * them, when a full-zip page of them reads back; else null. A nullable struct without a null in
     * this page is then an all-valid layer, which is what makes the full-zip reader count right,
     * at the price of the stable struct layers (pages of this column that do have struct nulls
     * cannot be read together with this one: official's own files share that limit).
     */
    private static SerializedRepDef readableFromData(PendingPage page, OffHeapArena arena) {
        if (!page.nested()) {
            return null;
        }
        SerializedRepDef fromData = PageLevels.serialize(page.levels(), arena, LayerChoice.FROM_DATA);
        return FullZipReadability.problem(fromData) == null ? fromData : null;
    }

    private static boolean fullZipPossible(BlockStatistics stats) {
        return switch (stats.block()) {
            case FixedWidthBlock f -> f.bitsPerValue() % 8 == 0 || f.bitsPerValue() == 1;
            case VariableWidthBlock v -> true;
            case FixedSizeListBlock l -> FixedSizeListCodec.zipsWholeRows(l);
            default -> false;
        };
    }

    private PageBuffers fullZip(BlockStatistics stats, SerializedRepDef levels, LayerChoice choice, PendingPage page,
            OffHeapArena arena) {
        if (levels.maxRep() > 0 && !(stats.block() instanceof VariableWidthBlock) && field.arrow().isNullable()
                && levels.layers().getFirst() == RepDefLayer.ALL_VALID_ITEM) {
            // Official 7.0.0's reader sizes the validity of an all-valid leaf in a fixed-width full-zip
            // page with lists by the page's rows, not its values: a read that spans it and a page
            // with null leaves fails. A nullable leaf therefore stays a nullable layer here.
            levels = PageLevels.serialize(page.levels(), arena, choice.withNullableLeaf());
        }
        if (stats.block() instanceof FixedWidthBlock f && f.bitsPerValue() == 1) {
            // official Lance's full-zip pages hold booleans as one byte (0 or 1) each
            MemorySegment bytes = arena.allocate(f.numValues());
            Bitmaps.unpackToBytes(f.data().segment(), f.numValues(), bytes);
            stats = new BlockStatistics(new FixedWidthBlock(new LanceBuffer(bytes), 8, f.numValues()), stats.nullCount());
        }
        return FullZipLayoutWriter.write(compression.perValueCompressor(field, stats).compressPerValue(stats.block(), arena),
                levels, arena);
    }

    private PageBuffers miniBlock(BlockStatistics stats, SerializedRepDef levels, MiniBlockDictionary dictionary,
            OffHeapArena arena) {
        MiniBlockCompressed values = compression.miniBlockCompressor(field, stats).compressMiniBlock(stats.block(), arena);
        return MiniBlockLayoutWriter.write(values, levels,
                compression.levelCompressor(field, levelStats(levels.repetition(), levels.numLevels())),
                compression.levelCompressor(field, levelStats(levels.definition(), levels.numLevels())),
                dictionary, version == FormatVersion.V2_2, arena, field.path());
    }

    /**
     * The layout official Lance picks for a page with these statistics (before the compression
     * strategy's dictionary decision, which can turn any non-null page into {@link Layout#DICTIONARY}).
     */
    public Layout chooseLayout(BlockStatistics stats) {
        if (stats.block() instanceof AllNullBlock || stats.nullCount() == stats.numValues()) {
            // (a nested page without a single visible value lands here too: 0 nulls of 0 values)
            return Layout.ALL_NULL;
        }
        var forced = forcedLayout;
        if (forced.isPresent()) {
            return forced.get() == StructuralEncoding.MINIBLOCK ? Layout.MINI_BLOCK : Layout.FULL_ZIP;
        }
        return stats.maxLength() < MINIBLOCK_MAX_BYTES_PER_VALUE ? Layout.MINI_BLOCK : Layout.FULL_ZIP;
    }

    private static BlockStatistics levelStats(java.lang.foreign.MemorySegment stream, long n) {
        LanceBuffer buffer = stream != null ? new LanceBuffer(stream) : LanceBuffer.EMPTY;
        return new BlockStatistics(new FixedWidthBlock(buffer, 16, stream != null ? n : 0), 0);
    }
}
