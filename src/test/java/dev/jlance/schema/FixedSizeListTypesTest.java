package dev.jlance.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.UnsupportedTypeException;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** Fixed-size lists in the Lance schema: leaf fields with the logical types official Lance 7.0.0 writes. */
class FixedSizeListTypesTest {

    private static Field fsl(String name, int d, Field child) {
        return new Field(name, FieldType.nullable(new ArrowType.FixedSizeList(d)), List.of(child));
    }

    private static Field item(ArrowType t) {
        return new Field("item", FieldType.nullable(t), null);
    }

    /** Logical types as official Lance 7.0.0 records them (probed: decimal, nested, bool, bfloat16). */
    @Test
    void logicalTypes() {
        assertEquals("fixed_size_list:float:384", describe(fsl("v", 384,
                item(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)))).logicalType());
        assertEquals("fixed_size_list:decimal:128:10:2:2", describe(fsl("v", 2,
                item(new ArrowType.Decimal(10, 2, 128)))).logicalType());
        assertEquals("fixed_size_list:timestamp:us:UTC:3", describe(fsl("v", 3,
                item(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")))).logicalType());
        assertEquals("fixed_size_list:date32:day:1", describe(fsl("v", 1, item(new ArrowType.Date(DateUnit.DAY))))
                .logicalType());
        assertEquals("fixed_size_list:bool:5", describe(fsl("v", 5, item(ArrowType.Bool.INSTANCE))).logicalType());
        assertEquals("fixed_size_list:fixed_size_binary:3:2", describe(fsl("v", 2, item(new ArrowType.FixedSizeBinary(3))))
                .logicalType());
        assertEquals("fixed_size_list:fixed_size_list:float:2:3", describe(fsl("v", 3, fsl("item", 2,
                item(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE))))).logicalType());
    }

    @Test
    void bfloat16NeedsTheExtensionOnTwoByteBinary() {
        Map<String, String> ext = Map.of("ARROW:extension:name", "lance.bfloat16");
        Field bf16 = new Field("item", new FieldType(true, new ArrowType.FixedSizeBinary(2), null, ext), null);
        assertEquals("fixed_size_list:lance.bfloat16:4", describe(fsl("v", 4, bf16)).logicalType());
        assertEquals("fixed_size_list:fixed_size_list:lance.bfloat16:4:2", describe(fsl("v", 2, fsl("item", 4, bf16)))
                .logicalType());
        Field wrongWidth = new Field("item", new FieldType(true, new ArrowType.FixedSizeBinary(4), null, ext), null);
        assertEquals("fixed_size_list:fixed_size_binary:4:4", describe(fsl("v", 4, wrongWidth)).logicalType());
    }

    @Test
    void storageKnowsDimensionsAndItems() {
        PhysicalType t = describe(fsl("v", 3, fsl("item", 2, item(new ArrowType.Int(16, true))))).storage();
        assertEquals(PhysicalType.Kind.FIXED_SIZE_LIST, t.kind());
        assertEquals(List.of(3, 2), t.dimensions());
        assertEquals(6, t.itemsPerRow());
        assertEquals(96, t.bitsPerValue());
        assertEquals(PhysicalType.fixedBytes(2), t.innermost());
        assertEquals(1, t.legacyEncoding());
        assertEquals(5, describe(fsl("b", 5, item(ArrowType.Bool.INSTANCE))).storage().bitsPerValue());
    }

    @Test
    void aLeafInTheLanceSchema() {
        Field v = fsl("v", 4, item(new ArrowType.Int(32, true)));
        LanceSchema schema = LanceSchema.of(new Schema(List.of(v, new Field("n", FieldType.nullable(
                new ArrowType.Int(8, true)), null))));
        assertEquals(2, schema.preOrder().size(), "no child field for the items");
        LanceField f = schema.fields().getFirst();
        assertTrue(f.children().isEmpty());
        assertTrue(f.isLeafColumn());
        assertEquals(0, f.id());
        assertEquals(1, schema.fields().get(1).id());
        assertEquals(2, schema.leafColumns().size());
    }

    @Test
    void refusals() {
        UnsupportedTypeException e = assertThrows(UnsupportedTypeException.class,
                () -> describe(fsl("v", 2, item(ArrowType.Utf8.INSTANCE))));
        assertEquals("v", e.fieldPath());
        assertTrue(e.reason().contains("fixed-width"), e.reason());
        e = assertThrows(UnsupportedTypeException.class, () -> describe(fsl("v", 0, item(ArrowType.Bool.INSTANCE))));
        assertTrue(e.reason().contains("at least one item"), e.reason());
        e = assertThrows(UnsupportedTypeException.class, () -> describe(fsl("v", 2, item(ArrowType.Null.INSTANCE))));
        assertTrue(e.reason().contains("nulls"), e.reason());
        e = assertThrows(UnsupportedTypeException.class, () -> describe(fsl("v", 1 << 30, fsl("item", 1 << 20,
                item(new ArrowType.Int(64, true))))));
        assertTrue(e.reason().contains("too wide"), e.reason());
        e = assertThrows(UnsupportedTypeException.class, () -> describe(fsl("v", 2,
                item(new ArrowType.Timestamp(TimeUnit.SECOND, "+05:30")))));
        assertTrue(e.reason().contains("time zone"), e.reason());
        assertThrows(IllegalArgumentException.class, () -> describe(new Field("v",
                FieldType.nullable(new ArrowType.FixedSizeList(2)), List.of())));
    }

    private static FixedSizeListTypes.Described describe(Field f) {
        return FixedSizeListTypes.describe(f.getName(), f);
    }
}
