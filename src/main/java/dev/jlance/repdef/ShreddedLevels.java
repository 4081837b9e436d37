package dev.jlance.repdef;

/**
 * The levels of one batch of a nested leaf, before the page decides how to number them.
 *
 * <p>Layers are indexed outer-most first, the leaf's own validity last. Each level entry has a
 * repetition level (final: it does not depend on the page) and a raw definition code: 0 when the
 * item is valid at every layer, {@code 2k+1} when layer {@code k} is the outer-most null, and
 * {@code 2k+2} when layer {@code k} is an empty list. {@link PageLevels} maps codes to definition
 * levels once it knows which layers of the whole page have nulls and empty lists.
 *
 * @param rep repetition levels, one per entry, or null when there are no list layers
 * @param codes raw definition codes, one per entry, or null when every entry is valid
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
public record ShreddedLevels(short[] rep, short[] codes, int numLevels, int[] visibleRanges, int numVisible,
        int numValid, boolean[] isList, boolean[] hasNull, boolean[] hasEmpty, boolean[] nullableStruct) {

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
