package dev.jlance.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jlance.FormatVersion;
import dev.jlance.compression.DefaultCompressionStrategy;
import dev.jlance.data.AllNullBlock;
import dev.jlance.data.BlockStatistics;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.schema.LanceSchema;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** The page layout follows official Lance: all-null, then mini-block under 256 bytes, else full-zip. */
class PageLayoutChoiceTest {

    private static PageEncoder encoder(ArrowType type, Map<String, String> meta) {
        Field f = new Field("c", new FieldType(true, type, null, meta), null);
        var field = LanceSchema.of(new Schema(List.of(f))).fields().getFirst();
        return new PageEncoder(field, 0, new DefaultCompressionStrategy(FormatVersion.V2_1), FormatVersion.V2_1);
    }

    private static PageEncoder.Layout layoutFor(ArrowType type, Map<String, String> meta, int bits, long n, long nulls) {
        try (OffHeapArena arena = OffHeapArena.open("layout test")) {
            var block = new FixedWidthBlock(arena.allocateBuffer((n * bits + 7) / 8), bits, n);
            return encoder(type, meta).chooseLayout(new BlockStatistics(block, nulls));
        }
    }

    @Test
    void narrowValuesGoToMiniBlock() {
        assertEquals(PageEncoder.Layout.MINI_BLOCK, layoutFor(new ArrowType.Int(64, true), Map.of(), 64, 10, 0));
        assertEquals(PageEncoder.Layout.MINI_BLOCK, layoutFor(ArrowType.Bool.INSTANCE, Map.of(), 1, 10, 3));
        assertEquals(PageEncoder.Layout.MINI_BLOCK, layoutFor(new ArrowType.FixedSizeBinary(255), Map.of(), 255 * 8, 10, 0));
    }

    @Test
    void valuesOf256BytesGoToFullZip() {
        assertEquals(PageEncoder.Layout.FULL_ZIP, layoutFor(new ArrowType.FixedSizeBinary(256), Map.of(), 256 * 8, 3, 1));
    }

    @Test
    void allNullPagesCarryNoValues() {
        assertEquals(PageEncoder.Layout.ALL_NULL, layoutFor(new ArrowType.Int(32, true), Map.of(), 32, 5, 5));
        PageEncoder e = encoder(ArrowType.Null.INSTANCE, Map.of());
        assertEquals(PageEncoder.Layout.ALL_NULL, e.chooseLayout(new BlockStatistics(new AllNullBlock(4), 4)));
    }

    @Test
    void metadataForcesTheLayout() {
        var full = Map.of("lance-encoding:structural-encoding", "fullzip");
        var mini = Map.of("lance-encoding:structural-encoding", "miniblock");
        assertEquals(PageEncoder.Layout.FULL_ZIP, layoutFor(new ArrowType.Int(32, true), full, 32, 10, 0));
        assertEquals(PageEncoder.Layout.MINI_BLOCK, layoutFor(new ArrowType.FixedSizeBinary(300), mini, 2400, 10, 0));
    }

    @Test
    void badMetadataNamesTheField() {
        var bad = Map.of("lance-encoding:structural-encoding", "sideways");
        var e = assertThrows(IllegalArgumentException.class, () -> encoder(new ArrowType.Int(32, true), bad));
        assertEquals(true, e.getMessage().contains("'c'") && e.getMessage().contains("sideways"), e.getMessage());
    }
}
