package dev.jlance.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Rows as Arrow renders them ({@code getObject(row).toString()} per column): shows nulls at every
 * nesting level, list lengths and leaf values, for any type. A coarse but type-agnostic check for
 * nested columns; flat values are compared bit-exactly by {@link OfficialReaderHarness}.
 */
public final class RenderedRows {

    private RenderedRows() {
    }

    /** Every row of every batch, one string per row. */
    public static List<String> render(List<VectorSchemaRoot> batches) {
        List<String> out = new ArrayList<>();
        for (VectorSchemaRoot b : batches) {
            for (int r = 0; r < b.getRowCount(); r++) {
                StringBuilder sb = new StringBuilder();
                for (FieldVector v : b.getFieldVectors()) {
                    Object value = v.getObject(r);
                    String shown = value instanceof byte[] bytes ? java.util.HexFormat.of().formatHex(bytes)
                            : String.valueOf(value);
                    sb.append(v.getName()).append('=').append(shown).append(" | ");
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    /**
     * Reads {@code file} with the official reader and checks it holds exactly {@code expected}:
     * value by value for flat and fixed-size-list columns, row by rendered row when the schema has
     * structs or lists (which the value harness does not compare).
     */
    public static void assertFileHolds(Path file, Schema schema, List<VectorSchemaRoot> expected,
            BufferAllocator allocator) throws Exception {
        boolean structsOrLists = schema.getFields().stream()
                .anyMatch(f -> f.getType() instanceof ArrowType.Struct || f.getType() instanceof ArrowType.List);
        if (structsOrLists) {
            assertFileRows(file, expected, allocator);
        } else {
            OfficialReaderHarness.assertFileContains(file, schema, expected, allocator,
                    OfficialReaderHarness.DEFAULT_READ_BATCH_SIZE);
        }
    }

    /** Reads {@code file} with the official reader and compares its rows with {@code expected}'s. */
    public static void assertFileRows(Path file, List<VectorSchemaRoot> expected, BufferAllocator allocator)
            throws Exception {
        List<String> want = render(expected);
        List<VectorSchemaRoot> back = OfficialReaderHarness.readAll(file, allocator, 997);
        try {
            List<String> got = render(back);
            assertEquals(want.size(), got.size(), "rows in " + file);
            for (int i = 0; i < want.size(); i++) {
                assertEquals(want.get(i), got.get(i), "row " + i + " of " + file);
            }
        } finally {
            back.forEach(VectorSchemaRoot::close);
        }
    }
}
