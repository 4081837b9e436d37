package dev.jlance.compression;

import dev.jlance.FormatVersion;
import dev.jlance.codec.FixedSizeListCodec;
import dev.jlance.codec.FlatCodec;
import dev.jlance.codec.PackedStructCodec;
import dev.jlance.codec.VariableCodec;
import dev.jlance.data.BlockStatistics;
import dev.jlance.data.DictionaryBlock;
import dev.jlance.data.FixedSizeListBlock;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.data.VariableWidthBlock;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.schema.FieldEncodingParams;
import dev.jlance.schema.FieldEncodingParams.StructuralEncoding;
import dev.jlance.schema.LanceField;
import dev.jlance.schema.PackedStructType;
import dev.jlance.schema.PhysicalType;
import java.util.Optional;

/**
 * The 2.1 compression decisions of official Lance 7.0.0, each in its own rule: dictionaries
 * ({@link DictionaryRule}), fixed-width values ({@link FixedWidthRule}), variable-width values
 * ({@link VariableWidthRule}) and levels ({@link LevelRule}). The rules were established by probing
 * the official writer, so the same page gets the same encoding from both.
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
     * Checks, when the writer opens, what this strategy must be able to compress: a packed struct's
     * children ({@link PackedStructType#of}), and no fixed-size list of booleans forced into full-zip
     * pages. Blob and empty-struct fields are checked by the structural strategy, which gives them
     * encoders of their own.
     */
    @Override
    public void checkSupported(LanceField field) {
        if (PackedStructType.isPacked(field)) {
            PackedStructType.of(field);
        }
        // (official Lance reads the layout from the top-level field: a nested leaf's own setting is ignored)
        if (field.parentId() == -1 && field.storage().kind() == PhysicalType.Kind.FIXED_SIZE_LIST
                && field.storage().innermost().kind() == PhysicalType.Kind.BOOLEAN
                && field.encodingParams().structuralEncoding().orElse(null) == StructuralEncoding.FULLZIP) {
            throw new UnsupportedOperationException("field '" + field.path() + "': " + FieldEncodingParams.STRUCTURAL_ENCODING
                    + "=fullzip cannot store fixed-size lists of booleans (official Lance 7.0.0 mis-sizes their"
                    + " rows); leave the layout to the writer, which uses mini-block pages");
        }
    }

    @Override
    public Optional<DictionaryBlock> dictionaryEncode(LanceField field, BlockStatistics stats, OffHeapArena arena) {
        if (PackedStructType.isPacked(field)) {
            return Optional.empty(); // official Lance never puts struct rows in a dictionary
        }
        return DictionaryRule.dictionaryEncode(field, stats, arena);
    }

    @Override
    public MiniBlockCompressor miniBlockCompressor(LanceField field, BlockStatistics stats) {
        if (PackedStructType.isPacked(field)) {
            return new PackedStructCodec(PackedStructType.of(field).childBits());
        }
        return switch (stats.block()) {
            case FixedWidthBlock f -> FixedWidthRule.choose(field.encodingParams(), stats, f);
            case VariableWidthBlock v -> VariableWidthRule.miniBlock(field, stats, v);
            case FixedSizeListBlock l -> FixedSizeListCodec.INSTANCE;
            default -> throw new IllegalArgumentException("field '" + field.path() + "': no mini-block compressor for "
                    + stats.block().kind());
        };
    }

    @Override
    public PerValueCompressor perValueCompressor(LanceField field, BlockStatistics stats) {
        if (PackedStructType.isPacked(field)) {
            throw new IllegalArgumentException("packed struct '" + field.path() + "' cannot be written in a full-zip"
                    + " page: official Lance 7.0.0 writes packed structs in mini-block pages only in format 2.1");
        }
        return switch (stats.block()) {
            case FixedWidthBlock f -> FlatCodec.INSTANCE;
            case VariableWidthBlock v -> VariableWidthRule.perValue(field, stats, v);
            case FixedSizeListBlock l -> FixedSizeListCodec.INSTANCE;
            default -> throw new IllegalArgumentException("field '" + field.path() + "': no per-value compressor for "
                    + stats.block().kind());
        };
    }

    /** Dictionaries are stored as they are in 2.1 (official 7.0.0 ignores dict-values-compression there). */
    @Override
    public BlockCompressor blockCompressor(LanceField field, BlockStatistics stats) {
        return switch (stats.block()) {
            case FixedWidthBlock f -> FlatCodec.INSTANCE;
            case VariableWidthBlock v -> VariableCodec.INSTANCE;
            default -> throw new IllegalArgumentException("field '" + field.path() + "': no block compressor for "
                    + stats.block().kind());
        };
    }

    @Override
    public BlockCompressor levelCompressor(LanceField field, BlockStatistics stats) {
        return LevelRule.choose(stats);
    }
}
