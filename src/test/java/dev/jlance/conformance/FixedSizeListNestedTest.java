package dev.jlance.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.file.WriteOptions;
import dev.jlance.format.pb.Encodings21.PageLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/**
 * Fixed-size lists inside lists and structs: the list's levels come from the enclosing layers,
 * the visible rows of the fixed-size list are gathered with their items and item validity, and
 * the pages are official Lance 7.0.0's byte for byte (mini-block with a repetition index, full-zip
 * with control words and a repetition index, the levels-only page when every item is null).
 */
class FixedSizeListNestedTest extends ConformanceTestBase {

    private static final ArrowType F32 = new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
    private static final ArrowType F64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);

    private static Field fsl(String name, int d, Field item) {
        return new Field(name, FieldType.nullable(new ArrowType.FixedSizeList(d)), List.of(item));
    }

    private static Field item(ArrowType t) {
        return new Field("item", FieldType.nullable(t), null);
    }

    private static Field list(String name, Field child) {
        return new Field(name, FieldType.nullable(ArrowType.List.INSTANCE), List.of(child));
    }

    /** Sets slot {@code i} of {@code v}: lists are {@link List}s, structs {@link Map}s, fixed-size list rows lists of d items. */
    /** Whether the items under a null fixed-size list hold values (else they are null too). */
    private boolean garbageUnderNulls = true;

    private void fill(FieldVector v, int i, Object value) {
        switch (v) {
            case ListVector l -> {
                if (value == null) {
                    l.setNull(i);
                    return;
                }
                List<?> items = (List<?>) value;
                int start = l.startNewValue(i);
                for (int k = 0; k < items.size(); k++) {
                    fill(l.getDataVector(), start + k, items.get(k));
                }
                l.getDataVector().setValueCount(Math.max(l.getDataVector().getValueCount(), start + items.size()));
                l.endValue(i, items.size());
            }
            case LargeListVector l -> {
                if (value == null) {
                    l.setNull(i);
                    return;
                }
                List<?> items = (List<?>) value;
                int start = (int) l.startNewValue(i);
                for (int k = 0; k < items.size(); k++) {
                    fill(l.getDataVector(), start + k, items.get(k));
                }
                l.getDataVector().setValueCount(Math.max(l.getDataVector().getValueCount(), start + items.size()));
                l.endValue(i, items.size());
            }
            case StructVector s -> {
                Map<?, ?> m = (Map<?, ?>) value;
                for (FieldVector c : s.getChildrenFromFields()) {
                    fill(c, i, m == null ? null : m.get(c.getName()));
                }
                if (m == null) {
                    s.setNull(i);
                } else {
                    s.setIndexDefined(i);
                }
            }
            case FixedSizeListVector f -> {
                int d = f.getListSize();
                List<?> items = (List<?>) value;
                for (int k = 0; k < d; k++) {
                    // a null row keeps items under it, as Arrow allows
                    fill(f.getDataVector(), i * d + k, items == null ? garbage(f.getDataVector(), i * d + k) : items.get(k));
                }
                f.getDataVector().setValueCount(Math.max(f.getDataVector().getValueCount(), (i + 1) * d));
                if (items == null) {
                    f.setNull(i);
                } else {
                    f.setNotNull(i);
                }
            }
            case Float4Vector f -> {
                if (value == null) {
                    f.setNull(i);
                } else {
                    f.setSafe(i, ((Number) value).floatValue());
                }
            }
            case Float8Vector f -> {
                if (value == null) {
                    f.setNull(i);
                } else {
                    f.setSafe(i, ((Number) value).doubleValue());
                }
            }
            case SmallIntVector s -> {
                if (value == null) {
                    s.setNull(i);
                } else {
                    s.setSafe(i, ((Number) value).shortValue());
                }
            }
            case IntVector s -> {
                if (value == null) {
                    s.setNull(i);
                } else {
                    s.setSafe(i, ((Number) value).intValue());
                }
            }
            case BitVector b -> {
                if (value == null) {
                    b.setNull(i);
                } else {
                    b.setSafe(i, (Boolean) value ? 1 : 0);
                }
            }
            default -> throw new IllegalArgumentException("no filler for " + v.getClass());
        }
    }

    private Object garbage(FieldVector v, int i) {
        if (!garbageUnderNulls) {
            return null;
        }
        return switch (v) {
            case FixedSizeListVector f -> null;
            case BitVector b -> i % 2 == 0;
            default -> i * 3 + 1;
        };
    }

    /** A fixed-size-list row of {@code d} items from {@code item}, null items at {@code itemNulls}. */
    private static List<Object> row(SplittableRandom r, int d, double itemNulls, Function<SplittableRandom, Object> item) {
        List<Object> out = new ArrayList<>(d);
        for (int k = 0; k < d; k++) {
            out.add(r.nextDouble() < itemNulls ? null : item.apply(r));
        }
        return out;
    }

    /** Rows of lists: 10% null, 10% empty, else 1..maxLen fixed-size lists (15% of them null). */
    private static List<Object> listRows(int rows, long seed, int maxLen, Function<SplittableRandom, Object> fslRow) {
        return listRows(rows, seed, maxLen, 0.15, fslRow);
    }

    private static List<Object> listRows(int rows, long seed, int maxLen, double nullRows,
            Function<SplittableRandom, Object> fslRow) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            double u = r.nextDouble();
            if (u < 0.1) {
                out.add(null);
            } else if (u < 0.2) {
                out.add(List.of());
            } else {
                List<Object> l = new ArrayList<>();
                int n = 1 + r.nextInt(maxLen);
                for (int k = 0; k < n; k++) {
                    l.add(r.nextDouble() < nullRows ? null : fslRow.apply(r));
                }
                out.add(l);
            }
        }
        return out;
    }

    private VectorSchemaRoot root(Schema schema, List<List<Object>> columns) {
        VectorSchemaRoot root = track(VectorSchemaRoot.create(schema, allocator));
        root.allocateNew();
        int rows = columns.getFirst().size();
        for (int c = 0; c < columns.size(); c++) {
            FieldVector v = root.getVector(c);
            for (int i = 0; i < rows; i++) {
                fill(v, i, columns.get(c).get(i));
            }
            v.setValueCount(rows);
        }
        root.setRowCount(rows);
        return root;
    }

    /** jlance's file holds the rows and is official Lance's file byte for byte. */
    private Path sameAsOfficial(Schema schema, List<VectorSchemaRoot> batches) throws Exception {
        Path ours = newFile("jlance");
        Path official = newFile("official");
        OfficialReaderHarness.writeJlance(ours, schema, batches, WriteOptions.defaults());
        RenderedRows.assertFileRows(ours, batches, allocator);
        OfficialReaderHarness.writeOfficial(official, schema, batches, allocator);
        FixedSizeListParity.assertSamePages(official, ours);
        assertEquals(-1, Files.mismatch(official, ours), "jlance's file differs from official's at this byte");
        return ours;
    }

    private static PageLayout firstPage(Path file, int column) throws Exception {
        return LanceFileInspector.open(file).pageLayouts(column).getFirst();
    }

    @Test
    void listOfNarrowVectors() throws Exception {
        Schema schema = new Schema(List.of(list("l", fsl("item", 4, item(F32)))));
        List<VectorSchemaRoot> batches = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            batches.add(root(schema, List.of(listRows(700 + 300 * b, 10 + b, 5,
                    r -> row(r, 4, 0.1, x -> (float) x.nextGaussian())))));
        }
        Path ours = sameAsOfficial(schema, batches);
        PageLayout page = firstPage(ours, 0);
        assertTrue(page.hasMiniBlockLayout());
        assertEquals(1, page.getMiniBlockLayout().getRepetitionIndexDepth());
        assertTrue(page.getMiniBlockLayout().getValueCompression().getFixedSizeList().getHasValidity());
    }

    @Test
    void listOfWideVectors() throws Exception {
        Schema schema = new Schema(List.of(list("l", fsl("item", 128, item(F32)))));
        List<VectorSchemaRoot> batches = List.of(
                root(schema, List.of(listRows(300, 20, 4, r -> row(r, 128, 0.05, x -> (float) x.nextDouble())))),
                root(schema, List.of(listRows(50, 21, 3, r -> row(r, 128, 0, x -> (float) x.nextDouble())))));
        Path ours = sameAsOfficial(schema, batches);
        assertTrue(firstPage(ours, 0).hasFullZipLayout());
    }

    @Test
    void listOfNestedAndBooleanVectors() throws Exception {
        Schema schema = new Schema(List.of(
                list("n", fsl("item", 3, fsl("item", 2, item(new ArrowType.Int(16, true))))),
                list("b", fsl("item", 5, item(ArrowType.Bool.INSTANCE))),
                new Field("ll", FieldType.nullable(ArrowType.LargeList.INSTANCE), List.of(fsl("item", 2, item(F64))))));
        List<VectorSchemaRoot> batches = new ArrayList<>();
        for (int b = 0; b < 2; b++) {
            int rows = 500 + 77 * b;
            batches.add(root(schema, List.of(
                    listRows(rows, 30 + b, 4, r -> {
                        List<Object> lists = new ArrayList<>();
                        for (int k = 0; k < 3; k++) {
                            lists.add(r.nextDouble() < 0.1 ? null : row(r, 2, 0.1, x -> x.nextInt(1000)));
                        }
                        return lists;
                    }),
                    listRows(rows, 40 + b, 6, r -> row(r, 5, 0.1, SplittableRandom::nextBoolean)),
                    listRows(rows, 50 + b, 3, r -> row(r, 2, 0.2, SplittableRandom::nextDouble)))));
        }
        sameAsOfficial(schema, batches);
    }

    @Test
    void vectorsInAStruct() throws Exception {
        Field struct = new Field("s", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(
                fsl("v", 3, item(F32)), new Field("n", FieldType.nullable(new ArrowType.Int(32, true)), null),
                fsl("w", 100, item(F32))));
        Schema schema = new Schema(List.of(struct));
        SplittableRandom r = new SplittableRandom(60);
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < 900; i++) {
            if (r.nextDouble() < 0.1) {
                rows.add(null);
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("v", r.nextDouble() < 0.2 ? null : row(r, 3, 0.1, x -> (float) x.nextGaussian()));
            m.put("n", r.nextInt(100));
            m.put("w", r.nextDouble() < 0.2 ? null : row(r, 100, 0.02, x -> (float) x.nextGaussian()));
            rows.add(m);
        }
        Path ours = sameAsOfficial(schema, List.of(root(schema, List.of(rows))));
        assertTrue(firstPage(ours, 0).hasMiniBlockLayout());
        assertTrue(firstPage(ours, 2).hasFullZipLayout());
    }

    /**
     * Every item null inside lists (no vector null, so the items under them are null too):
     * official Lance writes a levels-only full-zip page that its reader returns as null vectors
     * (rows {@code [[null x4], ...]} come back {@code [null, ...]}); jlance stores the items with
     * their all-clear validity, which reads back exactly.
     */
    @Test
    void listOfVectorsWhoseItemsAreAllNull() throws Exception {
        garbageUnderNulls = false;
        Schema schema = new Schema(List.of(list("l", fsl("item", 4, item(F32)))));
        List<VectorSchemaRoot> batches = List.of(root(schema, List.of(listRows(400, 70, 3, 0.2,
                r -> Arrays.asList(null, null, null, null)))));
        Path ours = newFile("jlance");
        OfficialReaderHarness.writeJlance(ours, schema, batches, WriteOptions.defaults());
        RenderedRows.assertFileRows(ours, batches, allocator);
        PageLayout page = firstPage(ours, 0);
        assertTrue(page.getMiniBlockLayout().getValueCompression().getFixedSizeList().getHasValidity(), page.toString());
    }

    /**
     * Every item null in a struct, some structs and vectors null: official Lance's levels-only
     * page (its control words from the struct's and the vectors' levels) reads back exactly here.
     */
    @Test
    void vectorsWhoseItemsAreAllNullInAStruct() throws Exception {
        garbageUnderNulls = false;
        Field struct = new Field("s", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(
                fsl("v", 4, item(F32)), new Field("n", FieldType.nullable(new ArrowType.Int(32, true)), null)));
        Schema schema = new Schema(List.of(struct));
        SplittableRandom r = new SplittableRandom(61);
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            if (i % 7 == 3) {
                rows.add(null);
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("v", i % 5 == 1 ? null : Arrays.asList(null, null, null, null));
            m.put("n", r.nextInt(100));
            rows.add(m);
        }
        Path ours = sameAsOfficial(schema, List.of(root(schema, List.of(rows))));
        PageLayout page = firstPage(ours, 0);
        assertEquals(0, page.getFullZipLayout().getBitsPerValue());
        assertEquals(2, page.getFullZipLayout().getBitsDef());
    }

    /**
     * A layout forced on the top-level field applies to the vectors below it; a vector's own
     * setting is ignored, as official Lance ignores it.
     */
    @Test
    void layoutForcedOnTheEnclosingStruct() throws Exception {
        Field own = new Field("w", new FieldType(true, new ArrowType.FixedSizeList(3), null,
                Map.of("lance-encoding:structural-encoding", "miniblock")), List.of(item(F32)));
        Field struct = new Field("s", new FieldType(true, ArrowType.Struct.INSTANCE, null,
                Map.of("lance-encoding:structural-encoding", "fullzip")), List.of(fsl("v", 4, item(F32)), own));
        Schema schema = new Schema(List.of(struct));
        SplittableRandom r = new SplittableRandom(80);
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("v", r.nextDouble() < 0.1 ? null : row(r, 4, 0.1, x -> (float) x.nextGaussian()));
            m.put("w", row(r, 3, 0, x -> (float) x.nextGaussian()));
            rows.add(i % 11 == 5 ? null : m);
        }
        Path ours = sameAsOfficial(schema, List.of(root(schema, List.of(rows))));
        assertTrue(firstPage(ours, 0).hasFullZipLayout());
        assertTrue(firstPage(ours, 1).hasFullZipLayout());
    }

    /** Booleans cannot go to full-zip pages: forcing it from the enclosing struct fails the write, naming why. */
    @Test
    void forcedFullZipBooleansBelowAStructFailTheWrite() throws Exception {
        Field struct = new Field("s", new FieldType(true, ArrowType.Struct.INSTANCE, null,
                Map.of("lance-encoding:structural-encoding", "fullzip")), List.of(fsl("b", 16, item(ArrowType.Bool.INSTANCE))));
        Schema schema = new Schema(List.of(struct));
        SplittableRandom r = new SplittableRandom(81);
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(Map.of("b", row(r, 16, 0.1, SplittableRandom::nextBoolean)));
        }
        VectorSchemaRoot batch = root(schema, List.of(rows));
        Path file = newFile("refused");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> {
            try (dev.jlance.file.LanceFileWriter w = dev.jlance.file.LanceFileWriter.open(file, schema,
                    WriteOptions.defaults())) {
                w.write(batch);
            }
        });
        Throwable cause = e;
        while (cause.getCause() != null && !String.valueOf(cause.getMessage()).contains("booleans")) {
            cause = cause.getCause();
        }
        assertTrue(String.valueOf(cause.getMessage()).contains("booleans"), String.valueOf(e));
        assertTrue(Files.notExists(file));
    }
}
