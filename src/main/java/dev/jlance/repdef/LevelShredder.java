package dev.jlance.repdef;

import dev.jlance.arrow.ArrowLeaf;
import dev.jlance.arrow.ArrowSegments;
import dev.jlance.memory.BitRanges;
import dev.jlance.memory.Layouts;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ValueVector;

/**
 * Walks a nesting path top-down and produces the level entries of a leaf (Dremel shredding, with
 * Lance's numbering: NOTES §6.1).
 *
 * <p>Every top-level row starts as one entry. A struct layer marks its null entries. A list layer
 * replaces each valid, non-empty entry by one entry per item; the first item keeps the entry's
 * repetition level, the others get the level of the list below this one. Null and empty lists stay
 * one entry with no value ("invisible"). An entry null at a struct with a list somewhere below is
 * invisible too; one with only structs below keeps a value slot in the leaf. The outer-most null
 * wins, because once an entry is null it is not looked at again.
 */
public final class LevelShredder {

    private LevelShredder() {
    }

    /**
     * @param path the struct and list layers above the leaf
     * @param top rows of the top-level vector
     * @param leaf the leaf vector (the path's last layer's child)
     * @param leafIsNull whether leaf slot {@code i} is null
     * @param leafHasNulls whether the leaf has a null anywhere (its layer's kind)
     * @param leafPath the leaf's path in the writer's schema, for messages
     */
    public static ShreddedLevels shred(NestingPath path, int top, FieldVector leaf, IntPredicate leafIsNull,
            boolean leafHasNulls, String leafPath) {
        return shred(path, top, leaf, null, leafIsNull, leafHasNulls, leafPath);
    }

    /**
     * As {@link #shred(NestingPath, int, FieldVector, IntPredicate, boolean, String)}, for a leaf
     * whose nulls are those of {@code view}. They are read from its validity bitmap in the loop
     * itself: a predicate is a call per level entry, and a list of many short items makes hundreds
     * of thousands of entries per batch. Only a null-typed leaf (every slot null, no bitmap) is
     * asked slot by slot.
     */
    public static ShreddedLevels shred(NestingPath path, int top, FieldVector leaf, ArrowLeaf view,
            String leafPath) {
        if (view.nullCount() == 0) {
            return shred(path, top, leaf, null, null, false, leafPath);
        }
        if (view.validity() != null) {
            return shred(path, top, leaf, view.validity(), null, true, leafPath);
        }
        return shred(path, top, leaf, null, view::isNull, true, leafPath);
    }

    /** {@code leafValidity} when not null, else {@code leafIsNull}, says which leaf slots are null. */
    private static ShreddedLevels shred(NestingPath path, int top, FieldVector leaf, MemorySegment leafValidity,
            IntPredicate leafIsNull, boolean leafHasNulls, String leafPath) {
        // a top-level leaf has its layers to itself; below structs and lists they are shared
        boolean shared = !path.isEmpty();
        LevelScratch scratch = LevelScratch.get();
        Layers above = shared ? path.shreddedLayers(top, () -> shredLayers(path, top, leafPath, scratch))
                : shredLayers(path, top, leafPath, scratch);
        return shredLeaf(above, path.layers(), shared, leaf, leafValidity, leafIsNull, leafHasNulls, leafPath,
                scratch);
    }

    private static ShreddedLevels shredLeaf(Layers above, List<NestingPath.Layer> layers, boolean shared,
            FieldVector leaf, MemorySegment leafValidity, IntPredicate leafIsNull, boolean leafHasNulls,
            String leafPath, LevelScratch scratch) {
        // first, so that the leaf's validity is read only where the leaf has slots
        Visible visible = above.visible(leaf);
        int[] ranges = visible.ranges;
        if (ranges.length > 0 && ranges[ranges.length - 1] > leaf.getValueCount()) {
            throw new IllegalArgumentException("vector '" + leaf.getName() + "' has " + leaf.getValueCount()
                    + " values but its parent lists' offsets reach " + ranges[ranges.length - 1]);
        }
        int leafLayer = above.isList.length - 1;
        boolean[] hasNull = above.hasNull.clone();
        hasNull[leafLayer] = leafHasNulls || inheritsNulls(leafLayer, above.isList, hasNull);
        short[] code = above.code;
        boolean anyCode = above.anyCode;
        int leafNulls = 0;
        if (leafHasNulls) {
            short nullCode = (short) ShreddedLevels.nullCode(leafLayer);
            short[] own = shared ? null : code; // shared codes are copied on the first write
            boolean nullable = leaf.getField().isNullable();
            SlotRuns runs = above.runs;
            for (int r = 0; r < runs.count(); r++) {
                int at = runs.at(r);
                int start = runs.start(r);
                int end = start + runs.length(r);
                for (int i = nextNull(leafValidity, leafIsNull, start, end); i < end;
                        i = nextNull(leafValidity, leafIsNull, i + 1, end)) {
                    int e = at + (i - start);
                    if (code[e] != 0) {
                        continue; // null above: the outer-most null wins
                    }
                    if (!nullable) {
                        throw notNullable(layers, leafLayer, leafPath, above.rep, e, above.maxRep);
                    }
                    if (own == null) {
                        own = above.leafCodes(scratch);
                        System.arraycopy(code, 0, own, 0, above.n);
                    }
                    own[e] = nullCode;
                    anyCode = true;
                    leafNulls++;
                }
            }
            if (own != null) {
                code = own;
            }
        }
        // views of scratch arrays: the queue copies them into its page's memory right away
        int n = above.n;
        return new ShreddedLevels(above.rep == null ? null : MemorySegment.ofArray(above.rep).asSlice(0, 2L * n),
                anyCode ? MemorySegment.ofArray(code).asSlice(0, 2L * n) : null, n, ranges, visible.numVisible,
                visible.numValid - leafNulls, above.isList.clone(), hasNull, above.hasEmpty.clone(),
                above.nullableStruct.clone());
    }

    /** The first null leaf slot in {@code [from, to)}, or {@code to}. */
    private static int nextNull(MemorySegment validity, IntPredicate isNull, int from, int to) {
        if (validity != null) {
            return (int) BitRanges.nextClear(validity, from, to);
        }
        int i = from;
        while (i < to && !isNull.test(i)) {
            i++;
        }
        return i;
    }

    /**
     * Which leaf slots the entries of a batch show, the same for every leaf below a path.
     *
     * @param ranges [start, end) pairs of leaf-vector indices holding the visible values, in order
     * @param numVisible visible values (leaf slots, nulls included)
     * @param numValid visible values valid at every layer above the leaf
     */
    private record Visible(int[] ranges, int numVisible, int numValid) {
    }

    /**
     * The entries the struct and list layers of a path make for one batch, before the leaf's own
     * nulls: the same for every leaf below the path, so a path computes them once for all its
     * leaves ({@link NestingPath#shreddedLayers}) and hands the arrays back when its batch is done
     * ({@link #release}). Entries are not changed after they are made; {@link #leafCodes} is the
     * one buffer its leaves write their own codes into, one leaf after the other.
     */
    static final class Layers {
        private short[] rep;
        private short[] code;
        /** The leaf slots the entries show. */
        private SlotRuns runs;
        /** Entries in {@link #runs} with a code: null at a struct with no list below it. */
        private final int codedInRuns;
        private short[] leafCodes;
        /** Computed for the first leaf that asks ({@link #visible}). */
        private Visible visible;
        final int n;
        final int maxRep;
        final boolean anyCode;
        final boolean[] isList;
        final boolean[] hasNull;
        final boolean[] hasEmpty;
        final boolean[] nullableStruct;
        private final int top;

        Layers(short[] rep, short[] code, SlotRuns runs, int codedInRuns, int n, int maxRep, boolean anyCode,
                boolean[] isList, boolean[] hasNull, boolean[] hasEmpty, boolean[] nullableStruct, int top) {
            this.rep = rep;
            this.code = code;
            this.runs = runs;
            this.codedInRuns = codedInRuns;
            this.n = n;
            this.maxRep = maxRep;
            this.anyCode = anyCode;
            this.isList = isList;
            this.hasNull = hasNull;
            this.hasEmpty = hasEmpty;
            this.nullableStruct = nullableStruct;
            this.top = top;
        }

        int top() {
            return top;
        }

        /** The buffer a leaf's codes go to when it has nulls of its own: valid until the next leaf. */
        private short[] leafCodes(LevelScratch scratch) {
            if (leafCodes == null) {
                leafCodes = scratch.shorts(n);
            }
            return leafCodes;
        }

        /**
         * The leaf slots these entries show; computed once, for the first leaf (named in the
         * message when its parents' offsets run backwards).
         */
        private Visible visible(FieldVector leaf) {
            if (visible == null) {
                visible = visibleSlots(runs, codedInRuns, leaf);
            }
            return visible;
        }

        /** Hands the arrays to {@code scratch}: the levels shredded from them must have been copied. */
        void release(LevelScratch scratch) {
            scratch.give(rep);
            scratch.give(code);
            scratch.give(leafCodes);
            if (runs != null) {
                runs.release(scratch);
            }
            rep = null;
            code = null;
            runs = null;
            leafCodes = null;
        }
    }

    /**
     * Walks the layers of {@code path} for {@code top} rows.
     *
     * @param leafPath the path of the leaf that asked first, for messages
     */
    private static Layers shredLayers(NestingPath path, int top, String leafPath, LevelScratch scratch) {
        List<NestingPath.Layer> layers = path.layers();
        int numLayers = layers.size() + 1;
        boolean[] isList = new boolean[numLayers];
        boolean[] hasNull = new boolean[numLayers];
        boolean[] hasEmpty = new boolean[numLayers];
        boolean[] nullableStruct = new boolean[numLayers];
        int[] listRep = new int[numLayers];
        int lists = 0;
        for (int k = numLayers - 2; k >= 0; k--) {
            if (layers.get(k) instanceof NestingPath.ListLayer) {
                isList[k] = true;
                listRep[k] = ++lists;
            }
        }
        int maxRep = lists;

        int n = top;
        short[] rep = maxRep > 0 ? scratch.shorts(n) : null;
        short[] code = scratch.shorts(n);
        SlotRuns runs = SlotRuns.identity(n, scratch);
        Arrays.fill(code, 0, n, (short) 0);
        if (rep != null) {
            Arrays.fill(rep, 0, n, (short) maxRep);
        }
        boolean anyCode = false;
        int codedInRuns = 0;
        int listsBelow = lists;
        try {
            for (int k = 0; k < numLayers - 1; k++) {
                NestingPath.Layer layer = layers.get(k);
                if (layer instanceof NestingPath.StructLayer s) {
                    boolean own = s.vector().getNullCount() > 0;
                    nullableStruct[k] = s.vector().getField().isNullable();
                    hasNull[k] = own || inheritsNulls(k, isList, hasNull);
                    if (!own) {
                        continue;
                    }
                    short nullCode = (short) ShreddedLevels.nullCode(k);
                    MemorySegment validity = validity(s.vector());
                    boolean nullable = s.vector().getField().isNullable();
                    // with a list below, a null entry shows no slot: it leaves its run, which splits
                    SlotRuns kept = listsBelow > 0 ? new SlotRuns(runs.count() + s.vector().getNullCount(), scratch)
                            : null;
                    for (int r = 0; r < runs.count(); r++) {
                        int at = runs.at(r);
                        int start = runs.start(r);
                        int end = start + runs.length(r);
                        int from = start; // the first slot of the run not yet kept
                        for (int i = (int) BitRanges.nextClear(validity, start, end); i < end;
                                i = (int) BitRanges.nextClear(validity, i + 1, end)) {
                            int e = at + (i - start);
                            if (code[e] != 0) {
                                continue; // null at a struct above: the outer-most null wins
                            }
                            if (!nullable) {
                                throw notNullable(layers, k, leafPath, rep, e, maxRep);
                            }
                            code[e] = nullCode;
                            anyCode = true;
                            if (kept != null) {
                                kept.add(at + (from - start), from, i - from);
                                from = i + 1;
                            } else {
                                codedInRuns++;
                            }
                        }
                        if (kept != null) {
                            kept.add(at + (from - start), from, end - from);
                        }
                    }
                    if (kept != null) {
                        runs.release(scratch);
                        runs = kept;
                    }
                } else {
                    listsBelow--;
                    ListExpansion expanded = expandList((NestingPath.ListLayer) layer, k, rep, code, runs, n,
                            (short) (listRep[k] - 1), layers, leafPath, maxRep, scratch);
                    anyCode |= expanded.anyCode;
                    hasNull[k] = ((NestingPath.ListLayer) layer).vector().getNullCount() > 0
                            || inheritsNulls(k, isList, hasNull);
                    hasEmpty[k] = expanded.anyEmpty;
                    scratch.give(rep);
                    scratch.give(code);
                    runs.release(scratch);
                    rep = expanded.rep;
                    code = expanded.code;
                    runs = expanded.runs;
                    n = expanded.n;
                }
            }
        } catch (RuntimeException | Error e) {
            scratch.give(rep);
            scratch.give(code);
            runs.release(scratch);
            throw e;
        }
        return new Layers(rep, code, runs, codedInRuns, n, maxRep, anyCode, isList, hasNull, hasEmpty,
                nullableStruct, top);
    }

    /** The entries a list layer makes of the entries above it. */
    private record ListExpansion(short[] rep, short[] code, SlotRuns runs, int n, boolean anyCode,
            boolean anyEmpty) {
    }

    /**
     * Replaces each entry showing a valid, non-empty list by one entry per item. The first item
     * keeps the entry's repetition level, the others get {@code continued}; entries showing no
     * slot, a null list or an empty one stay one entry with a code.
     */
    private static ListExpansion expandList(NestingPath.ListLayer l, int k, short[] rep, short[] code, SlotRuns runs,
            int n, short continued, List<NestingPath.Layer> layers, String leafPath, int maxRep,
            LevelScratch scratch) {
        FieldVector list = l.vector();
        int ow = l.offsetBytes();
        // zero-copy views: ArrowBuf's getters check bounds and reference counts per call
        MemorySegment offsets = ArrowSegments.view(list.getOffsetBuffer(), (list.getValueCount() + 1L) * ow);
        MemorySegment validity = list.getNullCount() > 0 ? validity(list) : null;
        // Count the entries this layer makes: each list of len > 1 items adds len - 1.
        long count = n;
        for (int r = 0; r < runs.count(); r++) {
            int at = runs.at(r);
            int start = runs.start(r);
            int end = start + runs.length(r);
            for (int i = start; i < end; i++) {
                if (code[at + (i - start)] == 0 && !isNull(validity, i)) {
                    long len = offset(offsets, i + 1, ow) - offset(offsets, i, ow);
                    count += Math.max(len - 1, 0);
                }
            }
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("list '" + list.getName() + "' has " + count
                    + " level entries in one batch; write smaller batches");
        }
        int m = (int) count;
        short[] nrep = scratch.shorts(m);
        short[] ncode = scratch.shorts(m);
        SlotRuns nruns = new SlotRuns(Math.max(1, (int) Math.min(runs.entries(), m)), scratch);
        short nullCode = (short) ShreddedLevels.nullCode(k);
        short emptyCode = (short) ShreddedLevels.emptyCode(k);
        boolean nullable = list.getField().isNullable();
        boolean anyCode = false;
        boolean anyEmpty = false;
        // most entries are a list's second item or later: fill those levels in bulk, then the rest
        Arrays.fill(nrep, 0, m, continued);
        Arrays.fill(ncode, 0, m, (short) 0);
        int out = 0;
        int e = 0; // the next entry above to copy or expand
        try {
            for (int r = 0; r <= runs.count(); r++) {
                int at = r < runs.count() ? runs.at(r) : n;
                // entries between runs show no slot: they pass through as they are
                System.arraycopy(rep, e, nrep, out, at - e);
                System.arraycopy(code, e, ncode, out, at - e);
                out += at - e;
                e = at;
                if (r == runs.count()) {
                    break;
                }
                int start = runs.start(r);
                int end = start + runs.length(r);
                for (int i = start; i < end; i++, e++) {
                    nrep[out] = rep[e];
                    if (code[e] != 0) {
                        ncode[out++] = code[e];
                    } else if (isNull(validity, i)) {
                        if (!nullable) {
                            throw notNullable(layers, k, leafPath, rep, e, maxRep);
                        }
                        ncode[out++] = nullCode;
                        anyCode = true;
                    } else {
                        long first = offset(offsets, i, ow);
                        long last = offset(offsets, i + 1, ow);
                        if (last < first || first < 0) {
                            throw new IllegalArgumentException("list '" + list.getName()
                                    + "' has decreasing offsets at " + i + ": [" + first + ", " + last + "]");
                        }
                        if (first == last) {
                            anyEmpty = true;
                            ncode[out++] = emptyCode;
                            anyCode = true;
                        } else {
                            int len = (int) (last - first); // at most m
                            nruns.add(out, Math.toIntExact(first), len);
                            out += len;
                        }
                    }
                }
            }
        } catch (RuntimeException | Error failure) {
            scratch.give(nrep);
            scratch.give(ncode);
            nruns.release(scratch);
            throw failure;
        }
        return new ListExpansion(nrep, ncode, nruns, m, anyCode, anyEmpty);
    }

    private static Visible visibleSlots(SlotRuns runs, int codedInRuns, FieldVector leaf) {
        int[] ranges = new int[8];
        int r = 0;
        long visible = 0;
        int last = Integer.MIN_VALUE;
        for (int run = 0; run < runs.count(); run++) {
            int start = runs.start(run);
            int len = runs.length(run);
            if (start < last) {
                throw new IllegalArgumentException("vector '" + leaf.getName()
                        + "' is referenced out of order by its parent lists' offsets");
            }
            visible += len;
            if (r > 0 && ranges[r - 1] == start) {
                ranges[r - 1] = start + len;
            } else {
                if (r + 2 > ranges.length) {
                    ranges = Arrays.copyOf(ranges, ranges.length * 2);
                }
                ranges[r++] = start;
                ranges[r++] = start + len;
            }
            last = start + len;
        }
        return new Visible(Arrays.copyOf(ranges, r), (int) visible, (int) visible - codedInRuns);
    }

    /**
     * The failure for entry {@code e} (valid at every layer above) being null at a layer whose
     * field is not nullable: official Lance refuses such data, and its reader would hand back nulls
     * the schema says cannot be there. (A non-nullable field may hold nulls under a null parent;
     * those entries are null above and never get here.) Each layer asks its field once per batch:
     * Arrow builds a new {@code Field} on every {@code getField()} of a list or struct.
     */
    private static IllegalArgumentException notNullable(List<NestingPath.Layer> layers, int layer, String leafPath,
            short[] rep, int e, int maxRep) {
        String path = switch (layer < layers.size() ? layers.get(layer) : null) {
            case NestingPath.StructLayer s -> s.fieldPath();
            case NestingPath.ListLayer l -> l.fieldPath();
            case null -> leafPath;
        };
        int row = e;
        if (rep != null) {
            row = -1;
            for (int i = 0; i <= e; i++) {
                row += rep[i] == maxRep ? 1 : 0;
            }
        }
        return new IllegalArgumentException("field '" + path + "' is not nullable but has a null in row " + row
                + " of the batch (where its parents are not null); official Lance refuses such data too");
    }

    /**
     * Official Lance pushes a struct's nulls down into its children's validity before encoding
     * them, so a child of a struct with nulls counts as nullable even when it has none of its own.
     */
    private static boolean inheritsNulls(int layer, boolean[] isList, boolean[] hasNull) {
        return layer > 0 && !isList[layer - 1] && hasNull[layer - 1];
    }

    private static long offset(MemorySegment offsets, long i, int width) {
        return width == 4 ? Integer.toUnsignedLong(offsets.getAtIndex(Layouts.U32, i))
                : offsets.getAtIndex(Layouts.U64, i);
    }

    /** A view of the vector's validity bitmap (it has nulls, so it has one). */
    private static MemorySegment validity(ValueVector vector) {
        return ArrowSegments.view(vector.getValidityBuffer(), (vector.getValueCount() + 7L) >>> 3);
    }

    /** Whether slot {@code i} is null; a null bitmap means no slot is. */
    private static boolean isNull(MemorySegment validity, int i) {
        return validity != null && (validity.get(Layouts.U8, i >>> 3) & (1 << (i & 7))) == 0;
    }
}
