package dev.jlance.repdef;

import dev.jlance.memory.Layouts;
import dev.jlance.memory.OffHeapArena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins the shredded levels of a page's batches and numbers them (NOTES §6.1). The page's layer
 * kinds come from all of its batches: a layer is nullable when any batch had a null there, and a
 * list layer emptyable when any had an empty list. A few layers get a kind their data does not
 * need, where official Lance 7.0.0's reader would misread the page otherwise ({@link LayerChoice},
 * and the two rules at the end of this class). Definition levels are then numbered inner to
 * outer, 1 upwards, a null-and-empty list taking two (null first).
 */
public final class PageLevels {

    private PageLevels() {
    }

    /**
     * How a page picks its layer kinds beyond what its data shows.
     *
     * @param stableStructs a nullable struct is a nullable layer even in a page without a null
     *     there (with its nulls pushed down as if it had one): official Lance 7.0.0's reader fails
     *     ("Incorrect number of nulls for StructArray") on a read that spans pages where a struct
     *     layer is nullable in one and all-valid in another
     * @param nullableLeaf the leaf layer is nullable even when the page has no null leaf value
     */
    public record LayerChoice(boolean stableStructs, boolean nullableLeaf) {
        /** jlance's default: nullable structs stay nullable layers in every page. */
        public static final LayerChoice STABLE = new LayerChoice(true, false);
        /** Official Lance's choice: every layer kind from the page's own data. */
        public static final LayerChoice FROM_DATA = new LayerChoice(false, false);

        public LayerChoice withNullableLeaf() {
            return new LayerChoice(stableStructs, true);
        }
    }

    /** The numbered levels of {@code pieces}, allocated in {@code arena}, with stable struct layers. */
    public static SerializedRepDef serialize(List<ShreddedLevels> pieces, OffHeapArena arena) {
        return serialize(pieces, arena, LayerChoice.STABLE);
    }

    /** The numbered levels of {@code pieces}, allocated in {@code arena}. */
    public static SerializedRepDef serialize(List<ShreddedLevels> pieces, OffHeapArena arena, LayerChoice choice) {
        ShreddedLevels first = pieces.getFirst();
        int numLayers = first.numLayers();
        boolean[] isList = first.isList();
        boolean[] hasNull = new boolean[numLayers];
        boolean[] hasEmpty = new boolean[numLayers];
        long numLevels = 0;
        long numVisible = 0;
        for (ShreddedLevels p : pieces) {
            for (int k = 0; k < numLayers; k++) {
                hasNull[k] |= p.hasNull()[k];
                hasEmpty[k] |= p.hasEmpty()[k];
            }
            numLevels += p.numLevels();
            numVisible += p.numVisible();
        }
        if (choice.stableStructs()) {
            for (int k = 0; k < numLayers; k++) {
                // (a struct's nulls are pushed down: the layers right below it count as nullable too)
                hasNull[k] |= first.nullableStruct()[k] || (k > 0 && !isList[k - 1] && hasNull[k - 1]);
            }
        }
        hasNull[numLayers - 1] |= choice.nullableLeaf();
        countEveryListBelowANullableItem(isList, hasNull, hasEmpty);
        keepDefinitionsUnderNestedLists(isList, hasNull, hasEmpty);
        RepDefLayer[] kinds = new RepDefLayer[numLayers];
        int[] defOfCode = new int[2 * numLayers + 1];
        int level = 0;
        int innermostList = -1;
        for (int k = numLayers - 1; k >= 0; k--) {
            if (isList[k]) {
                if (innermostList < 0) {
                    innermostList = k;
                }
                kinds[k] = hasNull[k] ? (hasEmpty[k] ? RepDefLayer.NULL_AND_EMPTY_LIST : RepDefLayer.NULLABLE_LIST)
                        : (hasEmpty[k] ? RepDefLayer.EMPTYABLE_LIST : RepDefLayer.ALL_VALID_LIST);
            } else {
                kinds[k] = hasNull[k] ? RepDefLayer.NULLABLE_ITEM : RepDefLayer.ALL_VALID_ITEM;
            }
            if (hasNull[k]) {
                defOfCode[ShreddedLevels.nullCode(k)] = ++level;
            }
            if (hasEmpty[k]) {
                defOfCode[ShreddedLevels.emptyCode(k)] = ++level;
            }
        }
        int maxDef = level;
        int maxVisibleDef = -1;
        if (innermostList >= 0) {
            maxVisibleDef = 0;
            for (int k = innermostList + 1; k < numLayers; k++) {
                maxVisibleDef += kinds[k].defLevels();
            }
        }
        int maxRep = 0;
        for (boolean l : isList) {
            maxRep += l ? 1 : 0;
        }
        List<RepDefLayer> innerFirst = new ArrayList<>(numLayers);
        for (int k = numLayers - 1; k >= 0; k--) {
            innerFirst.add(kinds[k]);
        }
        MemorySegment rep = maxRep > 0 ? arena.allocate(numLevels * 2) : null;
        MemorySegment def = maxDef > 0 ? arena.allocate(numLevels * 2) : null;
        long at = 0;
        for (ShreddedLevels p : pieces) {
            if (rep != null) {
                MemorySegment.copy(p.rep(), ShreddedLevels.LEVEL, 0, rep, Layouts.U16, at * 2, p.numLevels());
            }
            if (def != null && p.codes() != null) {
                MemorySegment codes = p.codes();
                for (int e = 0; e < p.numLevels(); e++) {
                    short c = codes.getAtIndex(ShreddedLevels.LEVEL, e);
                    if (c != 0) {
                        def.setAtIndex(Layouts.U16, at + e, (short) defOfCode[c]);
                    }
                }
            }
            at += p.numLevels();
        }
        return new SerializedRepDef(rep, def, innerFirst, maxRep, maxDef, numLevels, maxVisibleDef, numVisible);
    }

    /**
     * Official Lance 7.0.0's reader unravels the lists of a page without definition levels through
     * a path that keeps stale repetition levels when the page is not the first one of a read, so an
     * outer list of the second page gains lists that do not exist ("Max offset exceeds length of
     * values"). A page with two or more list layers and no definition level at all therefore makes
     * its outer-most list emptyable: a definition stream of zeros sends the reader down its other path.
     */
    private static void keepDefinitionsUnderNestedLists(boolean[] isList, boolean[] hasNull, boolean[] hasEmpty) {
        int lists = 0;
        int outerMost = -1;
        for (int k = 0; k < isList.length; k++) {
            if (hasNull[k] || hasEmpty[k]) {
                return;
            }
            if (isList[k]) {
                lists++;
                outerMost = outerMost < 0 ? k : outerMost;
            }
        }
        if (lists >= 2) {
            hasEmpty[outerMost] = true;
        }
    }

    /**
     * Official Lance 7.0.0's reader, when it reads the validity of a nullable item layer (a struct),
     * skips the levels of outer layers by comparing how many lists lie below each level with how
     * many it has unravelled; but it counts only lists that carry definition levels in the first and
     * every list in the second. An all-valid list below such a layer thus makes it take an outer
     * null or empty entry for one of its own (reads fail, "Incorrect number of nulls for
     * StructArray"). Where outer entries exist, those lists are made emptyable: a definition level
     * that never occurs, and counts that agree.
     */
    private static void countEveryListBelowANullableItem(boolean[] isList, boolean[] hasNull, boolean[] hasEmpty) {
        int numLayers = isList.length;
        boolean defAbove = false;
        boolean outerEntries = false; // levels above that a list separates from the current layer
        for (int k = 0; k < numLayers; k++) {
            boolean hasDef = hasNull[k] || hasEmpty[k];
            if (isList[k]) {
                outerEntries |= defAbove || hasDef;
            } else if (hasNull[k] && outerEntries) {
                for (int m = k + 1; m < numLayers; m++) {
                    if (isList[m] && !hasNull[m] && !hasEmpty[m]) {
                        hasEmpty[m] = true;
                    }
                }
            }
            defAbove |= hasDef;
        }
    }
}
