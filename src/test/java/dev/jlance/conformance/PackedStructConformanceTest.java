package dev.jlance.conformance;

import static dev.jlance.conformance.NestedRows.list;
import static dev.jlance.conformance.NestedRows.leaf;
import static dev.jlance.conformance.NestedRows.obj;
import static dev.jlance.conformance.NestedRows.row;
import static dev.jlance.conformance.NestedRows.struct;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.conformance.NestedRows.UnderNullStruct;
import dev.jlance.file.WriteOptions;
import dev.jlance.format.pb.Encodings21.MiniBlockLayout;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/**
 * Packed structs ({@code lance-encoding:packed=true}): one column per struct whose values are the
 * children's bytes side by side, {@code packed_struct{bits_per_value, flat}} in mini-blocks, read
 * back by the official 7.0.0 reader, and byte-identical to the official writer's file where both
 * can write the data.
 */
class PackedStructConformanceTest extends ConformanceTestBase {

    static final Map<String, String> PACKED = Map.of("lance-encoding:packed", "true");
    static final ArrowType I8 = new ArrowType.Int(8, true);
    static final ArrowType I16 = new ArrowType.Int(16, true);
    static final ArrowType I32 = new ArrowType.Int(32, true);
    static final ArrowType I64 = new ArrowType.Int(64, true);
    static final ArrowType U16 = new ArrowType.Int(16, false);
    static final ArrowType U64 = new ArrowType.Int(64, false);
    static final ArrowType F32 = new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
    static final ArrowType F64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);

    /** Every kind of child official Lance packs, nullable struct, nulls, several batches and pages. */
    @Test
    void everyFixedWidthChildKindOverPagesAndBatches() throws Exception {
        Field p = struct("p", true, PACKED, leaf("a", I8, false), leaf("b", I16, false), leaf("c", U16, false),
                leaf("d", I32, false), leaf("e", I64, false), leaf("f", U64, false), leaf("g", F32, false),
                leaf("h", F64, true), leaf("dec", new ArrowType.Decimal(20, 3, 128), false),
                leaf("day", new ArrowType.Date(DateUnit.DAY), false),
                leaf("ts", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"), false),
                leaf("fsb", new ArrowType.FixedSizeBinary(5), false));
        Schema schema = new Schema(List.of(leaf("id", I32, false), p));
        Random rnd = new Random(41);
        List<VectorSchemaRoot> batches = new ArrayList<>();
        int[] sizes = {3000, 1, 0, 4500, 17};
        int id = 0;
        for (int size : sizes) {
            List<List<Object>> rows = new ArrayList<>();
            for (int r = 0; r < size; r++, id++) {
                Object value = rnd.nextInt(9) == 0 ? null : obj("a", rnd.nextInt(256) - 128, "b", rnd.nextInt(), "c",
                        rnd.nextInt(65536), "d", rnd.nextInt(), "e", rnd.nextLong(), "f", rnd.nextLong(), "g",
                        rnd.nextFloat(), "h", Double.longBitsToDouble(rnd.nextLong()), "dec",
                        BigDecimal.valueOf(rnd.nextLong() % 1_000_000_000_000L, 3), "day", rnd.nextInt(40000),
                        "ts", rnd.nextLong(), "fsb", new byte[] {(byte) r, 1, 2, 3, (byte) id});
                rows.add(row(id, value));
            }
            batches.add(track(NestedRows.batch(allocator, schema, rows)));
        }
        Path file = newFile("packed");
        OfficialReaderHarness.writeJlance(file, schema, batches, WriteOptions.builder().cacheBytesPerColumn(20_000).build());
        NestedRows.assertReadsBack(file, schema, batches, allocator);

        LanceFilePages pages = LanceFilePages.read(file);
        assertEquals(2, pages.numColumns(), "id and the packed struct: its children get no column");
        assertTrue(pages.numPages(1) > 2, "several pages: " + pages.numPages(1));
        for (LanceFilePages.Page page : pages.pages(1)) {
            MiniBlockLayout layout = page.layout().getMiniBlockLayout();
            var packed = layout.getValueCompression().getPackedStruct();
            assertEquals(List.of(8L, 16L, 16L, 32L, 64L, 64L, 32L, 64L, 128L, 32L, 64L, 40L), packed.getBitsPerValueList());
            assertEquals(560, packed.getValues().getFlat().getBitsPerValue());
        }
    }

    @Test
    void sameFileAsTheOfficialWriter() throws Exception {
        Schema schema = new Schema(List.of(
                struct("p", true, PACKED, leaf("x", I32, false), leaf("y", F64, true), leaf("z", I8, false)),
                struct("q", false, Map.of("packed", "TRUE"), leaf("k", I64, false)),
                list("l", true, struct("item", true, PACKED, leaf("u", U16, false), leaf("v", F32, false))),
                struct("o", true, null, leaf("n", I32, true), struct("w", true, PACKED, leaf("a", I64, false),
                        leaf("b", I16, false)))));
        Random rnd = new Random(5);
        List<List<List<Object>>> batchRows = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            List<List<Object>> rows = new ArrayList<>();
            for (int r = 0; r < 700 + b * 300; r++) {
                List<Object> items = null;
                if (rnd.nextInt(6) != 0) {
                    items = new ArrayList<>();
                    for (int i = rnd.nextInt(4); i > 0; i--) {
                        items.add(rnd.nextInt(5) == 0 ? null : obj("u", rnd.nextInt(65536), "v", rnd.nextFloat()));
                    }
                }
                Object o = rnd.nextInt(7) == 0 ? null : obj("n", rnd.nextInt(3) == 0 ? null : rnd.nextInt(),
                        "w", rnd.nextInt(4) == 0 ? null : obj("a", rnd.nextLong(), "b", rnd.nextInt(1000)));
                rows.add(row(rnd.nextInt(5) == 0 ? null : obj("x", rnd.nextInt(), "y", rnd.nextDouble(), "z", r % 100),
                        obj("k", (long) r * r), items, o));
            }
            batchRows.add(rows);
        }
        // One file per field: official's reader cannot read columns after a packed struct, so jlance
        // refuses them (columnsAfterAPackedStructAreRefusedBecauseOfficialCannotReadThem).
        for (int f = 0; f < schema.getFields().size(); f++) {
            Schema one = new Schema(List.of(schema.getFields().get(f)));
            List<VectorSchemaRoot> batches = new ArrayList<>();
            for (List<List<Object>> rows : batchRows) {
                List<List<Object>> column = new ArrayList<>();
                for (List<Object> r : rows) {
                    column.add(row(r.get(f)));
                }
                batches.add(track(NestedRows.batch(allocator, one, column)));
            }
            Path official = newFile("official" + f);
            Path ours = newFile("jlance" + f);
            OfficialReaderHarness.writeOfficial(official, one, batches, allocator);
            OfficialReaderHarness.writeJlance(ours, one, batches, WriteOptions.defaults());
            LanceFilePages a = LanceFilePages.read(official);
            LanceFilePages b = LanceFilePages.read(ours);
            assertEquals(a.numColumns(), b.numColumns());
            for (int c = 0; c < a.numColumns(); c++) {
                assertSamePages(a, b, c);
            }
            RenderedRows.assertFileRows(ours, batches, allocator);
        }
    }

    private static void assertSamePages(LanceFilePages expected, LanceFilePages actual, int column) throws Exception {
        assertEquals(expected.numPages(column), actual.numPages(column), "pages of column " + column);
        for (int p = 0; p < expected.numPages(column); p++) {
            LanceFilePages.Page e = expected.page(column, p);
            LanceFilePages.Page g = actual.page(column, p);
            assertEquals(e.layout(), g.layout(), "layout of page " + p + " of column " + column);
            assertEquals(e.rows(), g.rows());
            assertEquals(e.priority(), g.priority());
            assertEquals(e.buffers().size(), g.buffers().size());
            for (int k = 0; k < e.buffers().size(); k++) {
                assertArrayEquals(e.buffers().get(k), g.buffers().get(k), "buffer " + k + " of page " + p + " of column "
                        + column);
            }
        }
    }

    /** Each field its own file, so that the packed struct is the last column (see the reader limitation below). */
    @Test
    void packedStructsInListsAndStructs() throws Exception {
        Field packed = struct("item", true, PACKED, leaf("x", I32, false), leaf("y", F64, false));
        List<Field> fields = List.of(
                list("l", true, packed),
                struct("s", true, null, leaf("k", I32, true),
                        struct("p", true, PACKED, leaf("a", I64, false), leaf("b", I8, false))),
                list("ll", true, struct("item", true, null, list("inner", true,
                        struct("item", false, PACKED, leaf("c", I16, false))))));
        Random rnd = new Random(17);
        for (Field field : fields) {
            Schema schema = new Schema(List.of(leaf("id", I32, false), field));
            List<VectorSchemaRoot> batches = new ArrayList<>();
            for (int b = 0; b < 4; b++) {
                List<List<Object>> rows = new ArrayList<>();
                for (int r = 0; r < 900; r++) {
                    Object value = switch (field.getName()) {
                        case "l" -> randomList(rnd, () -> obj("x", rnd.nextInt(), "y", rnd.nextDouble()));
                        case "s" -> rnd.nextInt(8) == 0 ? null : obj("k", rnd.nextInt(3) == 0 ? null : r,
                                "p", rnd.nextInt(5) == 0 ? null : obj("a", rnd.nextLong(), "b", rnd.nextInt(100)));
                        default -> randomList(rnd, () -> obj("inner", randomList(rnd, false,
                                () -> obj("c", rnd.nextInt(30000)))));
                    };
                    rows.add(row(r, value));
                }
                batches.add(track(NestedRows.batch(allocator, schema, rows)));
            }
            Path file = newFile(field.getName());
            OfficialReaderHarness.writeJlance(file, schema, batches,
                    WriteOptions.builder().cacheBytesPerColumn(8000).build());
            NestedRows.assertReadsBack(file, schema, batches, allocator);
            LanceFilePages pages = LanceFilePages.read(file);
            int last = pages.numColumns() - 1;
            assertTrue(pages.numPages(last) > 1, field.getName() + ": several pages");
            assertTrue(pages.page(last, 0).layout().getMiniBlockLayout().getValueCompression().hasPackedStruct(),
                    field.getName() + ": packed rows");
        }
    }

    /**
     * Official Lance 7.0.0's reader counts a packed struct's children as columns of their own when
     * it numbers the columns of a file (its writer gives the struct one column), so it fails to read
     * anything that comes after a packed struct, even in official's own files. jlance never writes a
     * file the reader rejects: such a schema is refused at open, naming the packed struct and the
     * column after it.
     */
    @Test
    void columnsAfterAPackedStructAreRefusedBecauseOfficialCannotReadThem() throws Exception {
        Schema schema = new Schema(List.of(leaf("a", I32, false),
                struct("p", true, PACKED, leaf("x", I32, false), leaf("y", I32, false)), leaf("b", I32, true)));
        List<VectorSchemaRoot> batches = List.of(track(NestedRows.batch(allocator, schema,
                List.of(row(1, obj("x", 2, "y", 3), 4), row(5, null, null)))));
        Path official = newFile("official");
        OfficialReaderHarness.writeOfficial(official, schema, batches, allocator);
        try (org.lance.file.LanceFileReader reader = org.lance.file.LanceFileReader.open(official.toString(), allocator)) {
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                    () -> reader.readAll(List.of("b"), null, 100).close());
            assertTrue(e.getMessage().contains("column index 4 but there are only 3 columns"), e.getMessage());
        }
        NestedRows.assertRefusedAtOpen(newDir("after"), schema, "p", "last column", "'b' follows it");
        // as the last column it is fine
        Schema last = new Schema(List.of(leaf("a", I32, false),
                struct("p", true, PACKED, leaf("x", I32, false), leaf("y", I32, false))));
        List<VectorSchemaRoot> lastBatches = List.of(track(NestedRows.batch(allocator, last,
                List.of(row(1, obj("x", 2, "y", 3)), row(5, null)))));
        Path ours = newFile("jlance");
        OfficialReaderHarness.writeJlance(ours, last, lastBatches, WriteOptions.defaults());
        Path theirs = newFile("official-last");
        OfficialReaderHarness.writeOfficial(theirs, last, lastBatches, allocator);
        assertArrayEquals(Files.readAllBytes(theirs), Files.readAllBytes(ours));
        RenderedRows.assertFileRows(ours, lastBatches, allocator);
    }

    private static Object randomList(Random rnd, java.util.function.Supplier<Object> item) {
        return randomList(rnd, true, item);
    }

    private static Object randomList(Random rnd, boolean nullItems, java.util.function.Supplier<Object> item) {
        int k = rnd.nextInt(8);
        if (k == 0) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        for (int i = k == 1 ? 0 : rnd.nextInt(5); i > 0; i--) {
            out.add(nullItems && rnd.nextInt(6) == 0 ? null : item.get());
        }
        return out;
    }

    /**
     * Nulls in the children of null struct rows (how Arrow builders often fill them): nothing of
     * them is stored, and official Lance reads the rows back. (Official Lance 7.0.0 itself refuses
     * any child null in format 2.1.)
     */
    @Test
    void childNullsUnderNullStructRowsAreIgnored() throws Exception {
        Schema schema = new Schema(List.of(struct("p", true, PACKED, leaf("x", I32, true), leaf("y", F64, true))));
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < 1000; r++) {
            rows.add(row(r % 3 == 0 ? null : obj("x", r, "y", r / 4.0)));
        }
        List<VectorSchemaRoot> batches = List.of(track(NestedRows.batch(allocator, schema, rows, UnderNullStruct.NULLS)));
        Path file = newFile("nullchildren");
        OfficialReaderHarness.writeJlance(file, schema, batches, WriteOptions.defaults());
        NestedRows.assertReadsBack(file, schema, batches, allocator);
    }

    /** Rows of 256 bytes and more stay in mini-blocks when the field says so, as official Lance does. */
    @Test
    void wideRowsInForcedMiniBlocksMatchTheOfficialWriter() throws Exception {
        Schema schema = new Schema(List.of(struct("p", true,
                Map.of("lance-encoding:packed", "true", "lance-encoding:structural-encoding", "miniblock"),
                leaf("x", I32, false), leaf("f", new ArrowType.FixedSizeBinary(300), false))));
        Random rnd = new Random(3);
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < 250; r++) {
            byte[] f = new byte[300];
            rnd.nextBytes(f);
            rows.add(row(r % 3 == 1 ? null : obj("x", r, "f", f)));
        }
        List<VectorSchemaRoot> batches = List.of(track(NestedRows.batch(allocator, schema, rows)));
        Path official = newFile("official");
        Path ours = newFile("jlance");
        OfficialReaderHarness.writeOfficial(official, schema, batches, allocator);
        OfficialReaderHarness.writeJlance(ours, schema, batches, WriteOptions.defaults());
        NestedRows.assertReadsBack(ours, schema, batches, allocator);
        // (the field's two metadata entries are a protobuf map, which official Lance writes in random order)
        assertSamePages(LanceFilePages.read(official), LanceFilePages.read(ours), 0);
    }

    @Test
    void allNullPageIsAnAllNullLayout() throws Exception {
        Schema schema = new Schema(List.of(struct("p", true, PACKED, leaf("x", I32, false), leaf("y", F64, false))));
        List<VectorSchemaRoot> batches = List.of(track(NestedRows.batch(allocator, schema,
                Arrays.asList(row((Object) null), row((Object) null), row((Object) null)))));
        Path official = newFile("official");
        Path ours = newFile("jlance");
        OfficialReaderHarness.writeOfficial(official, schema, batches, allocator);
        OfficialReaderHarness.writeJlance(ours, schema, batches, WriteOptions.defaults());
        NestedRows.assertReadsBack(ours, schema, batches, allocator);
        assertArrayEquals(Files.readAllBytes(official), Files.readAllBytes(ours));
    }

    // ------------------------------------------------------------------------------------------
    // What official Lance 7.0.0 cannot write (or read back) in format 2.1: refused
    // ------------------------------------------------------------------------------------------

    static Schema packedWith(Field... children) {
        return new Schema(List.of(leaf("id", I32, false), struct("p", true, PACKED, children)));
    }

    @Test
    void childrenThatCannotBePackedAreRefusedAtOpen() throws Exception {
        Map<String, Field> bad = new java.util.LinkedHashMap<>();
        bad.put("bool", leaf("flag", ArrowType.Bool.INSTANCE, false));
        bad.put("null", leaf("nothing", ArrowType.Null.INSTANCE, true));
        bad.put("utf8", leaf("name", ArrowType.Utf8.INSTANCE, false));
        bad.put("binary", leaf("bytes", ArrowType.LargeBinary.INSTANCE, false));
        bad.put("struct", struct("inner", false, null, leaf("a", I32, false)));
        bad.put("list", list("items", false, leaf("item", I32, false)));
        bad.put("packed struct", struct("inner", false, PACKED, leaf("a", I32, false)));
        for (var e : bad.entrySet()) {
            Field child = e.getValue();
            NestedRows.assertRefusedAtOpen(newDir(e.getKey().replace(' ', '_')), packedWith(leaf("x", I32, false), child),
                    "p", "child '" + child.getName() + "'", child.getType().toString());
        }
    }

    @Test
    void packedStructWithoutChildrenIsRefusedAtOpen() throws Exception {
        NestedRows.assertRefusedAtOpen(newDir("empty"), packedWith(), "p", "at least one child");
    }

    @Test
    void rowsTooWideForMiniBlocksAreRefusedAtOpen() throws Exception {
        Field wide = leaf("f", new ArrowType.FixedSizeBinary(252), false);
        NestedRows.assertRefusedAtOpen(newDir("wide"), packedWith(leaf("x", I32, false), wide), "p", "256 bytes",
                "structural-encoding=miniblock");
        Schema forcedFullZip = new Schema(List.of(struct("p", true,
                Map.of("lance-encoding:packed", "true", "lance-encoding:structural-encoding", "fullzip"),
                leaf("x", I32, false))));
        NestedRows.assertRefusedAtOpen(newDir("fullzip"), forcedFullZip, "p", "fullzip");
        Schema tooWide = new Schema(List.of(struct("p", true,
                Map.of("lance-encoding:packed", "true", "lance-encoding:structural-encoding", "miniblock"),
                leaf("x", I32, false), leaf("f", new ArrowType.FixedSizeBinary(4089), false))));
        NestedRows.assertRefusedAtOpen(newDir("toowide"), tooWide, "p", "4093 bytes", "too wide");
    }

    /** Just under both limits: 255 bytes a row in full mini-block defaults, 4092 when forced. */
    @Test
    void rowsJustUnderTheLimitsAreWritten() throws Exception {
        for (int width : new int[] {251, 4088}) {
            Map<String, String> meta = width < 256 ? PACKED
                    : Map.of("lance-encoding:packed", "true", "lance-encoding:structural-encoding", "miniblock");
            Schema schema = new Schema(List.of(struct("p", true, meta, leaf("x", I32, false),
                    leaf("f", new ArrowType.FixedSizeBinary(width), false))));
            List<List<Object>> rows = new ArrayList<>();
            for (int r = 0; r < 40; r++) {
                byte[] f = new byte[width];
                Arrays.fill(f, (byte) r);
                rows.add(row(r % 4 == 3 ? null : obj("x", r, "f", f)));
            }
            List<VectorSchemaRoot> batches = List.of(track(NestedRows.batch(allocator, schema, rows)));
            Path file = newFile("w" + width);
            OfficialReaderHarness.writeJlance(file, schema, batches, WriteOptions.defaults());
            NestedRows.assertReadsBack(file, schema, batches, allocator);
        }
    }

    @Test
    void childNullWhereTheStructIsValidFailsTheWrite() throws Exception {
        Schema schema = new Schema(List.of(leaf("id", I32, false),
                struct("p", true, PACKED, leaf("x", I32, true), leaf("y", F64, true))));
        VectorSchemaRoot batch = track(NestedRows.batch(allocator, schema, List.of(row(0, obj("x", 1, "y", 2.0)),
                row(1, null), row(2, obj("x", 3, "y", null)))));
        NestedRows.assertRefusedAtWrite(newDir("childnull"), schema, batch, "'p'", "child 'y'", "index 2");
    }

    /** Official Lance only packs structs: the key on other fields changes nothing. */
    @Test
    void packedKeyOnOtherFieldsIsIgnored() throws Exception {
        Schema schema = new Schema(List.of(leaf("i", I32, true, PACKED),
                new Field("l", new org.apache.arrow.vector.types.pojo.FieldType(true, ArrowType.List.INSTANCE, null,
                        PACKED), List.of(leaf("item", I32, true)))));
        List<VectorSchemaRoot> batches = List.of(track(NestedRows.batch(allocator, schema,
                List.of(row(1, List.of(1, 2)), row(null, null), row(3, List.of())))));
        Path official = newFile("official");
        Path ours = newFile("jlance");
        OfficialReaderHarness.writeOfficial(official, schema, batches, allocator);
        OfficialReaderHarness.writeJlance(ours, schema, batches, WriteOptions.defaults());
        NestedRows.assertReadsBack(ours, schema, batches, allocator);
        assertArrayEquals(Files.readAllBytes(official), Files.readAllBytes(ours));
    }

    /**
     * Official Lance reads {@code lance-encoding:structural-encoding} from the top-level field for
     * every leaf below it: a list of wide packed rows stays in mini-blocks when the list asks for
     * it, and is refused when only the packed struct does (official Lance 7.0.0 fails the write).
     */
    @Test
    void theTopLevelFieldDecidesTheLayoutOfANestedPackedStruct() throws Exception {
        Field item = struct("item", true, PACKED, leaf("x", I32, false), leaf("f", new ArrowType.FixedSizeBinary(300), false));
        Schema schema = new Schema(List.of(new Field("l", new org.apache.arrow.vector.types.pojo.FieldType(true,
                ArrowType.List.INSTANCE, null, Map.of("lance-encoding:structural-encoding", "miniblock")), List.of(item))));
        Random rnd = new Random(12);
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < 200; r++) {
            byte[] f = new byte[300];
            rnd.nextBytes(f);
            rows.add(row(r % 5 == 0 ? null : r % 5 == 1 ? List.of() : Arrays.asList(obj("x", r, "f", f), null)));
        }
        List<VectorSchemaRoot> batches = List.of(track(NestedRows.batch(allocator, schema, rows)));
        Path official = newFile("official");
        Path ours = newFile("jlance");
        OfficialReaderHarness.writeOfficial(official, schema, batches, allocator);
        OfficialReaderHarness.writeJlance(ours, schema, batches, WriteOptions.defaults());
        NestedRows.assertReadsBack(ours, schema, batches, allocator);
        assertArrayEquals(Files.readAllBytes(official), Files.readAllBytes(ours));

        Field ownMeta = struct("item", true, Map.of("lance-encoding:packed", "true",
                "lance-encoding:structural-encoding", "miniblock"), leaf("x", I32, false),
                leaf("f", new ArrowType.FixedSizeBinary(300), false));
        NestedRows.assertRefusedAtOpen(newDir("own"), new Schema(List.of(list("l", true, ownMeta))), "l.item",
                "304 bytes", "top-level field");
    }
}
