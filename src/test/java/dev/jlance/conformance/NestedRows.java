package dev.jlance.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.UnsupportedTypeException;
import dev.jlance.file.LanceFileWriter;
import dev.jlance.file.WriteOptions;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Hand-built nested rows for packed-struct, blob and empty-struct tests: rows given as Java values
 * ({@link List} for a list, {@link Map} for a struct, {@code byte[]} for binaries, {@code null}),
 * filled into Arrow vectors, and rendered back from any vectors through Arrow's own
 * {@code getObject} (bytes shown in hex), so written and read rows compare as strings.
 */
final class NestedRows {

    /** What a null struct leaves in its children: zeros (as Arrow's own builders do), or nulls. */
    enum UnderNullStruct { ZEROS, NULLS }

    private NestedRows() {
    }

    static Field leaf(String name, ArrowType type, boolean nullable) {
        return new Field(name, new FieldType(nullable, type, null), List.of());
    }

    static Field leaf(String name, ArrowType type, boolean nullable, Map<String, String> metadata) {
        return new Field(name, new FieldType(nullable, type, null, metadata), List.of());
    }

    static Field struct(String name, boolean nullable, Map<String, String> metadata, Field... children) {
        return new Field(name, new FieldType(nullable, ArrowType.Struct.INSTANCE, null, metadata), List.of(children));
    }

    static Field list(String name, boolean nullable, Field item) {
        return new Field(name, new FieldType(nullable, ArrowType.List.INSTANCE, null), List.of(item));
    }

    static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    /** A struct value: name, value, name, value... */
    static Map<String, Object> obj(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static VectorSchemaRoot batch(BufferAllocator allocator, Schema schema, List<List<Object>> rows,
            UnderNullStruct underNull) {
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        try {
            root.allocateNew();
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < schema.getFields().size(); c++) {
                    fill(root.getVector(c), r, rows.get(r).get(c), underNull);
                }
            }
            for (FieldVector v : root.getFieldVectors()) {
                v.setValueCount(rows.size());
            }
            root.setRowCount(rows.size());
            return root;
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    static VectorSchemaRoot batch(BufferAllocator allocator, Schema schema, List<List<Object>> rows) {
        return batch(allocator, schema, rows, UnderNullStruct.ZEROS);
    }

    /** Sets slot {@code index} of {@code v} to {@code value}, recursively. */
    static void fill(FieldVector v, int index, Object value, UnderNullStruct underNull) {
        switch (v) {
            case ListVector l -> {
                if (value == null) {
                    l.setNull(index);
                    return;
                }
                List<?> items = (List<?>) value;
                int start = l.startNewValue(index);
                FieldVector child = l.getDataVector();
                for (int i = 0; i < items.size(); i++) {
                    fill(child, start + i, items.get(i), underNull);
                }
                child.setValueCount(Math.max(child.getValueCount(), start + items.size()));
                l.endValue(index, items.size());
            }
            case LargeListVector l -> {
                if (value == null) {
                    l.setNull(index);
                    return;
                }
                List<?> items = (List<?>) value;
                int start = Math.toIntExact(l.startNewValue(index));
                FieldVector child = l.getDataVector();
                for (int i = 0; i < items.size(); i++) {
                    fill(child, start + i, items.get(i), underNull);
                }
                child.setValueCount(Math.max(child.getValueCount(), start + items.size()));
                l.endValue(index, items.size());
            }
            case StructVector s -> {
                List<FieldVector> children = s.getChildrenFromFields();
                if (value == null) {
                    s.setNull(index);
                } else {
                    s.setIndexDefined(index);
                }
                Map<?, ?> m = value == null ? Map.of() : (Map<?, ?>) value;
                for (FieldVector c : children) {
                    if (value == null && underNull == UnderNullStruct.NULLS) {
                        fill(c, index, null, underNull);
                    } else if (m.containsKey(c.getName())) {
                        fill(c, index, m.get(c.getName()), underNull);
                    } else {
                        zero(c, index);
                    }
                    c.setValueCount(Math.max(c.getValueCount(), index + 1));
                }
            }
            default -> {
                if (value == null) {
                    setNull(v, index);
                } else {
                    setValue(v, index, value);
                }
            }
        }
    }

    private static void setNull(FieldVector v, int index) {
        switch (v) {
            case NullVector n -> n.setValueCount(Math.max(n.getValueCount(), index + 1));
            case BaseFixedWidthVector f -> {
                f.setValueCount(Math.max(f.getValueCount(), index + 1));
                f.setNull(index);
            }
            case BaseVariableWidthVector vw -> vw.setNull(index);
            case BaseLargeVariableWidthVector vw -> vw.setNull(index);
            default -> throw new IllegalArgumentException("no null setter for " + v.getClass());
        }
    }

    private static void setValue(FieldVector v, int index, Object value) {
        switch (v) {
            case TinyIntVector x -> x.setSafe(index, ((Number) value).byteValue());
            case SmallIntVector x -> x.setSafe(index, ((Number) value).shortValue());
            case IntVector x -> x.setSafe(index, ((Number) value).intValue());
            case BigIntVector x -> x.setSafe(index, ((Number) value).longValue());
            case UInt2Vector x -> x.setSafe(index, ((Number) value).intValue());
            case UInt8Vector x -> x.setSafe(index, ((Number) value).longValue());
            case Float4Vector x -> x.setSafe(index, ((Number) value).floatValue());
            case Float8Vector x -> x.setSafe(index, ((Number) value).doubleValue());
            case DateDayVector x -> x.setSafe(index, ((Number) value).intValue());
            case TimeStampMicroTZVector x -> x.setSafe(index, ((Number) value).longValue());
            case DecimalVector x -> x.setSafe(index, (BigDecimal) value);
            case BitVector x -> x.setSafe(index, (Boolean) value ? 1 : 0);
            case FixedSizeBinaryVector x -> x.setSafe(index, bytes(value));
            case VarCharVector x -> x.setSafe(index, bytes(value));
            case LargeVarCharVector x -> x.setSafe(index, bytes(value));
            case VarBinaryVector x -> x.setSafe(index, bytes(value));
            case LargeVarBinaryVector x -> x.setSafe(index, bytes(value));
            default -> throw new IllegalArgumentException("no filler for " + v.getClass());
        }
    }

    /** A valid zero value (what Arrow builders leave in the children of a null struct). */
    private static void zero(FieldVector c, int index) {
        switch (c) {
            case StructVector s -> {
                s.setIndexDefined(index);
                for (FieldVector cc : s.getChildrenFromFields()) {
                    zero(cc, index);
                    cc.setValueCount(Math.max(cc.getValueCount(), index + 1));
                }
            }
            case ListVector l -> {
                l.startNewValue(index);
                l.endValue(index, 0);
            }
            case LargeListVector l -> {
                l.startNewValue(index);
                l.endValue(index, 0);
            }
            case NullVector n -> n.setValueCount(Math.max(n.getValueCount(), index + 1));
            case FixedSizeBinaryVector f -> f.setSafe(index, new byte[f.getByteWidth()]);
            case BaseFixedWidthVector f -> {
                f.setValueCount(Math.max(f.getValueCount(), index + 1));
                f.setIndexDefined(index);
            }
            case BaseVariableWidthVector vw -> vw.setSafe(index, new byte[0]);
            case BaseLargeVariableWidthVector vw -> vw.setSafe(index, new byte[0]);
            default -> throw new IllegalArgumentException("no zero for " + c.getClass());
        }
    }

    static byte[] bytes(Object value) {
        return value instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) value;
    }

    /** Every row of every column as Arrow renders it, bytes in hex. */
    static List<String> render(List<VectorSchemaRoot> batches) {
        List<String> out = new ArrayList<>();
        for (VectorSchemaRoot b : batches) {
            for (int r = 0; r < b.getRowCount(); r++) {
                StringBuilder sb = new StringBuilder();
                for (FieldVector v : b.getFieldVectors()) {
                    sb.append(v.getName()).append('=').append(render(v.getObject(r))).append(" | ");
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    static String render(Object o) {
        return switch (o) {
            case null -> "null";
            case byte[] b -> "0x" + HexFormat.of().formatHex(b);
            case List<?> l -> {
                List<String> items = new ArrayList<>();
                l.forEach(x -> items.add(render(x)));
                yield items.toString();
            }
            case Map<?, ?> m -> {
                StringBuilder sb = new StringBuilder("{");
                m.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append('=').append(render(v)));
                yield sb.append('}').toString();
            }
            default -> o.toString();
        };
    }

    /**
     * Asserts that opening a writer on {@code schema} fails with an {@link UnsupportedTypeException}
     * for field {@code path} whose message mentions every one of {@code mentions}, leaving nothing
     * in {@code dir}.
     */
    static UnsupportedTypeException assertRefusedAtOpen(Path dir, Schema schema, String path, String... mentions)
            throws Exception {
        Path file = dir.resolve("t.lance");
        UnsupportedTypeException e = assertThrows(UnsupportedTypeException.class,
                () -> LanceFileWriter.open(file, schema, WriteOptions.defaults()).close(), "open() must refuse " + path);
        assertEquals(path, e.fieldPath(), () -> "fieldPath() of " + e.getMessage());
        assertTrue(e.getMessage().contains("'" + path + "'"), () -> "message must name the field: " + e.getMessage());
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), () -> "message must mention '" + m + "': " + e.getMessage());
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "open() that fails leaves nothing behind");
        }
        return e;
    }

    /**
     * Asserts that writing {@code batch} fails with an {@link IllegalArgumentException} whose
     * message mentions every one of {@code mentions}, and that no file is left at the path and no
     * off-heap memory held.
     */
    static IllegalArgumentException assertRefusedAtWrite(Path dir, Schema schema, VectorSchemaRoot batch,
            String... mentions) throws Exception {
        Path file = dir.resolve("t.lance");
        IllegalArgumentException e;
        try (LanceFileWriter writer = LanceFileWriter.open(file, schema, WriteOptions.defaults())) {
            e = assertThrows(IllegalArgumentException.class, () -> writer.write(batch), "write() must fail");
        }
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), () -> "message must mention '" + m + "': " + e.getMessage());
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "a failed write leaves nothing behind");
        }
        assertEquals(List.of(), dev.jlance.memory.OffHeapArena.openArenas(), "a failed write frees its memory");
        return e;
    }

    /**
     * Reads {@code file} with the official reader and asserts its schema is {@code schema} and its
     * rows render exactly as {@code expected}'s.
     */
    static void assertReadsBack(Path file, Schema schema, List<VectorSchemaRoot> expected, BufferAllocator allocator)
            throws Exception {
        try (org.lance.file.LanceFileReader reader = org.lance.file.LanceFileReader.open(file.toString(), allocator)) {
            OfficialReaderHarness.assertSchemaEquals(schema, reader.schema(), "schema read back from " + file);
        }
        List<VectorSchemaRoot> back = OfficialReaderHarness.readAll(file, allocator, 997);
        try {
            List<String> want = render(expected);
            List<String> got = render(back);
            assertEquals(want.size(), got.size(), "rows read back from " + file);
            for (int i = 0; i < want.size(); i++) {
                assertEquals(want.get(i), got.get(i), "row " + i + " of " + file);
            }
        } finally {
            back.forEach(VectorSchemaRoot::close);
        }
    }
}
