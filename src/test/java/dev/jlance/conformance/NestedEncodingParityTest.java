package dev.jlance.conformance;

import static dev.jlance.conformance.NestedRoundTripTest.F64;
import static dev.jlance.conformance.NestedRoundTripTest.BOOL;
import static dev.jlance.conformance.NestedRoundTripTest.I32;
import static dev.jlance.conformance.NestedRoundTripTest.I64;
import static dev.jlance.conformance.NestedRoundTripTest.UTF8;
import static dev.jlance.conformance.NestedRoundTripTest.largeList;
import static dev.jlance.conformance.NestedRoundTripTest.leaf;
import static dev.jlance.conformance.NestedRoundTripTest.list;
import static dev.jlance.conformance.NestedRoundTripTest.obj;
import static dev.jlance.conformance.NestedRoundTripTest.row;
import static dev.jlance.conformance.NestedRoundTripTest.struct;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jlance.file.WriteOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nested columns written by the official 7.0.0 writer and by jlance from the same batches must give
 * the same pages: same layout messages (layer kinds, level compression, repetition index depth,
 * value encoding) and byte-identical page buffers (levels, chunks, repetition index). Data is
 * chosen where official's choices are deterministic (no FSST sampling). One flat case pins how
 * official cuts RLE chunks when a run crosses the cut.
 */
class NestedEncodingParityTest {

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

    record Case(String name, Schema schema, int rows, Function<Random, List<Object>> row) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Object maybe(Random r, int oneIn, Object value) {
        return r.nextInt(oneIn) == 0 ? null : value;
    }

    static List<Object> ints(Random r, int max) {
        List<Object> l = new ArrayList<>();
        for (int i = r.nextInt(max + 1); i > 0; i--) {
            l.add(maybe(r, 9, r.nextInt(1000)));
        }
        return l;
    }

    static Object deep(Random r, int depth) {
        if (depth == 0) {
            return maybe(r, 5, r.nextInt(100));
        }
        if (r.nextInt(9) == 0) {
            return null;
        }
        List<Object> l = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            l.add(deep(r, depth - 1));
        }
        return l;
    }

    static Field withMetadata(String name, org.apache.arrow.vector.types.pojo.ArrowType type, String key,
            String value) {
        return new Field(name, new org.apache.arrow.vector.types.pojo.FieldType(true, type, null,
                java.util.Map.of(key, value)), List.of());
    }

    static Field uncompressed(String name, org.apache.arrow.vector.types.pojo.ArrowType type) {
        return withMetadata(name, type, "lance-encoding:compression", "none");
    }

    static Stream<Arguments> cases() {
        Field deepField = leaf("item", I32, true);
        for (int d = 0; d < 4; d++) {
            deepField = list("item", true, deepField);
        }
        Field deepTop = list("deep", true, deepField);
        long[] previous = {0};
        return Stream.of(
                new Case("int64 runs crossing RLE chunk cuts", new Schema(List.of(leaf("v", I64, false))), 20_000,
                        r -> row(r.nextInt(3) == 0 ? (previous[0] = r.nextLong()) : previous[0])),
                new Case("list<int32?> small", new Schema(List.of(list("l", true, leaf("item", I32, true)))), 300,
                        r -> row(maybe(r, 8, ints(r, 5)))),
                new Case("list<int32?> 20k rows (bitpacked levels)",
                        new Schema(List.of(list("l", true, leaf("item", I32, true)))), 20_000,
                        r -> row(maybe(r, 8, ints(r, 5)))),
                new Case("list<int32> not null, no empties", new Schema(List.of(list("l", false,
                        leaf("item", I32, false)))), 5000, r -> {
                            List<Object> l = new ArrayList<>();
                            for (int i = 1 + r.nextInt(4); i > 0; i--) {
                                l.add(r.nextInt(50));
                            }
                            return row(l);
                        }),
                new Case("struct<int64, utf8?, struct<double?>>?", new Schema(List.of(struct("s", true,
                        leaf("a", I64, false), leaf("b", UTF8, true), struct("c", true, leaf("d", F64, true))))),
                        3000, r -> row(maybe(r, 6, obj("a", (long) r.nextInt(), "b", maybe(r, 3, "v" + r.nextInt(20)),
                                "c", maybe(r, 4, obj("d", maybe(r, 3, (double) r.nextInt(7)))))))),
                new Case("list<struct<int32, list<int64>>>", new Schema(List.of(list("l", true, struct("item", true,
                        leaf("x", I32, true), list("ys", true, leaf("item", I64, true)))))), 4000, r -> {
                            List<Object> l = new ArrayList<>();
                            for (int i = r.nextInt(4); i > 0; i--) {
                                List<Object> ys = new ArrayList<>();
                                for (int k = r.nextInt(3); k > 0; k--) {
                                    ys.add(maybe(r, 7, (long) r.nextInt(1 << 20)));
                                }
                                l.add(maybe(r, 6, obj("x", maybe(r, 5, r.nextInt(9)), "ys", maybe(r, 5, ys))));
                            }
                            return row(maybe(r, 10, l));
                        }),
                new Case("large_list<int64> long lists", new Schema(List.of(largeList("l", true,
                        leaf("item", I64, false)))), 40, r -> {
                            List<Object> l = new ArrayList<>();
                            for (int i = r.nextInt(6000); i > 0; i--) {
                                l.add((long) r.nextInt(100_000));
                            }
                            return row(maybe(r, 5, l));
                        }),
                new Case("list<utf8?> 300-byte strings (full-zip)", new Schema(List.of(list("l", true,
                        new Field("item", new org.apache.arrow.vector.types.pojo.FieldType(true, UTF8, null,
                                java.util.Map.of("lance-encoding:compression", "none")), List.of())))), 200, r -> {
                            List<Object> l = new ArrayList<>();
                            for (int i = r.nextInt(4); i > 0; i--) {
                                l.add(maybe(r, 5, "s".repeat(290) + r.nextInt(1_000_000)));
                            }
                            return row(maybe(r, 6, l));
                        }),
                new Case("list<utf8> longest 255 bytes (mini-block)", new Schema(List.of(list("l", true,
                        uncompressed("item", UTF8)))), 300, r -> row(maybe(r, 6, List.of("x".repeat(r.nextInt(256)))))),
                new Case("list<utf8> longest 256 bytes (full-zip)", new Schema(List.of(list("l", true,
                        uncompressed("item", UTF8)))), 300, r -> row(maybe(r, 6, List.of("x".repeat(
                                r.nextInt(10) == 0 ? 256 : r.nextInt(256)))))),
                new Case("struct<int32 forced full-zip, utf8 forced mini-block>", new Schema(List.of(struct("s", true,
                        withMetadata("a", I32, "lance-encoding:structural-encoding", "fullzip"),
                        withMetadata("b", UTF8, "lance-encoding:structural-encoding", "miniblock")))), 500,
                        r -> row(maybe(r, 5, obj("a", maybe(r, 4, r.nextInt()), "b", maybe(r, 4,
                                "y".repeat(200 + r.nextInt(300))))))),
                new Case("top-level list forced full-zip: its leaves follow", new Schema(List.of(new Field("l",
                        new org.apache.arrow.vector.types.pojo.FieldType(true, org.apache.arrow.vector.types.pojo
                                .ArrowType.List.INSTANCE, null, java.util.Map.of("lance-encoding:structural-encoding",
                                "fullzip")), List.of(leaf("item", I64, true))))), 800, r -> row(maybe(r, 5, ints(r, 4)
                                .stream().map(v -> v == null ? null : (Object) (long) (Integer) v).toList()))),
                new Case("struct<large_list<struct<list<utf8>>>>", new Schema(List.of(struct("c", false,
                        largeList("id", true, struct("item", true, list("xy", true, leaf("v", UTF8, false))))))), 400,
                        r -> {
                            List<Object> outer = new ArrayList<>();
                            for (int i = r.nextInt(4); i > 0; i--) {
                                List<Object> inner = new ArrayList<>();
                                for (int k = r.nextInt(5); k > 0; k--) {
                                    inner.add("s" + r.nextInt(30));
                                }
                                outer.add(maybe(r, 6, obj("xy", maybe(r, 5, inner))));
                            }
                            return row(obj("id", maybe(r, 7, outer)));
                        }),
                new Case("list<int32?> only null and empty lists", new Schema(List.of(list("l", true,
                        leaf("item", I32, true)))), 500, r -> row(r.nextBoolean() ? null : List.of())),
                new Case("list<int32?> all items null", new Schema(List.of(list("l", true,
                        leaf("item", I32, true)))), 500, r -> row(r.nextInt(3) == 0 ? null
                                : java.util.Arrays.asList(null, null))),
                new Case("five levels", new Schema(List.of(deepTop)), 1500, r -> row(deep(r, 5))),
                new Case("null-typed leaves below struct and list?", new Schema(List.of(
                        struct("s", false, leaf("n", org.apache.arrow.vector.types.pojo.ArrowType.Null.INSTANCE, true),
                                leaf("x", I32, true)),
                        list("l", true, leaf("item", org.apache.arrow.vector.types.pojo.ArrowType.Null.INSTANCE,
                                true)))), 400,
                        r -> row(obj("n", null, "x", maybe(r, 5, r.nextInt(100))),
                                maybe(r, 6, java.util.Arrays.asList(new Object[r.nextInt(4)])))),
                new Case("bool? and bool forced full-zip (a byte per value)", new Schema(List.of(
                        withMetadata("b", BOOL, "lance-encoding:structural-encoding", "fullzip"),
                        new Field("nn", new org.apache.arrow.vector.types.pojo.FieldType(false, BOOL, null,
                                java.util.Map.of("lance-encoding:structural-encoding", "fullzip")), List.of()))),
                        333, r -> row(maybe(r, 4, r.nextBoolean()), r.nextInt(7) == 0)),
                new Case("list<bool?> forced full-zip", new Schema(List.of(new Field("l",
                        new org.apache.arrow.vector.types.pojo.FieldType(true, org.apache.arrow.vector.types.pojo
                                .ArrowType.List.INSTANCE, null, java.util.Map.of("lance-encoding:structural-encoding",
                                "fullzip")), List.of(leaf("item", BOOL, true))))), 700, r -> {
                            List<Object> l = new ArrayList<>();
                            for (int i = r.nextInt(4); i > 0; i--) {
                                l.add(maybe(r, 5, r.nextBoolean()));
                            }
                            return row(maybe(r, 6, l));
                        }))
                .map(Arguments::of);
    }

    /** Pages whose batches differ in which layers have nulls (each batch its own page). */
    @org.junit.jupiter.api.Test
    void pagesWithDifferentLayerKinds() throws Exception {
        Schema schema = new Schema(List.of(struct("c", false,
                largeList("id", true, struct("item", true, list("xy", true, leaf("v", UTF8, false)))))));
        Random r = new Random(3);
        List<VectorSchemaRoot> batches = new ArrayList<>();
        try {
            for (int b = 0; b < 3; b++) {
                boolean nulls = b != 1;
                List<List<Object>> rows = new ArrayList<>();
                for (int i = 0; i < (b == 1 ? 3 : 50); i++) {
                    List<Object> outer = new ArrayList<>();
                    for (int k = 1 + r.nextInt(3); k > 0; k--) {
                        List<Object> inner = new ArrayList<>();
                        for (int j = 1 + r.nextInt(4); j > 0; j--) {
                            inner.add("s" + r.nextInt(30));
                        }
                        outer.add(nulls ? maybe(r, 6, obj("xy", maybe(r, 5, inner))) : obj("xy", inner));
                    }
                    rows.add(row(obj("id", nulls ? maybe(r, 7, outer) : outer)));
                }
                VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
                batches.add(root);
                root.allocateNew();
                for (int i = 0; i < rows.size(); i++) {
                    NestedRoundTripTest.fill(root.getVector(0), i, rows.get(i).get(0));
                }
                root.setRowCount(rows.size());
            }
            Path official = dir.resolve("official.lance");
            Path ours = dir.resolve("jlance.lance");
            WriteOptions small = WriteOptions.builder().cacheBytesPerColumn(64).build();
            OfficialReaderHarness.writeJlance(ours, schema, batches, small);
            try (org.lance.file.LanceFileWriter w = org.lance.file.LanceFileWriter.open(official.toString(), allocator,
                    null, java.util.Optional.of("2.1"), java.util.Map.of("cache_bytes_per_column", "64"))) {
                for (VectorSchemaRoot b : batches) {
                    w.write(b);
                }
            }
            Path keep = Path.of("target", "parity", "layer_kinds");
            java.nio.file.Files.createDirectories(keep);
            java.nio.file.Files.copy(official, keep.resolve("official.lance"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            java.nio.file.Files.copy(ours, keep.resolve("jlance.lance"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            RenderedRows.assertFileRows(ours, batches, allocator);
        } finally {
            batches.forEach(VectorSchemaRoot::close);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameNestedPagesAsOfficial(Case c) throws Exception {
        Random random = new Random(c.name().hashCode());
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < c.rows(); i++) {
            rows.add(c.row().apply(random));
        }
        VectorSchemaRoot root = VectorSchemaRoot.create(c.schema(), allocator);
        try {
            root.allocateNew();
            for (int r = 0; r < rows.size(); r++) {
                for (int col = 0; col < c.schema().getFields().size(); col++) {
                    NestedRoundTripTest.fill(root.getVector(col), r, rows.get(r).get(col));
                }
            }
            root.setRowCount(rows.size());
            for (FieldVector v : root.getFieldVectors()) {
                v.setValueCount(rows.size());
            }
            Path official = dir.resolve("official.lance");
            Path ours = dir.resolve("jlance.lance");
            OfficialReaderHarness.writeOfficial(official, c.schema(), List.of(root), allocator);
            OfficialReaderHarness.writeJlance(ours, c.schema(), List.of(root), WriteOptions.defaults());
            RenderedRows.assertFileRows(ours, List.of(root), allocator);
            // kept for lance_dump.py when the pages differ
            Path keep = Path.of("target", "parity", c.name().replaceAll("[^A-Za-z0-9]+", "_"));
            java.nio.file.Files.createDirectories(keep);
            java.nio.file.Files.copy(official, keep.resolve("official.lance"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            java.nio.file.Files.copy(ours, keep.resolve("jlance.lance"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            LanceFilePages theirs = LanceFilePages.read(official);
            LanceFilePages mine = LanceFilePages.read(ours);
            assertEquals(theirs.numColumns(), mine.numColumns(), "columns");
            for (int col = 0; col < theirs.numColumns(); col++) {
                List<LanceFilePages.Page> a = theirs.pages(col);
                List<LanceFilePages.Page> b = mine.pages(col);
                assertEquals(a.size(), b.size(), "pages of column " + col);
                for (int p = 0; p < a.size(); p++) {
                    String where = "column " + col + " page " + p;
                    assertEquals(a.get(p).layout(), b.get(p).layout(), where + " layout");
                    assertEquals(a.get(p).buffers().size(), b.get(p).buffers().size(), where + " buffers");
                    for (int buf = 0; buf < a.get(p).buffers().size(); buf++) {
                        assertArrayEquals(a.get(p).buffers().get(buf), b.get(p).buffers().get(buf),
                                where + " buffer " + buf);
                    }
                }
            }
        } finally {
            root.close();
        }
    }
}
