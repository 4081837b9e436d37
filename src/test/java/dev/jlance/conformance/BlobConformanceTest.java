package dev.jlance.conformance;

import static dev.jlance.conformance.NestedRows.leaf;
import static dev.jlance.conformance.NestedRows.obj;
import static dev.jlance.conformance.NestedRows.row;
import static dev.jlance.conformance.NestedRows.struct;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.file.WriteOptions;
import dev.jlance.format.pb.Encodings21.BlobLayout;
import dev.jlance.format.pb.Encodings21.RepDefLayer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/**
 * Blob columns ({@code lance-encoding:blob} on large_binary, NOTES §6.6): value bytes out of line,
 * one {@code (position, size)} description per row in a {@code blob_layout} page. The official
 * 7.0.0 reader returns the values themselves (large_binary), not the descriptions. jlance's files
 * are byte-identical to the official writer's.
 *
 * <p>Two limits of official Lance 7.0.0 shape these tests: its reader cannot read a blob column
 * holding an empty value ({@link #emptyValuesAreRefusedBecauseOfficialCannotReadThem}),
 * and its writer gives the last page of a column the layer kinds of the first batch, which loses
 * nulls that only later batches have ({@link #nullsOfLaterBatchesAreKept}).
 */
class BlobConformanceTest extends ConformanceTestBase {

    static final Map<String, String> BLOB = Map.of("lance-encoding:blob", "true");
    static final ArrowType I32 = new ArrowType.Int(32, true);
    static final ArrowType LARGE_BINARY = ArrowType.LargeBinary.INSTANCE;

    private static byte[] randomValue(Random rnd) {
        int kind = rnd.nextInt(20);
        byte[] b = new byte[kind == 0 ? 100_000 + rnd.nextInt(50_000) : 1 + rnd.nextInt(kind < 5 ? 3 : 700)];
        rnd.nextBytes(b);
        return b;
    }

    @Test
    void blobsReadBackOverPagesAndBatches() throws Exception {
        Schema schema = new Schema(List.of(leaf("id", I32, false), leaf("b", LARGE_BINARY, true, BLOB)));
        Random rnd = new Random(21);
        List<VectorSchemaRoot> batches = new ArrayList<>();
        int id = 0;
        for (int size : new int[] {100, 1, 0, 130, 66, 90, 200, 3, 150, 120, 80, 110}) {
            List<List<Object>> rows = new ArrayList<>();
            for (int r = 0; r < size; r++) {
                rows.add(row(id++, rnd.nextInt(7) == 0 ? null : randomValue(rnd)));
            }
            batches.add(track(NestedRows.batch(allocator, schema, rows)));
        }
        Path file = newFile("blobs");
        OfficialReaderHarness.writeJlance(file, schema, batches, WriteOptions.builder().cacheBytesPerColumn(4000).build());
        NestedRows.assertReadsBack(file, schema, batches, allocator);

        LanceFilePages pages = LanceFilePages.read(file);
        assertTrue(pages.numPages(1) > 3, "several pages: " + pages.numPages(1));
        for (LanceFilePages.Page page : pages.pages(1)) {
            BlobLayout blob = page.layout().getBlobLayout();
            assertEquals(List.of(RepDefLayer.REPDEF_NULLABLE_ITEM), blob.getLayersList());
            var inner = blob.getInnerLayout().getMiniBlockLayout();
            assertEquals(List.of(64L, 64L), inner.getValueCompression().getPackedStruct().getBitsPerValueList());
            assertEquals(List.of(RepDefLayer.REPDEF_ALL_VALID_ITEM), inner.getLayersList());
            assertEquals(page.rows(), inner.getNumItems());
        }
    }

    /**
     * Several blob columns between other columns, inside structs (whose nulls the blobs inherit)
     * and a non-nullable one, over several batches: the official writer writes the same bytes.
     * (Every layer has a null in the first batch, where official Lance takes the layer kinds of
     * the page it writes last.
     * {@code s.k} has nulls of its own: official Lance also counts a leaf layer nullable when only
     * the struct above has nulls, which is the nested-types core's business, not this test's.)
     */
    @Test
    void sameFileAsTheOfficialWriter() throws Exception {
        Schema schema = new Schema(List.of(
                leaf("a", LARGE_BINARY, true, BLOB),
                leaf("i", I32, true),
                struct("s", true, null, leaf("k", I32, true), leaf("b", LARGE_BINARY, true, BLOB)),
                struct("o", true, null, struct("t", true, null, leaf("c", LARGE_BINARY, true, BLOB))),
                leaf("d", LARGE_BINARY, false, BLOB)));
        Random rnd = new Random(8);
        List<VectorSchemaRoot> batches = new ArrayList<>();
        for (int size : new int[] {40, 300, 7}) {
            List<List<Object>> rows = new ArrayList<>();
            for (int r = 0; r < size; r++) {
                rows.add(row(r % 5 == 1 ? null : randomValue(rnd),
                        r % 3 == 0 ? null : r,
                        r % 6 == 2 ? null : obj("k", r % 8 == 0 ? null : r, "b", r % 4 == 0 ? null : randomValue(rnd)),
                        r % 9 == 4 ? null : obj("t", r % 5 == 3 ? null : obj("c", r % 4 == 1 ? null : randomValue(rnd))),
                        randomValue(rnd)));
            }
            batches.add(track(NestedRows.batch(allocator, schema, rows)));
        }
        Path official = newFile("official");
        Path ours = newFile("jlance");
        OfficialReaderHarness.writeOfficial(official, schema, batches, allocator);
        OfficialReaderHarness.writeJlance(ours, schema, batches, WriteOptions.defaults());
        assertArrayEquals(Files.readAllBytes(official), Files.readAllBytes(ours));
    }

    /** Blobs in nullable structs, two levels deep: nulls at every level come back. */
    @Test
    void blobsInStructsReadBack() throws Exception {
        Schema schema = new Schema(List.of(
                struct("s", true, null, leaf("k", I32, true), leaf("b", LARGE_BINARY, true, BLOB)),
                struct("o", false, null, struct("t", true, null, leaf("c", LARGE_BINARY, true, BLOB),
                        leaf("n", I32, false)))));
        Random rnd = new Random(9);
        List<VectorSchemaRoot> batches = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            List<List<Object>> rows = new ArrayList<>();
            for (int r = 0; r < 500; r++) {
                rows.add(row(rnd.nextInt(5) == 0 ? null : obj("k", r, "b", rnd.nextInt(4) == 0 ? null : randomValue(rnd)),
                        obj("t", rnd.nextInt(6) == 0 ? null : obj("c", rnd.nextInt(3) == 0 ? null : randomValue(rnd),
                                "n", r))));
            }
            batches.add(track(NestedRows.batch(allocator, schema, rows)));
        }
        Path file = newFile("structs");
        OfficialReaderHarness.writeJlance(file, schema, batches, WriteOptions.builder().cacheBytesPerColumn(3000).build());
        NestedRows.assertReadsBack(file, schema, batches, allocator);
        LanceFilePages pages = LanceFilePages.read(file);
        assertEquals(List.of(RepDefLayer.REPDEF_NULLABLE_ITEM, RepDefLayer.REPDEF_NULLABLE_ITEM,
                RepDefLayer.REPDEF_ALL_VALID_ITEM), pages.page(2, 0).layout().getBlobLayout().getLayersList(),
                "t's nulls make the blob's layer nullable too");
    }

    /**
     * Official Lance 7.0.0's reader takes a description of size 0 at position 0 (an empty value)
     * for a value to load and fails ("Expected option to have value"), on its own files too. No
     * other description can mean "empty" (a non-zero position of size 0 means null), so jlance
     * refuses empty blob values in {@code write()}, naming the column and the row, and leaves no file.
     */
    @Test
    void emptyValuesAreRefusedBecauseOfficialCannotReadThem() throws Exception {
        Schema schema = new Schema(List.of(leaf("b", LARGE_BINARY, true, BLOB)));
        List<VectorSchemaRoot> batches = List.of(track(NestedRows.batch(allocator, schema,
                List.of(row("abc"), row(new byte[0]), row("de")))));
        Path official = newFile("official");
        OfficialReaderHarness.writeOfficial(official, schema, batches, allocator);
        Exception e = assertThrows(Exception.class, () -> OfficialReaderHarness.readAll(official, allocator, 100)
                .forEach(VectorSchemaRoot::close));
        assertTrue(String.valueOf(e.getMessage()).contains("Expected option to have value"), e.getMessage());
        Path ours = newFile("jlance");
        Exception refused = assertThrows(IllegalArgumentException.class,
                () -> OfficialReaderHarness.writeJlance(ours, schema, batches, WriteOptions.defaults()));
        assertTrue(refused.getMessage().contains("'b'") && refused.getMessage().contains("row 1"),
                refused.getMessage());
        assertFalse(Files.exists(ours), "no file may be left");
    }

    /**
     * Official Lance 7.0.0 records, for the page it writes last, the layer kinds of the column's
     * first batch: with no null in the first batch it writes nulls of later batches as empty
     * values. jlance records a layer as nullable when the page has a null there (and also, as
     * official Lance does, when the first batch had one), so the nulls come back.
     */
    @Test
    void nullsOfLaterBatchesAreKept() throws Exception {
        Schema schema = new Schema(List.of(leaf("b", LARGE_BINARY, true, BLOB)));
        List<VectorSchemaRoot> batches = List.of(
                track(NestedRows.batch(allocator, schema, List.of(row("a1"), row("a2")))),
                track(NestedRows.batch(allocator, schema, List.of(row("a3"), row((Object) null)))));
        Path file = newFile("later");
        OfficialReaderHarness.writeJlance(file, schema, batches, WriteOptions.defaults());
        NestedRows.assertReadsBack(file, schema, batches, allocator);
    }

    /**
     * The official writer's last page, without nulls of its own, still records the first batch's
     * nullable layer; jlance does the same. (A page ends once 8 MiB of descriptions wait: 16 bytes
     * a row.)
     */
    @Test
    void lastPageTakesTheFirstBatchLayersAsTheOfficialWriterDoes() throws Exception {
        Schema schema = new Schema(List.of(leaf("b", LARGE_BINARY, true, BLOB)));
        List<List<Object>> big = new ArrayList<>();
        for (int r = 0; r < 530_000; r++) {
            big.add(row(r == 5 ? null : "v"));
        }
        List<VectorSchemaRoot> batches = List.of(track(NestedRows.batch(allocator, schema, big)),
                track(NestedRows.batch(allocator, schema, List.of(row("a"), row("b")))));
        Path official = newFile("official");
        Path ours = newFile("jlance");
        OfficialReaderHarness.writeOfficial(official, schema, batches, allocator);
        OfficialReaderHarness.writeJlance(ours, schema, batches, WriteOptions.defaults());
        LanceFilePages pages = LanceFilePages.read(ours);
        assertEquals(2, pages.numPages(0));
        assertEquals(List.of(RepDefLayer.REPDEF_NULLABLE_ITEM), pages.page(0, 1).layout().getBlobLayout().getLayersList());
        assertTrue(Arrays.equals(Files.readAllBytes(official), Files.readAllBytes(ours)), "same file as official");
    }

    // ------------------------------------------------------------------------------------------
    // Refused
    // ------------------------------------------------------------------------------------------

    /**
     * Official Lance 7.0.0 refuses blob metadata on anything but binaries when it opens, and
     * binary (32-bit offsets) at the first batch ("Expected LargeBinary array"); its reader cannot
     * read a binary blob column either. jlance refuses all of them at open.
     */
    @Test
    void blobOnOtherTypesIsRefusedAtOpen() throws Exception {
        for (ArrowType type : List.of(ArrowType.Binary.INSTANCE, ArrowType.Utf8.INSTANCE, ArrowType.LargeUtf8.INSTANCE,
                I32, new ArrowType.FixedSizeBinary(4))) {
            NestedRows.assertRefusedAtOpen(newDir(type.getTypeID().name()), new Schema(List.of(leaf("i", I32, true),
                    leaf("b", type, true, BLOB))), "b", "large_binary", type.toString());
        }
        NestedRows.assertRefusedAtOpen(newDir("struct"), new Schema(List.of(struct("s", true, BLOB,
                leaf("b", LARGE_BINARY, true)))), "s", "large_binary");
    }

    /** Official Lance 7.0.0 writes blobs under lists, but its reader fails on them (or panics). */
    @Test
    void blobsUnderListsAreRefusedAtOpen() throws Exception {
        NestedRows.assertRefusedAtOpen(newDir("list"), new Schema(List.of(NestedRows.list("l", true,
                leaf("item", LARGE_BINARY, true, BLOB)))), "l.item", "under list 'l'");
        NestedRows.assertRefusedAtOpen(newDir("deep"), new Schema(List.of(NestedRows.list("l", true,
                struct("item", true, null, leaf("k", I32, true), leaf("b", LARGE_BINARY, true, BLOB))))),
                "l.item.b", "under list 'l'");
    }
}
