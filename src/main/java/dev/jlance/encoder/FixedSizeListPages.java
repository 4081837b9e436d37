package dev.jlance.encoder;

import dev.jlance.data.AllNullBlock;
import dev.jlance.data.DataBlock;
import dev.jlance.data.FixedSizeListBlock;
import dev.jlance.data.NullableBlock;
import dev.jlance.memory.BitRanges;
import dev.jlance.memory.Layouts;
import dev.jlance.repdef.SerializedRepDef;
import dev.jlance.schema.FieldEncodingParams.StructuralEncoding;
import java.lang.foreign.MemorySegment;
import java.util.Optional;

/**
 * The one fixed-size-list page official Lance 7.0.0 writes without values: when every item of
 * the list's outer layer is null, it stores a full-zip page of the levels alone
 * ({@code constant} values of 0 bits). Its reader reads that back exactly only when the page
 * has control words (some row, or an enclosing struct, is null) and no repetition: without
 * control words it fails ("per-row byte width must be greater than 0"), inside a list it returns
 * the fixed-size lists themselves as null, and forced mini-block pages make its writer panic.
 * jlance writes the levels-only page exactly where official Lance's page reads back, and
 * otherwise stores the items with their (all clear) validity like any other page.
 */
final class FixedSizeListPages {

    private FixedSizeListPages() {
    }

    /**
     * The block to write as a levels-only full-zip page, when official Lance writes {@code block}
     * that way and its page reads back; else empty.
     */
    static Optional<DataBlock> levelsOnly(Optional<StructuralEncoding> forcedLayout, FixedSizeListBlock block,
            SerializedRepDef levels) {
        if (!(block.child() instanceof NullableBlock items)) {
            return Optional.empty();
        }
        long slots = block.numValues() * block.dimension();
        if (slots == 0 || BitRanges.countClear(items.validity().segment(), 0, slots) != slots) {
            return Optional.empty();
        }
        if (forcedLayout.orElse(null) == StructuralEncoding.MINIBLOCK) {
            return Optional.empty();
        }
        if (levels.hasRepetition() || !hasControlWords(levels)) {
            return Optional.empty();
        }
        return Optional.of(new FixedSizeListBlock(new AllNullBlock(slots), block.dimension()));
    }

    /** Whether a full-zip page of these levels (without repetition) has control words: some level is not 0. */
    private static boolean hasControlWords(SerializedRepDef levels) {
        return anyNonZero(levels.definition(), levels.numLevels());
    }

    private static boolean anyNonZero(MemorySegment u16, long n) {
        if (u16 == null) {
            return false;
        }
        for (long i = 0; i < n; i++) {
            if (u16.getAtIndex(Layouts.U16, i) != 0) {
                return true;
            }
        }
        return false;
    }
}
