package dev.jlance.repdef;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * The level streams of one page.
 *
 * @param repetition u16 repetition levels, one per level entry, or null when there are no lists
 * @param definition u16 definition levels, or null when nothing in the page is null or empty
 * @param layers the page's layers, inner-most (leaf) first, as the page layout records them
 * @param maxRep highest repetition level that can occur
 * @param maxDef highest definition level that can occur
 * @param numLevels level entries (leaf values plus invisible null/empty-list entries)
 * @param maxVisibleDef with list layers, the highest definition level of an entry that has a value
 *     (the levels of the layers inside the inner-most list); -1 without lists, where every entry
 *     has a value
 * @param numVisible entries that have a value slot (null slots included)
 */
public record SerializedRepDef(MemorySegment repetition, MemorySegment definition, List<RepDefLayer> layers,
        int maxRep, int maxDef, long numLevels, int maxVisibleDef, long numVisible) {

    public SerializedRepDef {
        layers = List.copyOf(layers);
    }

    /** Levels of a page without lists: one entry per value. */
    public SerializedRepDef(MemorySegment definition, List<RepDefLayer> layers, int maxDef, long numValues) {
        this(null, definition, layers, 0, maxDef, numValues, -1, numValues);
    }

    /** Whether entry {@code i} has a value slot. */
    public boolean isVisible(long i) {
        return maxVisibleDef < 0 || definition == null
                || (definition.getAtIndex(dev.jlance.memory.Layouts.U16, i) & 0xFFFF) <= maxVisibleDef;
    }

    /** Definition level of entry {@code i} (0 without a definition stream). */
    public int def(long i) {
        return definition == null ? 0 : definition.getAtIndex(dev.jlance.memory.Layouts.U16, i) & 0xFFFF;
    }

    /** Repetition level of entry {@code i} (0 without a repetition stream). */
    public int rep(long i) {
        return repetition == null ? 0 : repetition.getAtIndex(dev.jlance.memory.Layouts.U16, i) & 0xFFFF;
    }

    public boolean hasRepetition() {
        return repetition != null;
    }

    public boolean hasDefinition() {
        return definition != null;
    }
}
