package dev.jlance.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.SchemaMismatchException;
import dev.jlance.UnsupportedTypeException;
import dev.jlance.file.LanceFileWriter;
import dev.jlance.file.WriteOptions;
import dev.jlance.memory.OffHeapArena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider.MapDictionaryProvider;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Dictionary-encoded input the writer must refuse: at open for what the schema and provider say,
 * at write for what a batch holds, always naming the column and leaving no file behind.
 */
class ArrowDictionaryErrorTest extends ConformanceTestBase {

    private static final ArrowType.Int INT32 = new ArrowType.Int(32, true);
    private static final DictionaryEncoding ENCODING = new DictionaryEncoding(3, false, INT32);

    private static Schema schema() {
        return new Schema(List.of(new Field("id", FieldType.notNullable(INT32), null),
                new Field("color", new FieldType(true, INT32, ENCODING), null)));
    }

    private MapDictionaryProvider provider(FieldVector values) {
        MapDictionaryProvider p = new MapDictionaryProvider();
        p.put(new Dictionary(track(values), ENCODING));
        return p;
    }

    private VarCharVector colors(String... values) {
        VarCharVector v = new VarCharVector("values", allocator);
        v.allocateNew();
        for (int i = 0; i < values.length; i++) {
            v.setSafe(i, values[i].getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        v.setValueCount(values.length);
        return v;
    }

    private VectorSchemaRoot batch(long... keys) {
        VectorSchemaRoot root = track(VectorSchemaRoot.create(schema(), allocator));
        root.allocateNew();
        for (int i = 0; i < keys.length; i++) {
            ((IntVector) root.getVector(0)).setSafe(i, i);
            ((BaseIntVector) root.getVector(1)).setWithPossibleTruncate(i, keys[i]);
        }
        root.setRowCount(keys.length);
        return root;
    }

    private static void assertDirEmpty(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            assertEquals(List.of(), s.toList(), "nothing may be left in " + dir);
        }
    }

    // ---------------------------------------------------------------------------------------
    // At open
    // ---------------------------------------------------------------------------------------

    @Test
    void aDictionaryFieldNeedsItsDictionaryWhenTheWriterOpens() throws Exception {
        Path dir = newDir("open");
        Path file = dir.resolve("t.lance");
        var noProvider = assertThrows(IllegalArgumentException.class,
                () -> LanceFileWriter.open(file, schema(), WriteOptions.defaults()).close());
        assertTrue(noProvider.getMessage().contains("'color'") && noProvider.getMessage().contains("DictionaryProvider"),
                noProvider::getMessage);
        var missing = assertThrows(IllegalArgumentException.class,
                () -> LanceFileWriter.open(file, schema(), WriteOptions.defaults(), new MapDictionaryProvider()).close());
        assertTrue(missing.getMessage().contains("'color'") && missing.getMessage().contains("dictionary id 3"),
                missing::getMessage);
        assertDirEmpty(dir);
    }

    @Test
    void aDictionaryFieldMustHaveItsIndexTypeAsType() throws Exception {
        Path dir = newDir("form");
        // the IPC message form (value type + encoding) describes value vectors, not keys
        Schema schema = new Schema(List.of(new Field("color", new FieldType(true, ArrowType.Utf8.INSTANCE, ENCODING),
                null)));
        var e = assertThrows(IllegalArgumentException.class, () -> LanceFileWriter.open(dir.resolve("t.lance"), schema,
                WriteOptions.defaults(), provider(colors("red"))).close());
        assertTrue(e.getMessage().contains("'color'") && e.getMessage().contains("index type"), e::getMessage);
        assertDirEmpty(dir);
    }

    static Stream<ArrowType> unsupportedValueTypes() {
        return Stream.of(new ArrowType.Decimal(20, 3, 128), new ArrowType.Decimal(40, 3, 256),
                new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"), new ArrowType.Timestamp(TimeUnit.SECOND, null),
                new ArrowType.Date(DateUnit.DAY), new ArrowType.Time(TimeUnit.MILLISECOND, 32),
                new ArrowType.Duration(TimeUnit.NANOSECOND), new ArrowType.FixedSizeBinary(3), ArrowType.Null.INSTANCE,
                new ArrowType.Interval(org.apache.arrow.vector.types.IntervalUnit.DAY_TIME));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsupportedValueTypes")
    void valuesOfficialLanceCannotDescribeAreRefusedAtOpen(ArrowType valueType) throws Exception {
        Path dir = newDir("values");
        FieldVector values = valueType instanceof ArrowType.Null ? new NullVector("values", 2)
                : new Field("values", FieldType.nullable(valueType), null).createVector(allocator);
        var e = assertThrows(UnsupportedTypeException.class, () -> LanceFileWriter.open(dir.resolve("t.lance"),
                schema(), WriteOptions.defaults(), provider(values)).close());
        String type = "Dictionary(" + INT32 + ", " + valueType + ")";
        assertEquals("color", e.fieldPath());
        assertEquals(type, e.arrowType());
        assertTrue(e.getMessage().contains("'color'") && e.getMessage().contains(type), e::getMessage);
        assertDirEmpty(dir);
    }

    @Test
    void nestedValuesAreRefusedAtOpen() throws Exception {
        Path dir = newDir("nested");
        Field struct = new Field("values", FieldType.nullable(ArrowType.Struct.INSTANCE),
                List.of(new Field("x", FieldType.nullable(INT32), null)));
        var e = assertThrows(UnsupportedTypeException.class, () -> LanceFileWriter.open(dir.resolve("t.lance"),
                schema(), WriteOptions.defaults(), provider(struct.createVector(allocator))).close());
        assertEquals("color", e.fieldPath());
        assertDirEmpty(dir);
    }

    // ---------------------------------------------------------------------------------------
    // At write: the batch is refused, the file abandoned
    // ---------------------------------------------------------------------------------------

    private void assertWriteFails(Class<? extends Exception> type, String mustContain, MapDictionaryProvider provider,
            java.util.function.Consumer<MapDictionaryProvider> beforeBadBatch, VectorSchemaRoot bad) throws Exception {
        Path dir = newDir("write");
        Path file = dir.resolve("t.lance");
        List<Exception> seen = new ArrayList<>();
        try (LanceFileWriter writer = LanceFileWriter.open(file, schema(), WriteOptions.defaults(), provider)) {
            writer.write(batch(0, 1, 0));
            beforeBadBatch.accept(provider);
            Exception e = assertThrows(type, () -> writer.write(bad));
            seen.add(e);
            assertThrows(IllegalStateException.class, () -> writer.write(batch(0)), "the writer refuses further use");
        }
        String message = seen.getFirst().getMessage();
        assertTrue(message.contains("'color'") && message.contains(mustContain), message);
        assertFalse(Files.exists(file), "a failed write publishes no file");
        assertDirEmpty(dir);
        assertEquals(List.of(), OffHeapArena.openArenas(), "a failed write releases its memory");
    }

    @Test
    void aBatchWhoseDictionaryIsMissingIsRefusedNamingTheColumn() throws Exception {
        // the provider no longer has the dictionary (MapDictionaryProvider cannot forget one: switch providers)
        Path dir = newDir("forgot");
        var switching = new DictionaryHarness.SwitchingProvider(provider(colors("red")));
        try (LanceFileWriter writer = LanceFileWriter.open(dir.resolve("t.lance"), schema(), WriteOptions.defaults(),
                switching)) {
            writer.write(batch(0, 0));
            switching.current = new MapDictionaryProvider();
            var e = assertThrows(IllegalArgumentException.class, () -> writer.write(batch(0)));
            assertTrue(e.getMessage().contains("'color'") && e.getMessage().contains("no dictionary with that id"),
                    e::getMessage);
        }
        assertDirEmpty(dir);
        assertEquals(List.of(), OffHeapArena.openArenas(), "a failed write releases its memory");
    }

    @Test
    void keysOutsideTheDictionaryAreRefusedNamingColumnAndRow() throws Exception {
        assertWriteFails(IllegalArgumentException.class, "row 2", provider(colors("red", "green")), p -> { },
                batch(0, 1, 2));
        assertWriteFails(IllegalArgumentException.class, "key -1", provider(colors("red", "green")), p -> { },
                batch(1, -1));
    }

    @Test
    void aDictionaryWhoseValuesChangeTypeIsASchemaMismatch() throws Exception {
        MapDictionaryProvider p = provider(colors("red", "green"));
        assertWriteFails(SchemaMismatchException.class, "Int(32, true)", p, q -> {
            IntVector ints = track(new IntVector("values", allocator));
            ints.allocateNew(2);
            ints.setValueCount(2);
            q.put(new Dictionary(ints, ENCODING));
        }, batch(0));
    }
}
