package dev.jlance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DemoTableTest {

    private static final int ROWS = 20_000;

    private BufferAllocator allocator;

    @BeforeEach
    void createAllocator() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void closeAllocator() {
        allocator.close(); // fails the test if anything leaked
    }

    private VectorSchemaRoot generate(long seed, long firstRow, int rows) {
        VectorSchemaRoot root = VectorSchemaRoot.create(DemoTable.schema(), allocator);
        new DemoTable(seed).fill(root, firstRow, rows);
        return root;
    }

    @Test
    void coversTheFlatTypesWithTheRightNullability() {
        Map<String, ArrowType> expected = new LinkedHashMap<>();
        expected.put("event_id", new ArrowType.Int(64, true));
        expected.put("user_id", new ArrowType.Int(32, true));
        expected.put("ts", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"));
        expected.put("event_date", new ArrowType.Date(DateUnit.DAY));
        expected.put("category", ArrowType.Utf8.INSTANCE);
        expected.put("url", ArrowType.Utf8.INSTANCE);
        expected.put("message", ArrowType.Utf8.INSTANCE);
        expected.put("price", new ArrowType.Decimal(12, 2, 128));
        expected.put("score", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));
        expected.put("ratio", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE));
        expected.put("flag", ArrowType.Bool.INSTANCE);
        expected.put("retries", new ArrowType.Int(8, false));
        expected.put("hash", new ArrowType.FixedSizeBinary(16));
        expected.put("payload", ArrowType.Binary.INSTANCE);
        expected.put("coupon", ArrowType.Utf8.INSTANCE);
        expected.put("dwell", new ArrowType.Duration(TimeUnit.MILLISECOND));
        expected.put("local_time", new ArrowType.Time(TimeUnit.MICROSECOND, 64));
        expected.put("tags", ArrowType.List.INSTANCE);
        expected.put("location", ArrowType.Struct.INSTANCE);
        expected.put("items", ArrowType.List.INSTANCE);
        List<Field> fields = DemoTable.schema().getFields();
        assertEquals(List.copyOf(expected.keySet()), fields.stream().map(Field::getName).toList());
        for (Field field : fields) {
            assertEquals(expected.get(field.getName()), field.getType(), field.getName());
        }
        // Every column with nulls is declared nullable, and only those.
        Set<String> nullable = Set.of("message", "score", "payload", "coupon", "dwell", "tags",
                "location");
        try (VectorSchemaRoot root = generate(DemoTable.DEFAULT_SEED, 0, ROWS)) {
            for (Field field : fields) {
                assertEquals(nullable.contains(field.getName()), field.isNullable(), field.getName());
                assertEquals(field.isNullable(), root.getVector(field.getName()).getNullCount() > 0,
                        field.getName() + " has nulls exactly when nullable");
            }
        }
    }

    @Test
    void sameSeedGivesSameTable() {
        try (VectorSchemaRoot a = generate(42, 0, ROWS); VectorSchemaRoot b = generate(42, 0, ROWS)) {
            assertTrue(a.equals(b));
        }
    }

    @Test
    void otherSeedGivesOtherValues() {
        try (VectorSchemaRoot a = generate(42, 0, ROWS); VectorSchemaRoot b = generate(43, 0, ROWS)) {
            assertFalse(a.equals(b));
            for (String column : List.of("user_id", "url", "price", "hash")) {
                int same = 0;
                for (int i = 0; i < ROWS; i++) {
                    if (Objects.deepEquals(a.getVector(column).getObject(i), b.getVector(column).getObject(i))) {
                        same++;
                    }
                }
                assertTrue(same < ROWS / 2, column + " hardly depends on the seed: " + same + " equal rows");
            }
            assertEquals(a.getVector("event_id").getObject(7), b.getVector("event_id").getObject(7));
        }
    }

    @Test
    void batchingDoesNotChangeTheValues() {
        try (VectorSchemaRoot whole = generate(7, 0, ROWS);
                VectorSchemaRoot part = VectorSchemaRoot.create(DemoTable.schema(), allocator)) {
            DemoTable table = new DemoTable(7);
            int batch = 777;
            for (int first = 0; first < ROWS; first += batch) {
                int rows = Math.min(batch, ROWS - first);
                table.fill(part, first, rows); // the same root, refilled: as the demo command does
                assertEquals(rows, part.getRowCount());
                for (FieldVector vector : part.getFieldVectors()) {
                    FieldVector expected = whole.getVector(vector.getName());
                    for (int i = 0; i < rows; i++) {
                        assertTrue(Objects.deepEquals(expected.getObject(first + i), vector.getObject(i)),
                                vector.getName() + " row " + (first + i));
                    }
                }
            }
        }
    }

    @Test
    void valuesLookLikeTheDescription() {
        try (VectorSchemaRoot root = generate(DemoTable.DEFAULT_SEED, 1_000, ROWS)) {
            BigIntVector eventId = (BigIntVector) root.getVector("event_id");
            IntVector userId = (IntVector) root.getVector("user_id");
            TimeStampMicroTZVector ts = (TimeStampMicroTZVector) root.getVector("ts");
            DateDayVector eventDate = (DateDayVector) root.getVector("event_date");
            VarCharVector category = (VarCharVector) root.getVector("category");
            VarCharVector url = (VarCharVector) root.getVector("url");
            VarCharVector message = (VarCharVector) root.getVector("message");
            Float8Vector score = (Float8Vector) root.getVector("score");
            UInt1Vector retries = (UInt1Vector) root.getVector("retries");
            FixedSizeBinaryVector hash = (FixedSizeBinaryVector) root.getVector("hash");
            VarBinaryVector payload = (VarBinaryVector) root.getVector("payload");
            TimeMicroVector localTime = (TimeMicroVector) root.getVector("local_time");

            Set<String> categories = new HashSet<>();
            Map<Integer, Integer> users = new HashMap<>();
            int longMessages = 0;
            int nonAscii = 0;
            int nan = 0;
            int emptyPayloads = 0;
            int bigRetries = 0;
            for (int i = 0; i < ROWS; i++) {
                assertEquals(1_000 + i + 1, eventId.get(i), "sequential event ids");
                assertTrue(userId.get(i) >= 1 && userId.get(i) <= DemoTable.MAX_USERS);
                users.merge(userId.get(i), 1, Integer::sum);
                if (i > 0) {
                    assertTrue(ts.get(i) > ts.get(i - 1), "ts increases");
                }
                assertEquals(Math.floorDiv(ts.get(i), 86_400_000_000L), eventDate.get(i));
                assertTrue(localTime.get(i) >= 0 && localTime.get(i) < 86_400_000_000L);
                categories.add(category.getObject(i).toString());
                assertTrue(url.getObject(i).toString().startsWith("https://"));
                if (!message.isNull(i)) {
                    byte[] bytes = message.get(i);
                    longMessages += bytes.length > 256 ? 1 : 0;
                    nonAscii += bytes.length != message.getObject(i).toString().length() ? 1 : 0;
                }
                nan += !score.isNull(i) && Double.isNaN(score.get(i)) ? 1 : 0;
                assertEquals(16, hash.get(i).length);
                emptyPayloads += !payload.isNull(i) && payload.get(i).length == 0 ? 1 : 0;
                bigRetries += retries.get(i) > 3 ? 1 : 0;
            }
            assertTrue(categories.size() > 10 && categories.size() <= 20, "categories: " + categories);
            int busiest = users.values().stream().max(Integer::compare).orElseThrow();
            assertTrue(busiest > ROWS / 50, "a few users dominate (zipf-like): busiest has " + busiest);
            assertTrue(longMessages > ROWS / 100, "long messages: " + longMessages);
            assertTrue(nonAscii > 0, "some messages are not ASCII");
            assertTrue(nan > 0, "some scores are NaN");
            assertTrue(emptyPayloads > 0, "some payloads are empty");
            assertTrue(bigRetries > 0, "retries has a tail");
            assertTrue(root.getVector("coupon").getNullCount() > ROWS * 95L / 100, "coupon is mostly null");
        }
    }
}
