package dev.jlance.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.file.WriteOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-built nested columns (lists, large lists, structs and their combinations) written by
 * jlance and read back by the official reader: every row must come back as written. Rows are
 * compared through Arrow's own rendering of each value ({@code getObject}), which shows nulls at
 * every level, list lengths and leaf values.
 */
class NestedRoundTripTest {

    @TempDir
    Path dir;
    private BufferAllocator allocator;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void tearDown() {
        allocator.close();
    }

    // ---- schema helpers ----

    static Field leaf(String name, ArrowType type, boolean nullable) {
        return new Field(name, new FieldType(nullable, type, null), List.of());
    }

    static Field list(String name, boolean nullable, Field item) {
        return new Field(name, new FieldType(nullable, ArrowType.List.INSTANCE, null), List.of(item));
    }

    static Field largeList(String name, boolean nullable, Field item) {
        return new Field(name, new FieldType(nullable, ArrowType.LargeList.INSTANCE, null), List.of(item));
    }

    static Field struct(String name, boolean nullable, Field... children) {
        return new Field(name, new FieldType(nullable, ArrowType.Struct.INSTANCE, null), List.of(children));
    }

    static final ArrowType I32 = new ArrowType.Int(32, true);
    static final ArrowType BOOL = ArrowType.Bool.INSTANCE;
    static final ArrowType I64 = new ArrowType.Int(64, true);
    static final ArrowType F64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;

    // ---- data helpers: rows given as Java values (List for lists, Map for structs, null) ----

    /** Sets slot {@code index} of {@code v} to {@code value} ({@link NestedRows#fill}). */
    static void fill(FieldVector v, int index, Object value) {
        NestedRows.fill(v, index, value, NestedRows.UnderNullStruct.ZEROS);
    }

    VectorSchemaRoot batch(Schema schema, List<List<Object>> rows) {
        return NestedRows.batch(allocator, schema, rows);
    }

    static List<String> render(List<VectorSchemaRoot> batches) {
        return RenderedRows.render(batches);
    }

    /** Writes {@code batches} (closing them), reads them back and compares; returns the file. */
    Path roundTrip(Schema schema, List<VectorSchemaRoot> batches, WriteOptions options) throws Exception {
        Path file = dir.resolve("t" + System.nanoTime() + ".lance");
        try {
            OfficialReaderHarness.writeJlance(file, schema, batches, options);
            List<VectorSchemaRoot> back = OfficialReaderHarness.readAll(file, allocator, 997);
            try {
                List<String> expected = render(batches);
                List<String> actual = render(back);
                assertEquals(expected.size(), actual.size(), "rows");
                for (int i = 0; i < expected.size(); i++) {
                    assertEquals(expected.get(i), actual.get(i), "row " + i);
                }
            } finally {
                back.forEach(VectorSchemaRoot::close);
            }
        } finally {
            batches.forEach(VectorSchemaRoot::close);
        }
        return file;
    }

    Path roundTrip(Schema schema, List<List<Object>> rows) throws Exception {
        return roundTrip(schema, List.of(batch(schema, rows)), WriteOptions.defaults());
    }

    static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    static Map<String, Object> obj(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    // ---- cases ----

    @Test
    void listsOfIntegersWithNullAndEmptyLists() throws Exception {
        Schema schema = new Schema(List.of(list("l", true, leaf("item", I32, true))));
        roundTrip(schema, List.of(row(List.of(1, 2)), row((Object) null), row(List.of()),
                row(Arrays.asList(3, null)), row(List.of())));
    }

    @Test
    void listOfStructOfList() throws Exception {
        Field inner = list("tags", true, leaf("item", UTF8, true));
        Schema schema = new Schema(List.of(list("events", true,
                struct("item", true, leaf("id", I64, false), inner, leaf("score", F64, true)))));
        List<List<Object>> rows = new ArrayList<>();
        Random rnd = new Random(7);
        for (int r = 0; r < 500; r++) {
            if (rnd.nextInt(10) == 0) {
                rows.add(row((Object) null));
                continue;
            }
            List<Object> events = new ArrayList<>();
            int n = rnd.nextInt(5);
            for (int e = 0; e < n; e++) {
                if (rnd.nextInt(8) == 0) {
                    events.add(null);
                    continue;
                }
                List<Object> tags = rnd.nextInt(6) == 0 ? null : new ArrayList<>();
                if (tags != null) {
                    for (int t = rnd.nextInt(4); t > 0; t--) {
                        tags.add(rnd.nextInt(7) == 0 ? null : "tag" + rnd.nextInt(50));
                    }
                }
                events.add(obj("id", (long) rnd.nextInt(), "tags", tags, "score",
                        rnd.nextInt(5) == 0 ? null : rnd.nextDouble()));
            }
            rows.add(row(events));
        }
        roundTrip(schema, rows);
    }

    /**
     * Leaves below the same list and struct share the levels those layers make; each leaf's own
     * nulls must stay its own: a leaf with nulls comes before and after leaves without, over
     * several batches.
     */
    @Test
    void siblingLeavesUnderAListKeepTheirOwnNulls() throws Exception {
        Schema schema = new Schema(List.of(list("items", true, struct("item", true, leaf("a", I32, true),
                leaf("b", I64, false), leaf("c", UTF8, true), leaf("d", F64, false)))));
        Random rnd = new Random(19);
        List<VectorSchemaRoot> batches = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            List<List<Object>> rows = new ArrayList<>();
            for (int r = 0; r < 700 + 13 * b; r++) {
                if (rnd.nextInt(9) == 0) {
                    rows.add(row((Object) null));
                    continue;
                }
                List<Object> items = new ArrayList<>();
                for (int e = rnd.nextInt(5); e > 0; e--) {
                    items.add(rnd.nextInt(10) == 0 ? null : obj("a", rnd.nextInt(3) == 0 ? null : rnd.nextInt(),
                            "b", (long) rnd.nextInt(), "c", rnd.nextInt(4) == 0 ? null : "c" + rnd.nextInt(30),
                            "d", rnd.nextDouble()));
                }
                rows.add(row(items));
            }
            batches.add(batch(schema, rows));
        }
        roundTrip(schema, batches, WriteOptions.defaults());
    }

    @Test
    void fiveLevelsOfNesting() throws Exception {
        Field f = leaf("item", I32, true);
        for (int d = 0; d < 4; d++) {
            f = d % 2 == 0 ? list("item", true, f) : largeList("item", true, f);
        }
        Schema schema = new Schema(List.of(list("deep", true, f)));
        Random rnd = new Random(11);
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < 300; r++) {
            rows.add(row(randomNested(rnd, 5)));
        }
        roundTrip(schema, rows);
    }

    private static Object randomNested(Random rnd, int depth) {
        if (depth == 0) {
            return rnd.nextInt(6) == 0 ? null : rnd.nextInt(1000);
        }
        int k = rnd.nextInt(10);
        if (k == 0) {
            return null;
        }
        List<Object> l = new ArrayList<>();
        for (int i = rnd.nextInt(4); i > 0; i--) {
            l.add(randomNested(rnd, depth - 1));
        }
        return l;
    }

    /**
     * A nullable struct between an emptyable outer list and all-valid inner lists: official 7.0.0's
     * reader miscounts the inner lists when it reads the struct's validity, so jlance gives them a
     * definition level (official's own file of the second case cannot be read).
     */
    @Test
    void nullableStructBetweenEmptyOuterListsAndAllValidInnerLists() throws Exception {
        Schema schema = new Schema(List.of(list("c", false, struct("item", true,
                list("a", false, list("item", false, leaf("element", I64, false)))))));
        roundTrip(schema, List.of(row(List.of())));
        List<List<Object>> rows = new ArrayList<>();
        Random rnd = new Random(17);
        for (int r = 0; r < 400; r++) {
            List<Object> outer = new ArrayList<>();
            for (int i = rnd.nextInt(3); i > 0; i--) {
                List<Object> a = new ArrayList<>();
                for (int j = 1 + rnd.nextInt(2); j > 0; j--) {
                    List<Object> inner = new ArrayList<>();
                    for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                        inner.add((long) rnd.nextInt(1000));
                    }
                    a.add(inner);
                }
                outer.add(rnd.nextInt(5) == 0 ? null : obj("a", a));
            }
            rows.add(row(outer));
        }
        roundTrip(schema, rows);
    }

    /**
     * Fixed-width full-zip pages (256-byte values) of a nullable leaf in lists, some pages with
     * nulls (or only nulls), some without, read in one go: official 7.0.0's reader sizes the
     * validity of an all-valid layer of such a page by its rows, so jlance keeps nullable layers
     * nullable there, with a definition stream even when no level is set.
     */
    @Test
    void fixedWidthFullZipPagesWithAndWithoutNulls() throws Exception {
        ArrowType fsb = new ArrowType.FixedSizeBinary(256);
        Schema schema = new Schema(List.of(largeList("l", false, leaf("item", fsb, true)),
                list("s", true, struct("item", true, list("v", false, leaf("item", fsb, false))))));
        Random rnd = new Random(23);
        List<VectorSchemaRoot> batches = new ArrayList<>();
        for (int b = 0; b < 5; b++) {
            List<List<Object>> rows = new ArrayList<>();
            for (int r = b == 3 ? 1 : 2 + rnd.nextInt(4); r > 0; r--) {
                List<Object> l = new ArrayList<>();
                List<Object> s = new ArrayList<>();
                for (int i = b == 3 ? 40 : rnd.nextInt(4); i > 0; i--) {
                    byte[] v = new byte[256];
                    rnd.nextBytes(v);
                    // batch 0: only nulls; batches 1 and 3: no nulls; others: some
                    l.add(b == 0 || (b % 2 == 0 && rnd.nextInt(3) == 0) ? null : v);
                    s.add(b == 2 && rnd.nextInt(3) == 0 ? null : obj("v", List.of(v, v)));
                }
                rows.add(row(l, s));
            }
            batches.add(batch(schema, rows));
        }
        roundTrip(schema, batches, WriteOptions.builder().cacheBytesPerColumn(1).build());
    }

    /**
     * Non-null lists of lists without an empty list: pages without any definition level. Official
     * 7.0.0's reader mis-unravels such a page when a read spans it and the page before, so jlance
     * gives these pages a definition stream; mini-block and full-zip (300-byte strings) pages.
     */
    @Test
    void nestedListsWithoutNullsOrEmptiesAcrossPages() throws Exception {
        Schema schema = new Schema(List.of(largeList("f", false, largeList("v", false, leaf("item", F64, false))),
                list("s", false, list("v", false, list("w", false, leaf("item", UTF8, false))))));
        Random rnd = new Random(29);
        List<VectorSchemaRoot> batches = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            List<List<Object>> rows = new ArrayList<>();
            for (int r = b == 1 ? 1 : 3 + rnd.nextInt(12); r > 0; r--) {
                List<Object> f = new ArrayList<>();
                List<Object> s = new ArrayList<>();
                for (int i = 1 + rnd.nextInt(4); i > 0; i--) {
                    List<Object> v = new ArrayList<>();
                    for (int j = 1 + rnd.nextInt(12); j > 0; j--) {
                        v.add(rnd.nextDouble());
                    }
                    f.add(v);
                    s.add(List.of(List.of("x".repeat(300) + rnd.nextInt()), List.of("y", "z".repeat(260))));
                }
                rows.add(row(f, s));
            }
            batches.add(batch(schema, rows));
        }
        roundTrip(schema, batches, WriteOptions.builder().cacheBytesPerColumn(600).build());
    }

    /**
     * Null lists under a nullable struct, with values of 300 bytes (full-zip by size) and one of 40 KB
     * (too big for a mini-block chunk). Official 7.0.0's full-zip reader counts a nullable struct's
     * definition level as visible, so such a page goes mini-block when it fits; when it does not, it
     * is full-zip with the struct layer all-valid (as official writes it) if the page has no struct
     * null, and refused naming the column if it has.
     */
    @Test
    void nullListsUnderANullableStructAndTheFullZipReader() throws Exception {
        Schema schema = new Schema(List.of(list("c", false, struct("item", true,
                list("payload", true, leaf("v", UTF8, true))))));
        java.util.function.IntFunction<List<List<Object>>> rows = big -> {
            List<List<Object>> out = new ArrayList<>();
            for (int r = 0; r < 30; r++) {
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    Object payload = (r + i) % 4 == 0 ? null
                            : Arrays.asList("p".repeat(300) + r + "/" + i, null, big > 0 && r == 6 && i == 1 ? noise(big)
                                    : "q" + r + "/" + i);
                    items.add(big < 0 && (r + i) % 5 == 0 ? null : obj("payload", payload));
                }
                out.add(row(items));
            }
            return out;
        };
        // struct nulls, 300-byte values: mini-block
        List<List<Object>> small = rows.apply(-1);
        Path file = roundTrip(schema, small);
        assertTrue(LanceFilePages.read(file).pages(0).getFirst().layout().hasMiniBlockLayout());
        // no struct null, a 40 KB value: full-zip with the struct layer all-valid
        file = roundTrip(schema, rows.apply(40_000));
        var layout = LanceFilePages.read(file).pages(0).getFirst().layout();
        assertTrue(layout.hasFullZipLayout(), () -> "layout " + layout);
        assertEquals(dev.jlance.format.pb.Encodings21.RepDefLayer.REPDEF_ALL_VALID_ITEM,
                layout.getFullZipLayout().getLayers(2), "the struct layer");
        // struct nulls and a 40 KB value: no layout fits, the write fails naming the column
        List<List<Object>> both = rows.apply(40_000);
        both.set(3, row(Arrays.asList(null, obj("payload", null))));
        Path refused = dir.resolve("refused.lance");
        List<VectorSchemaRoot> batches = List.of(batch(schema, both));
        try {
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                    () -> OfficialReaderHarness.writeJlance(refused, schema, batches, WriteOptions.defaults()));
            assertTrue(String.valueOf(e.getMessage()).contains("c.item.payload.v"), e::toString);
            assertTrue(!java.nio.file.Files.exists(refused), "no file may be left at the path");
        } finally {
            batches.forEach(VectorSchemaRoot::close);
        }
    }

    /** {@code n} characters that no compression shrinks much. */
    private static String noise(int n) {
        Random r = new Random(n);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('!' + r.nextInt(94)));
        }
        return b.toString();
    }

    /**
     * A null where the schema says a field cannot be null fails the write, naming the field and the
     * row (official refuses such data too); a non-nullable child may still be null under a null parent.
     */
    @Test
    void nullsInNonNullableFieldsFailTheWriteNamingTheField() throws Exception {
        record Bad(Schema schema, List<List<Object>> rows, String path, String row) {
        }
        List<Bad> bad = List.of(
                new Bad(new Schema(List.of(list("l", true, leaf("item", I32, false)))),
                        List.of(row(List.of(1)), row(Arrays.asList(2, null))), "'l.item'", "row 1 "),
                new Bad(new Schema(List.of(struct("s", true, leaf("x", I32, false)))),
                        List.of(row((Object) null), row(obj("x", 1)), row(Arrays.asList(obj("x", null)).getFirst())),
                        "'s.x'", "row 2 "),
                new Bad(new Schema(List.of(struct("s", false, list("m", false, leaf("item", I32, true))))),
                        List.of(row(obj("m", List.of())), row(obj("m", null))), "'s.m'", "row 1 "),
                new Bad(new Schema(List.of(list("o", false, list("i", false, leaf("item", I64, true))))),
                        List.of(row(List.of(List.of(1L))), row(List.of()), row(Arrays.asList(List.of(2L), null))),
                        "'o.i'", "row 2 "));
        for (Bad b : bad) {
            Path file = dir.resolve("nonnull.lance");
            List<VectorSchemaRoot> batches = List.of(batch(b.schema(), b.rows()));
            try {
                Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                        () -> OfficialReaderHarness.writeJlance(file, b.schema(), batches, WriteOptions.defaults()));
                assertTrue(e.getMessage().contains(b.path()) && e.getMessage().contains(b.row()), e::toString);
                assertTrue(!java.nio.file.Files.exists(file), "no file may be left at the path");
            } finally {
                batches.forEach(VectorSchemaRoot::close);
            }
        }
        // nulls in a non-nullable child where the struct itself is null are fine
        Schema schema = new Schema(List.of(struct("s", true, leaf("x", I32, false), list("m", false,
                leaf("item", I32, false)))));
        VectorSchemaRoot root = batch(schema, List.of(row(obj("x", 1, "m", List.of(2))), row((Object) null)));
        StructVector sv = (StructVector) root.getVector(0);
        sv.getChildrenFromFields().forEach(c -> c.setNull(1));
        roundTrip(schema, List.of(root), WriteOptions.defaults());
    }

    @Test
    void structsNullableAndNot() throws Exception {
        Schema schema = new Schema(List.of(
                struct("loc", true, leaf("lat", F64, true), leaf("lon", F64, false),
                        struct("city", true, leaf("name", UTF8, true), leaf("pop", I64, true))),
                struct("req", false, leaf("a", I32, false), leaf("b", UTF8, true))));
        List<List<Object>> rows = new ArrayList<>();
        Random rnd = new Random(3);
        for (int r = 0; r < 2000; r++) {
            Object loc = rnd.nextInt(7) == 0 ? null : obj("lat", rnd.nextInt(5) == 0 ? null : rnd.nextDouble(), "lon",
                    rnd.nextDouble(), "city", rnd.nextInt(4) == 0 ? null
                            : obj("name", rnd.nextInt(3) == 0 ? null : "c" + rnd.nextInt(100), "pop",
                                    rnd.nextInt(3) == 0 ? null : (long) rnd.nextInt()));
            rows.add(row(loc, obj("a", r, "b", rnd.nextInt(2) == 0 ? null : "x" + r)));
        }
        roundTrip(schema, rows);
    }

    @Test
    void longStringsInListsUseFullZip() throws Exception {
        Schema schema = new Schema(List.of(list("docs", true, leaf("item", UTF8, true))));
        Random rnd = new Random(5);
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < 200; r++) {
            if (rnd.nextInt(8) == 0) {
                rows.add(row((Object) null));
                continue;
            }
            List<Object> docs = new ArrayList<>();
            for (int i = rnd.nextInt(4); i > 0; i--) {
                docs.add(rnd.nextInt(5) == 0 ? null : "d".repeat(250 + rnd.nextInt(200)) + r);
            }
            rows.add(row(docs));
        }
        roundTrip(schema, rows);
    }

    @Test
    void onlyEmptyAndNullLists() throws Exception {
        Schema schema = new Schema(List.of(list("l", true, leaf("item", I64, true)),
                struct("s", true, list("m", true, leaf("item", UTF8, true)))));
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < 100; r++) {
            rows.add(row(r % 3 == 0 ? null : List.of(), r % 4 == 0 ? null : obj("m", r % 5 == 0 ? null : List.of())));
        }
        roundTrip(schema, rows);
    }

    @Test
    void allNullLeavesUnderLists() throws Exception {
        Schema schema = new Schema(List.of(list("l", true, leaf("item", I32, true))));
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < 100; r++) {
            rows.add(row(r % 3 == 0 ? null : Arrays.asList(null, null)));
        }
        roundTrip(schema, rows);
    }

    /**
     * 200,000 rows with a value every 50,000: a mini-block chunk would hold ~50,000 levels, more
     * than its u16 count and its 32 KiB allow (official Lance 7.0.0 crashes here). jlance writes
     * such pages full-zip, which has no chunks.
     */
    @Test
    void sparseListsOverflowingMiniBlockChunksSwitchToFullZip() throws Exception {
        Schema schema = new Schema(List.of(list("sparse", true, leaf("item", I32, true)),
                list("words", true, leaf("item", UTF8, true))));
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < 200_000; r++) {
            boolean value = r % 50_000 == 7;
            rows.add(row(value ? List.of(r) : (r % 2 == 0 ? null : List.of()),
                    value ? List.of("w" + r) : (r % 3 == 0 ? null : List.of())));
        }
        Path file = dir.resolve("sparse.lance");
        List<VectorSchemaRoot> batches = List.of(batch(schema, rows));
        List<String> expected = render(batches);
        try {
            OfficialReaderHarness.writeJlance(file, schema, batches, WriteOptions.defaults());
        } finally {
            batches.forEach(VectorSchemaRoot::close);
        }
        LanceFilePages pages = LanceFilePages.read(file);
        for (int c = 0; c < 2; c++) {
            for (LanceFilePages.Page p : pages.pages(c)) {
                assertTrue(p.layout().hasFullZipLayout(), "column " + c + ": " + p.layout());
            }
        }
        List<VectorSchemaRoot> back = OfficialReaderHarness.readAll(file, allocator, 997);
        try {
            assertEquals(expected, render(back));
        } finally {
            back.forEach(VectorSchemaRoot::close);
        }
    }

    /**
     * Sparse boolean lists overflow mini-block chunks like any other: their page goes full-zip, where
     * official Lance keeps booleans as one byte each.
     */
    @Test
    void sparseBooleanListsGoFullZipAsBytes() throws Exception {
        Schema schema = new Schema(List.of(list("flags", true, leaf("item", BOOL, true))));
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < 100_000; r++) {
            rows.add(row(r % 40_000 == 0 ? java.util.Arrays.asList(true, null, false, true)
                    : r % 3 == 0 ? null : List.of()));
        }
        Path file = roundTrip(schema, rows);
        for (LanceFilePages.Page p : LanceFilePages.read(file).pages(0)) {
            assertTrue(p.layout().hasFullZipLayout(), () -> "page " + p.layout());
            assertEquals(8, p.layout().getFullZipLayout().getBitsPerValue(), "a byte per boolean");
        }
    }

    /**
     * Offsets that do not start at 0, a null list whose offsets span values ("garbage" that must not
     * be written), child vectors longer than their parents reference, and strings whose offsets do
     * not start at 0 either.
     */
    @Test
    void slicedOffsetsAndGarbageUnderNullLists() throws Exception {
        Schema schema = new Schema(List.of(list("l", true, leaf("item", I32, true)),
                list("s", true, leaf("item", UTF8, true))));
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        root.allocateNew();
        ListVector l = (ListVector) root.getVector("l");
        ListVector s = (ListVector) root.getVector("s");
        for (int r = 0; r < 4; r++) {
            l.startNewValue(r);
            l.endValue(r, 0);
            s.startNewValue(r);
            s.endValue(r, 0);
        }
        l.setNull(1);
        s.setNull(1);
        root.setRowCount(4);
        // children filled after the lists' value counts are set (which would truncate them)
        IntVector items = (IntVector) l.getDataVector();
        VarCharVector words = (VarCharVector) s.getDataVector();
        for (int i = 0; i < 12; i++) {
            items.setSafe(i, 100 + i);
            words.setSafe(i, ("w" + i).getBytes(StandardCharsets.UTF_8));
        }
        items.setNull(8);
        items.setValueCount(12);
        words.setValueCount(12);
        int[] offsets = {2, 4, 7, 7, 10};
        for (int i = 0; i < offsets.length; i++) {
            l.getOffsetBuffer().setInt(i * 4L, offsets[i]);
            s.getOffsetBuffer().setInt(i * 4L, offsets[i] + 1);
        }
        List<String> expected = List.of(
                "l=[102,103] | s=[\"w3\",\"w4\"] | ",
                "l=null | s=null | ",
                "l=[] | s=[] | ",
                "l=[107,null,109] | s=[\"w8\",\"w9\",\"w10\"] | ");
        assertEquals(expected, render(List.of(root)), "test data as Arrow sees it");
        roundTrip(schema, List.of(root), WriteOptions.defaults());
    }

    @Test
    void veryLongList() throws Exception {
        Schema schema = new Schema(List.of(list("long", false, leaf("item", I64, false))));
        List<Object> big = new ArrayList<>();
        for (long i = 0; i < 300_000; i++) {
            big.add(i * 31);
        }
        roundTrip(schema, List.of(row(big), row(List.of(1L)), row(big.subList(0, 5000))));
    }

    @Test
    void manyBatchesAndPages() throws Exception {
        Schema schema = new Schema(List.of(list("l", true, struct("item", true, leaf("v", I32, true),
                list("w", true, leaf("item", UTF8, true))))));
        Random rnd = new Random(99);
        List<VectorSchemaRoot> batches = new ArrayList<>();
        for (int b = 0; b < 6; b++) {
            List<List<Object>> rows = new ArrayList<>();
            for (int r = rnd.nextInt(3) == 0 ? 0 : 700; r > 0; r--) {
                List<Object> l = new ArrayList<>();
                for (int i = rnd.nextInt(4); i > 0; i--) {
                    l.add(rnd.nextInt(6) == 0 ? null : obj("v", rnd.nextInt(4) == 0 ? null : rnd.nextInt(),
                            "w", rnd.nextInt(4) == 0 ? null : List.of("a" + rnd.nextInt(9), "b")));
                }
                rows.add(row(rnd.nextInt(9) == 0 ? null : l));
            }
            batches.add(batch(schema, rows));
        }
        roundTrip(schema, batches, WriteOptions.builder().cacheBytesPerColumn(4096).build());
    }
}
