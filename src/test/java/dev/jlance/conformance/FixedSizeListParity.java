package dev.jlance.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jlance.file.WriteOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * jlance's file against official Lance 7.0.0's file of the same batches: both decode to the same
 * schema and values through the official reader, jlance's file holds exactly the batches, and
 * (official Lance never compresses fixed-size lists, so nothing in them is random) every page has
 * the same layout message and the same buffer bytes, the schema descriptors are equal, and when
 * no metadata map could be ordered differently the files are identical.
 */
final class FixedSizeListParity {

    private FixedSizeListParity() {
    }

    /** Writes both files under {@code dir} and compares them; returns jlance's file. */
    static Path assertSameAsOfficial(Path dir, Schema schema, List<VectorSchemaRoot> batches, String version,
            BufferAllocator allocator) throws Exception {
        Path ours = Files.createDirectories(dir.resolve("jlance")).resolve("jlance.lance");
        Path theirs = Files.createDirectories(dir.resolve("official")).resolve("official.lance");
        OfficialReaderHarness.writeAndVerify(ours, schema, batches, WriteOptions.builder().formatVersion(version).build(),
                allocator);
        OfficialReaderHarness.writeOfficial(theirs, schema, batches, allocator, version);
        OfficialReaderHarness.assertSameDecodedContent(theirs, ours, allocator);
        assertSamePages(theirs, ours);
        assertEquals(LanceFileInspector.open(theirs).descriptor(), LanceFileInspector.open(ours).descriptor(),
                "schema descriptor");
        boolean metadata = schema.getCustomMetadata() != null && schema.getCustomMetadata().size() > 1
                || schema.getFields().stream().anyMatch(f -> f.getMetadata() != null && f.getMetadata().size() > 1);
        if (!metadata) {
            assertEquals(-1, Files.mismatch(theirs, ours), "jlance's file differs from official's at this byte");
        }
        return ours;
    }

    /** Page by page: rows, first row, layout message and every buffer's bytes. */
    static void assertSamePages(Path expected, Path actual) throws Exception {
        assertSamePages(expected, actual, null);
    }

    /** As {@link #assertSamePages(Path, Path)}, for the given columns only (null: all). */
    static void assertSamePages(Path expected, Path actual, int[] columns) throws Exception {
        LanceFilePages e = LanceFilePages.read(expected);
        LanceFilePages a = LanceFilePages.read(actual);
        assertEquals(e.numColumns(), a.numColumns(), "columns");
        int[] which = columns != null ? columns : java.util.stream.IntStream.range(0, e.numColumns()).toArray();
        for (int c : which) {
            assertEquals(e.numPages(c), a.numPages(c), "pages of column " + c);
            for (int p = 0; p < e.numPages(c); p++) {
                LanceFilePages.Page ep = e.page(c, p);
                LanceFilePages.Page ap = a.page(c, p);
                String where = "column " + c + " page " + p;
                assertEquals(ep.rows(), ap.rows(), where + " rows");
                assertEquals(ep.priority(), ap.priority(), where + " first row");
                assertEquals(ep.layout(), ap.layout(), where + " layout");
                assertEquals(ep.buffers().size(), ap.buffers().size(), where + " buffers");
                for (int b = 0; b < ep.buffers().size(); b++) {
                    assertArrayEquals(ep.buffers().get(b), ap.buffers().get(b), where + " buffer " + b);
                }
            }
        }
    }
}
