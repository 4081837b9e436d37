package dev.jlance.repdef;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.arrow.ArrowLeaf;
import dev.jlance.schema.PhysicalType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.Test;

/**
 * The shredder against a model that walks each row down the vectors one slot at a time: random
 * chains of struct and list layers over int leaves, with nulls at every layer (from none to all),
 * empty lists, null lists that still span items, offsets that do not start at zero and sibling
 * leaves that share their path. Every level, code and visible range must match.
 */
class ShredModelTest {

    private static final double[] NULL_RATES = {0, 0.03, 0.5, 1};

    @Test
    void layerByLayerShreddingMatchesARowByRowWalk() {
        SplittableRandom random = new SplittableRandom(0x5EED_2211L);
        try (BufferAllocator allocator = new RootAllocator()) {
            for (int c = 0; c < 400; c++) {
                int depth = 1 + random.nextInt(4);
                boolean[] isList = new boolean[depth];
                for (int k = 0; k < depth; k++) {
                    isList[k] = random.nextInt(3) > 0;
                }
                int rows = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(3);
                    case 1 -> 1 + random.nextInt(70);
                    default -> 100 + random.nextInt(3000);
                };
                String what = "case " + c + ": " + Arrays.toString(isList) + ", " + rows + " rows";
                checkCase(allocator, random, isList, rows, what);
            }
        }
    }

    @Test
    void listsOverlappingTheirNeighboursAreRefused() {
        try (BufferAllocator allocator = new RootAllocator();
                ListVector list = ListVector.empty("l", allocator)) {
            IntVector leaf = numberedLeaf(list, 8);
            list.allocateNew();
            for (int row = 0; row < 3; row++) {
                list.startNewValue(row);
                list.endValue(row, 0);
            }
            list.setValueCount(3);
            // [0, 5), a null list whose offsets run back to 2, then [2, 8): slots 2 to 4 twice
            int[] offsets = {0, 5, 2, 8};
            for (int i = 0; i < offsets.length; i++) {
                list.getOffsetBuffer().setInt(4L * i, offsets[i]);
            }
            BitVectorHelper.unsetBit(list.getValidityBuffer(), 1);
            String message = refusal(list, 3, leaf);
            assertTrue(message.contains("out of order"), message);
        }
    }

    @Test
    void offsetsPastTheLeafAreRefusedNamingTheLeaf() {
        try (BufferAllocator allocator = new RootAllocator();
                ListVector list = ListVector.empty("l", allocator)) {
            IntVector leaf = numberedLeaf(list, 32);
            leaf.setNull(3);
            list.allocateNew();
            list.startNewValue(0);
            list.endValue(0, 30);
            list.setValueCount(1);
            leaf.setValueCount(10); // the list reaches slot 29, the leaf holds 10 (a 2-byte bitmap)
            String message = refusal(list, 1, leaf);
            assertTrue(message.contains("'" + leaf.getName() + "' has 10 values"), message);
        }
    }

    /** The int32 item vector of {@code list}, holding {@code 0 .. count-1}. */
    private static IntVector numberedLeaf(ListVector list, int count) {
        list.addOrGetVector(FieldType.nullable(new ArrowType.Int(32, true)));
        IntVector leaf = (IntVector) list.getDataVector();
        leaf.allocateNew(count);
        for (int i = 0; i < count; i++) {
            leaf.set(i, i);
        }
        leaf.setValueCount(count);
        return leaf;
    }

    /** The message with which shredding {@code rows} rows of {@code list} down to {@code leaf} is refused. */
    private static String refusal(ListVector list, int rows, IntVector leaf) {
        NestingPath path = NestingPath.top().withList(list, "l");
        try {
            return assertThrows(IllegalArgumentException.class,
                    () -> LevelShredder.shred(path, rows, leaf, ArrowLeaf.borrow(leaf, PhysicalType.fixedBytes(4)),
                            "l.item")).getMessage();
        } finally {
            path.release();
        }
    }

    private static void checkCase(BufferAllocator allocator, SplittableRandom random, boolean[] isList, int rows,
            String what) {
        Field field = field(isList, 0);
        try (FieldVector top = field.createVector(allocator)) {
            fill(top, rows, random);
            NestingPath path = NestingPath.top();
            FieldVector v = top;
            List<FieldVector> layerVectors = new ArrayList<>();
            for (boolean list : isList) {
                layerVectors.add(v);
                if (list) {
                    path = path.withList(v, v.getName());
                    v = ((ListVector) v).getDataVector();
                } else {
                    path = path.withStruct((StructVector) v, v.getName());
                    v = ((StructVector) v).getChildrenFromFields().getFirst();
                }
            }
            List<FieldVector> leaves = isList[isList.length - 1] ? List.of(v)
                    : ((StructVector) layerVectors.getLast()).getChildrenFromFields();
            try {
                for (FieldVector leaf : leaves) {
                    ArrowLeaf view = ArrowLeaf.borrow(leaf, PhysicalType.fixedBytes(4));
                    ShreddedLevels got = LevelShredder.shred(path, rows, leaf, view, leaf.getName());
                    Model want = Model.walk(layerVectors, isList, leaf, rows);
                    String w = what + ", leaf " + leaf.getName();
                    assertEquals(want.rep.size(), got.numLevels(), w + ": entries");
                    assertArrayEquals(want.rep(isList), shorts(got.rep()), w + ": repetition levels");
                    short[] codes = got.codes() == null ? new short[got.numLevels()] : shorts(got.codes());
                    assertArrayEquals(want.codes(), codes, w + ": codes");
                    assertArrayEquals(want.ranges(), got.visibleRanges(), w + ": visible ranges");
                    assertEquals(want.visible, got.numVisible(), w + ": visible");
                    assertEquals(want.valid, got.numValid(), w + ": valid");
                    for (int k = 0; k < isList.length; k++) {
                        assertEquals(want.hasEmpty[k], got.hasEmpty()[k], w + ": empty lists at layer " + k);
                    }
                }
            } finally {
                path.release();
            }
        }
    }

    private static short[] shorts(MemorySegment s) {
        return s == null ? null : s.toArray(ValueLayout.JAVA_SHORT);
    }

    private static Field field(boolean[] isList, int k) {
        if (k == isList.length) {
            return Field.nullable("leaf" + k, new ArrowType.Int(32, true));
        }
        if (isList[k]) {
            return new Field("list" + k, FieldType.nullable(ArrowType.List.INSTANCE), List.of(field(isList, k + 1)));
        }
        List<Field> children = k == isList.length - 1
                ? List.of(Field.nullable("a" + k, new ArrowType.Int(32, true)),
                        Field.nullable("b" + k, new ArrowType.Int(32, true)))
                : List.of(field(isList, k + 1));
        return new Field("struct" + k, FieldType.nullable(ArrowType.Struct.INSTANCE), children);
    }

    /**
     * Fills {@code count} slots. Nulls are made by clearing validity bits afterwards, so a null
     * list keeps the items it spans; a list's offsets sometimes start past zero.
     */
    private static void fill(FieldVector vector, int count, SplittableRandom random) {
        double nullRate = NULL_RATES[random.nextInt(NULL_RATES.length)];
        switch (vector) {
            case IntVector ints -> {
                ints.allocateNew(Math.max(count, 1));
                for (int i = 0; i < count; i++) {
                    ints.set(i, random.nextInt());
                }
                ints.setValueCount(count);
            }
            case StructVector struct -> {
                for (FieldVector child : struct.getChildrenFromFields()) {
                    fill(child, count, random);
                }
                struct.setInitialCapacity(Math.max(count, 1));
                struct.allocateNew();
                for (int i = 0; i < count; i++) {
                    struct.setIndexDefined(i);
                }
                struct.setValueCount(count);
            }
            case ListVector list -> {
                int shift = random.nextInt(4) == 0 ? random.nextInt(5) : 0;
                int emptyEvery = 2 + random.nextInt(8);
                int[] lengths = new int[count];
                int total = shift;
                for (int i = 0; i < count; i++) {
                    lengths[i] = random.nextInt(emptyEvery) == 0 ? 0 : 1 + random.nextInt(random.nextInt(3) == 0 ? 40 : 4);
                    total += lengths[i];
                }
                fill(list.getDataVector(), total, random);
                list.setInitialCapacity(Math.max(count, 1));
                list.allocateNew();
                list.getOffsetBuffer().setInt(0, shift);
                for (int i = 0; i < count; i++) {
                    list.startNewValue(i);
                    list.endValue(i, lengths[i]);
                }
                list.setValueCount(count);
            }
            default -> throw new IllegalArgumentException(vector.getClass().getName());
        }
        for (int i = 0; i < count; i++) {
            if (nullRate > 0 && random.nextDouble() < nullRate) {
                BitVectorHelper.unsetBit(vector.getValidityBuffer(), i);
            }
        }
    }

    /** The levels of a leaf, walked row by row and slot by slot (NOTES §6.1's rules). */
    private static final class Model {
        final List<Integer> rep = new ArrayList<>();
        final List<Integer> code = new ArrayList<>();
        final List<Integer> slot = new ArrayList<>();
        final boolean[] hasEmpty;
        int visible;
        int valid;
        private final List<FieldVector> layers;
        private final boolean[] isList;
        private final FieldVector leaf;
        private final int[] listRep;

        private Model(List<FieldVector> layers, boolean[] isList, FieldVector leaf) {
            this.layers = layers;
            this.isList = isList;
            this.leaf = leaf;
            this.hasEmpty = new boolean[isList.length + 1];
            this.listRep = new int[isList.length];
            int lists = 0;
            for (int k = isList.length - 1; k >= 0; k--) {
                if (isList[k]) {
                    listRep[k] = ++lists;
                }
            }
        }

        static Model walk(List<FieldVector> layers, boolean[] isList, FieldVector leaf, int rows) {
            Model m = new Model(layers, isList, leaf);
            int maxRep = 0;
            for (boolean l : isList) {
                maxRep += l ? 1 : 0;
            }
            for (int row = 0; row < rows; row++) {
                m.visit(0, row, maxRep);
            }
            return m;
        }

        private int listsBelow(int k) {
            int n = 0;
            for (int j = k + 1; j < isList.length; j++) {
                n += isList[j] ? 1 : 0;
            }
            return n;
        }

        private void visit(int k, int i, int r) {
            if (k == isList.length) {
                boolean isNull = leaf.isNull(i);
                emit(r, isNull ? ShreddedLevels.nullCode(k) : 0, i);
                return;
            }
            FieldVector v = layers.get(k);
            if (!isList[k]) {
                if (v.isNull(i)) {
                    // with only structs below, a null struct still holds its slot in the leaf
                    emit(r, ShreddedLevels.nullCode(k), listsBelow(k) > 0 ? -1 : i);
                } else {
                    visit(k + 1, i, r);
                }
                return;
            }
            ListVector list = (ListVector) v;
            if (list.isNull(i)) {
                emit(r, ShreddedLevels.nullCode(k), -1);
                return;
            }
            int start = list.getOffsetBuffer().getInt(4L * i);
            int end = list.getOffsetBuffer().getInt(4L * (i + 1));
            if (start == end) {
                hasEmpty[k] = true;
                emit(r, ShreddedLevels.emptyCode(k), -1);
                return;
            }
            for (int c = start; c < end; c++) {
                visit(k + 1, c, c == start ? r : listRep[k] - 1);
            }
        }

        private void emit(int r, int c, int s) {
            rep.add(r);
            code.add(c);
            slot.add(s);
            if (s >= 0) {
                visible++;
                valid += c == 0 ? 1 : 0;
            }
        }

        short[] rep(boolean[] isList) {
            boolean anyList = false;
            for (boolean l : isList) {
                anyList |= l;
            }
            if (!anyList) {
                return null;
            }
            short[] out = new short[rep.size()];
            for (int e = 0; e < out.length; e++) {
                out[e] = (short) (int) rep.get(e);
            }
            return out;
        }

        short[] codes() {
            short[] out = new short[code.size()];
            for (int e = 0; e < out.length; e++) {
                out[e] = (short) (int) code.get(e);
            }
            return out;
        }

        int[] ranges() {
            List<Integer> out = new ArrayList<>();
            for (int s : slot) {
                if (s < 0) {
                    continue;
                }
                if (!out.isEmpty() && out.getLast() == s) {
                    out.set(out.size() - 1, s + 1);
                } else {
                    out.add(s);
                    out.add(s + 1);
                }
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
