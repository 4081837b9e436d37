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
 */
public record SerializedRepDef(MemorySegment repetition, MemorySegment definition, List<RepDefLayer> layers,
        int maxRep, int maxDef, long numLevels) {

    public SerializedRepDef {
        layers = List.copyOf(layers);
    }

    public boolean hasRepetition() {
        return repetition != null;
    }

    public boolean hasDefinition() {
        return definition != null;
    }
}
