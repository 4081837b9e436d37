package dev.jlance.repdef;

import dev.jlance.memory.OffHeapArena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The levels of one batch of a nested leaf, before the page decides how to number them.
 *
 * <p>Layers are indexed outer-most first, the leaf's own validity last. Each level entry has a
 * repetition level (final: it does not depend on the page) and a raw definition code: 0 when the
 * item is valid at every layer, {@code 2k+1} when layer {@code k} is the outer-most null, and
 * {@code 2k+2} when layer {@code k} is an empty list. {@link PageLevels} maps codes to definition
 * levels once it knows which layers of the whole page have nulls and empty lists.
 *
 * <p>The shredder hands out levels in its scratch memory; whoever keeps them copies them first
 * ({@link #copyInto}), as the accumulation queue does into the memory of the page they join.
 *
 * @param rep repetition levels, one {@link #LEVEL} per entry, or null when there are no list layers
 * @param codes raw definition codes, one {@link #LEVEL} per entry, or null when every entry is valid
 * @param numLevels level entries
 * @param visibleRanges [start, end) pairs of leaf-vector indices holding the visible values, in
 *     order (values under null or empty lists are skipped)
 * @param numVisible visible values (leaf slots, nulls included)
 * @param numValid visible values that are valid at every layer
 * @param isList per layer, whether it is a list
 * @param hasNull per layer, whether it has nulls (its own, or pushed down from a struct above)
 * @param hasEmpty per layer, whether a list of it is empty
 * @param nullableStruct per layer, whether it is a struct whose field is nullable
 */
public record ShreddedLevels(MemorySegment rep, MemorySegment codes, int numLevels, int[] visibleRanges,
        int numVisible, int numValid, boolean[] isList, boolean[] hasNull, boolean[] hasEmpty,
        boolean[] nullableStruct) {

    /** A level or code in {@link #rep} and {@link #codes}: a 16-bit value in the platform's order. */
    public static final ValueLayout.OfShort LEVEL = ValueLayout.JAVA_SHORT_UNALIGNED;

    /** The raw definition code of entry {@code e}. */
    public int code(long e) {
        return codes == null ? 0 : codes.getAtIndex(LEVEL, e);
    }

    /** These levels with their repetition levels and codes copied into {@code arena}. */
    public ShreddedLevels copyInto(OffHeapArena arena) {
        return new ShreddedLevels(rep == null ? null : arena.copyOf(rep.asSlice(0, 2L * numLevels)),
                codes == null ? null : arena.copyOf(codes.asSlice(0, 2L * numLevels)), numLevels, visibleRanges,
                numVisible, numValid, isList, hasNull, hasEmpty, nullableStruct);
    }

    /** Raw code of an item whose outer-most null is at {@code layer}. */
    public static int nullCode(int layer) {
        return 2 * layer + 1;
    }

    /** Raw code of an empty list at {@code layer}. */
    public static int emptyCode(int layer) {
        return 2 * layer + 2;
    }

    public int numLayers() {
        return isList.length;
    }

    /** Whether the visible values are exactly leaf indices [0, n). */
    public boolean visibleIsPrefix(int n) {
        return visibleRanges.length == 0 ? n == 0 && numVisible == 0
                : visibleRanges.length == 2 && visibleRanges[0] == 0 && visibleRanges[1] == n;
    }
}
