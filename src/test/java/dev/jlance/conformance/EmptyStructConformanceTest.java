package dev.jlance.conformance;

import static dev.jlance.conformance.NestedRows.leaf;
import static dev.jlance.conformance.NestedRows.list;
import static dev.jlance.conformance.NestedRows.obj;
import static dev.jlance.conformance.NestedRows.row;
import static dev.jlance.conformance.NestedRows.struct;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jlance.file.WriteOptions;
import dev.jlance.format.pb.Encodings21.RepDefLayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/**
 * Structs without children: one column each, one simple all-null page ({@code layers=[NULLABLE_ITEM]},
 * no buffers) for all rows, as official Lance 7.0.0 writes them; its reader returns an empty
 * struct for every row. What official Lance cannot write (nulls, lists) or read back (columns after
 * such a struct) is refused, naming the field.
 */
class EmptyStructConformanceTest extends ConformanceTestBase {

    static final ArrowType I32 = new ArrowType.Int(32, true);

    @Test
    void emptyStructsAfterAllOtherColumnsMatchTheOfficialWriter() throws Exception {
        Schema schema = new Schema(List.of(leaf("id", I32, false),
                struct("o", false, null, leaf("k", I32, true), struct("inner", true, null)),
                struct("e", false, null),
                struct("maybe", true, null)));
        List<VectorSchemaRoot> batches = new ArrayList<>();
        int id = 0;
        for (int size : new int[] {300, 1, 0, 700}) {
            List<List<Object>> rows = new ArrayList<>();
            for (int r = 0; r < size; r++, id++) {
                rows.add(row(id, obj("k", id % 5 == 0 ? null : id, "inner", obj()), obj(), obj()));
            }
            batches.add(track(NestedRows.batch(allocator, schema, rows)));
        }
        Path official = newFile("official");
        Path ours = newFile("jlance");
        OfficialReaderHarness.writeOfficial(official, schema, batches, allocator);
        OfficialReaderHarness.writeJlance(ours, schema, batches, WriteOptions.builder().cacheBytesPerColumn(1000).build());
        NestedRows.assertReadsBack(ours, schema, batches, allocator);

        LanceFilePages pages = LanceFilePages.read(ours);
        assertEquals(5, pages.numColumns(), "id, o.k, o.inner, e, maybe");
        for (int c = 2; c < 5; c++) {
            assertEquals(1, pages.numPages(c), "one page for all rows");
            LanceFilePages.Page page = pages.page(c, 0);
            assertEquals(1001, page.rows());
            assertEquals(List.of(RepDefLayer.REPDEF_NULLABLE_ITEM), page.layout().getAllNullLayout().getLayersList());
            assertEquals(0, page.buffers().size());
        }
        // with the official writer's page size the whole file is the same
        Path ours8m = newFile("jlance8m");
        OfficialReaderHarness.writeJlance(ours8m, schema, batches, WriteOptions.defaults());
        assertArrayEquals(Files.readAllBytes(official), Files.readAllBytes(ours8m));
    }

    // ------------------------------------------------------------------------------------------
    // Refused
    // ------------------------------------------------------------------------------------------

    /**
     * Official Lance 7.0.0's reader gives a struct without children no column while its writer
     * gives it one, so the reader returns the columns after it from the wrong place, without a
     * word (probed: {@code [e: struct<>, a: int32]} reads {@code a} as all nulls). Refused.
     */
    @Test
    void columnsAfterAnEmptyStructAreRefusedAtOpen() throws Exception {
        NestedRows.assertRefusedAtOpen(newDir("top"), new Schema(List.of(struct("e", false, null),
                leaf("a", I32, true))), "e", "'a' follows it");
        NestedRows.assertRefusedAtOpen(newDir("nested"), new Schema(List.of(struct("o", false, null,
                struct("e", false, null), leaf("b", I32, true)))), "o.e", "'o.b' follows it");
    }

    @Test
    void emptyStructsUnderListsAreRefusedAtOpen() throws Exception {
        NestedRows.assertRefusedAtOpen(newDir("list"), new Schema(List.of(list("l", true, struct("item", true, null)))),
                "l.item", "under list 'l'");
        NestedRows.assertRefusedAtOpen(newDir("deep"), new Schema(List.of(list("l", true,
                struct("item", true, null, leaf("k", I32, true), struct("e", false, null))))), "l.item.e",
                "under list 'l'");
    }

    @Test
    void nullEmptyStructFailsTheWrite() throws Exception {
        Schema schema = new Schema(List.of(leaf("id", I32, false), struct("e", true, null)));
        VectorSchemaRoot batch = track(NestedRows.batch(allocator, schema, List.of(row(1, obj()), row(2, null))));
        NestedRows.assertRefusedAtWrite(newDir("null"), schema, batch, "'e'", "nulls");
    }

    @Test
    void emptyStructUnderANullStructFailsTheWrite() throws Exception {
        Schema schema = new Schema(List.of(struct("o", true, null, leaf("k", I32, true), struct("e", false, null))));
        VectorSchemaRoot batch = track(NestedRows.batch(allocator, schema,
                List.of(row(obj("k", 1, "e", obj())), row((Object) null))));
        NestedRows.assertRefusedAtWrite(newDir("outer"), schema, batch, "'o.e'", "'o'", "nulls");
    }
}
