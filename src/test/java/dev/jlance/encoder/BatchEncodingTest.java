package dev.jlance.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.FormatVersion;
import dev.jlance.format.pb.Encodings21.PageLayout;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.schema.LanceSchema;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class BatchEncodingTest {

    @Test
    void encodesABatchInMemory() {
        Schema schema = new Schema(List.of(Field.nullable("a", new ArrowType.Int(32, true)),
                Field.nullable("s", ArrowType.Utf8.INSTANCE)));
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            root.allocateNew();
            IntVector a = (IntVector) root.getVector(0);
            VarCharVector s = (VarCharVector) root.getVector(1);
            for (int i = 0; i < 10; i++) {
                a.setSafe(i, i);
                s.setSafe(i, ("x".repeat(i * 40)).getBytes());
            }
            root.setRowCount(10);
            LanceSchema ls = LanceSchema.of(schema);
            try (EncodedBatch batch = BatchEncoding.encodeBatch(root, ls,
                    EncodingStrategies.defaultEncodingStrategy(FormatVersion.V2_1), EncodingOptions.defaults(), Runnable::run)) {
                assertEquals(10, batch.numRows());
                assertEquals(List.of(0, 1), batch.topLevelColumns());
                assertEquals(2, batch.pageTable().size());
                var intPage = batch.pageTable().get(0).pages().getFirst();
                var strPage = batch.pageTable().get(1).pages().getFirst();
                assertTrue(((PageLayout) intPage.encoding()).hasMiniBlockLayout());
                assertTrue(((PageLayout) strPage.encoding()).hasFullZipLayout(), "values up to 360 bytes: full-zip");
                for (var col : batch.pageTable()) {
                    for (var p : col.pages()) {
                        for (long off : p.bufferOffsets()) {
                            assertEquals(0, off % 64, "buffers start 64-aligned");
                        }
                    }
                }
                assertTrue(batch.data().size() >= 64 * 3);
            }
        }
        assertEquals(List.of(), OffHeapArena.openArenas());
    }

    @Test
    void twoZeroIsNotWrittenYet() {
        assertThrows(UnsupportedOperationException.class, () -> EncodingStrategies.defaultEncodingStrategy(FormatVersion.V2_0));
    }
}
