package dev.jlance.cli;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A reproducible table of shop events covering the flat types jlance writes, plus nested columns:
 * tags ({@code list<utf8>}), a location ({@code struct}) and basket items ({@code list<struct>}). Every value is a
 * function of the seed and its row number alone, so any split of the rows into batches yields the
 * same table.
 */
final class DemoTable {

    static final long DEFAULT_SEED = 20_250_101L;

    static final int EVENT_ID = 0;
    static final int USER_ID = 1;
    static final int TS = 2;
    static final int EVENT_DATE = 3;
    static final int CATEGORY = 4;
    static final int URL = 5;
    static final int MESSAGE = 6;
    static final int PRICE = 7;
    static final int SCORE = 8;
    static final int RATIO = 9;
    static final int FLAG = 10;
    static final int RETRIES = 11;
    static final int HASH = 12;
    static final int PAYLOAD = 13;
    static final int COUPON = 14;
    static final int DWELL = 15;
    static final int LOCAL_TIME = 16;
    static final int TAGS = 17;
    static final int LOCATION = 18;
    static final int ITEMS = 19;

    static final int HASH_WIDTH = 16;
    static final int MAX_USERS = 2_000_000;
    /** 2025-01-01T00:00:00Z in microseconds. */
    static final long FIRST_TS_MICROS = 1_735_689_600_000_000L;
    /** Average gap between events; each event lands somewhere in its own slot, so ts strictly increases. */
    static final int TS_STEP_MICROS = 2_500_000;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private static final Schema SCHEMA = new Schema(List.of(
            field("event_id", false, new ArrowType.Int(64, true)),
            field("user_id", false, new ArrowType.Int(32, true)),
            field("ts", false, new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
            field("event_date", false, new ArrowType.Date(DateUnit.DAY)),
            field("category", false, ArrowType.Utf8.INSTANCE),
            field("url", false, ArrowType.Utf8.INSTANCE),
            field("message", true, ArrowType.Utf8.INSTANCE),
            field("price", false, new ArrowType.Decimal(12, 2, 128)),
            field("score", true, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            field("ratio", false, new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
            field("flag", false, ArrowType.Bool.INSTANCE),
            field("retries", false, new ArrowType.Int(8, false)),
            field("hash", false, new ArrowType.FixedSizeBinary(HASH_WIDTH)),
            field("payload", true, ArrowType.Binary.INSTANCE),
            field("coupon", true, ArrowType.Utf8.INSTANCE),
            field("dwell", true, new ArrowType.Duration(TimeUnit.MILLISECOND)),
            field("local_time", false, new ArrowType.Time(TimeUnit.MICROSECOND, 64)),
            new Field("tags", FieldType.nullable(ArrowType.List.INSTANCE),
                    List.of(field("item", false, ArrowType.Utf8.INSTANCE))),
            new Field("location", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(
                    field("lat", false, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                    field("lon", false, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                    field("city", true, ArrowType.Utf8.INSTANCE))),
            new Field("items", FieldType.notNullable(ArrowType.List.INSTANCE), List.of(
                    new Field("item", FieldType.notNullable(ArrowType.Struct.INSTANCE), List.of(
                            field("sku", false, new ArrowType.Int(64, true)),
                            field("qty", false, new ArrowType.Int(32, true)),
                            field("unit_price", true, new ArrowType.Decimal(12, 2, 128))))))));

    private static final List<String> TAG_WORDS = List.of("sale", "new", "gift", "eco", "bundle", "clearance",
            "limited", "premium", "refurbished", "bestseller", "imported", "handmade", "organic", "kids", "outdoor",
            "vintage", "smart", "wireless", "local", "seasonal");
    private static final List<String> CITIES = List.of("Lisbon", "Osaka", "Nairobi", "Toronto", "Lima", "Oslo",
            "Pune", "Denver", "Kraków", "São Paulo", "Ghent", "Hobart");

    private final DemoRandom random;
    private final byte[] hash = new byte[HASH_WIDTH];
    private final byte[] payload = new byte[128];

    DemoTable(long seed) {
        this.random = new DemoRandom(seed);
    }

    static Schema schema() {
        return SCHEMA;
    }

    /**
     * Replaces the contents of {@code root} (made from {@link #schema()}) with rows
     * {@code [firstRow, firstRow + rowCount)}.
     */
    void fill(VectorSchemaRoot root, long firstRow, int rowCount) {
        for (FieldVector vector : root.getFieldVectors()) {
            vector.setInitialCapacity(rowCount);
            vector.allocateNew();
        }
        BigIntVector eventId = (BigIntVector) root.getVector(EVENT_ID);
        IntVector userId = (IntVector) root.getVector(USER_ID);
        TimeStampMicroTZVector ts = (TimeStampMicroTZVector) root.getVector(TS);
        DateDayVector eventDate = (DateDayVector) root.getVector(EVENT_DATE);
        VarCharVector category = (VarCharVector) root.getVector(CATEGORY);
        VarCharVector url = (VarCharVector) root.getVector(URL);
        VarCharVector message = (VarCharVector) root.getVector(MESSAGE);
        DecimalVector price = (DecimalVector) root.getVector(PRICE);
        Float8Vector score = (Float8Vector) root.getVector(SCORE);
        Float4Vector ratio = (Float4Vector) root.getVector(RATIO);
        BitVector flag = (BitVector) root.getVector(FLAG);
        UInt1Vector retries = (UInt1Vector) root.getVector(RETRIES);
        FixedSizeBinaryVector hashes = (FixedSizeBinaryVector) root.getVector(HASH);
        VarBinaryVector payloads = (VarBinaryVector) root.getVector(PAYLOAD);
        VarCharVector coupon = (VarCharVector) root.getVector(COUPON);
        DurationVector dwell = (DurationVector) root.getVector(DWELL);
        TimeMicroVector localTime = (TimeMicroVector) root.getVector(LOCAL_TIME);

        for (int i = 0; i < rowCount; i++) {
            long row = firstRow + i;
            int user = userId(row);
            long micros = tsMicros(row);
            String categoryName = DemoText.CATEGORIES.get(categoryIndex(row));
            eventId.setSafe(i, row + 1);
            userId.setSafe(i, user);
            ts.setSafe(i, micros);
            eventDate.setSafe(i, (int) Math.floorDiv(micros, MICROS_PER_DAY));
            category.setSafe(i, utf8(categoryName));
            setUrl(url, i, row, categoryName);
            setMessage(message, i, row);
            price.setSafe(i, priceCents(row));
            setScore(score, i, row);
            ratio.setSafe(i, (float) random.cell(RATIO, row).nextDouble());
            flag.setSafe(i, random.cell(FLAG, row).chance(0.3) ? 1 : 0);
            retries.setSafe(i, retries(row));
            setHash(hashes, i, row);
            setPayload(payloads, i, row);
            setCoupon(coupon, i, row);
            setDwell(dwell, i, row);
            localTime.setSafe(i, localTimeMicros(micros, user));
            setTags((ListVector) root.getVector(TAGS), i, row);
            setLocation((StructVector) root.getVector(LOCATION), i, row);
            setItems((ListVector) root.getVector(ITEMS), i, row);
        }
        root.setRowCount(rowCount);
    }

    private static Field field(String name, boolean nullable, ArrowType type) {
        return new Field(name, new FieldType(nullable, type, null), null);
    }

    /** Zipf-like: log-uniform over [1, MAX_USERS], so user 1 is the busiest and most users are rare. */
    int userId(long row) {
        return (int) Math.exp(random.cell(USER_ID, row).nextDouble() * Math.log(MAX_USERS));
    }

    long tsMicros(long row) {
        return FIRST_TS_MICROS + row * TS_STEP_MICROS + random.cell(TS, row).nextInt(TS_STEP_MICROS);
    }

    int categoryIndex(long row) {
        return DemoText.categoryIndex(random.cell(CATEGORY, row));
    }

    /** Unscaled decimal(12, 2): mostly $x.99, prices spread log-uniformly between $1 and $5,000. */
    long priceCents(long row) {
        DemoRandom r = random.cell(PRICE, row);
        long dollars = (long) Math.exp(r.nextDouble() * Math.log(5_000));
        double shape = r.nextDouble();
        long cents = shape < 0.6 ? 99 : shape < 0.8 ? 0 : r.nextInt(100);
        return dollars * 100 + cents;
    }

    /** Mostly 0, sometimes a few, rarely the 255 sentinel. */
    int retries(long row) {
        DemoRandom r = random.cell(RETRIES, row);
        if (r.chance(0.001)) {
            return 255;
        }
        int n = 0;
        while (n < 254 && r.chance(0.35)) {
            n++;
        }
        return n;
    }

    private static long localTimeMicros(long utcMicros, int user) {
        long offsetHours = user % 24 - 11;
        return Math.floorMod(utcMicros + offsetHours * 3_600_000_000L, MICROS_PER_DAY);
    }

    private void setUrl(VarCharVector vector, int index, long row, String category) {
        StringBuilder text = new StringBuilder(96);
        DemoText.url(text, random.cell(URL, row), category);
        vector.setSafe(index, utf8(text));
    }

    /** 8% null, 3% long (over 256 bytes), the rest short. */
    private void setMessage(VarCharVector vector, int index, long row) {
        DemoRandom r = random.cell(MESSAGE, row);
        double kind = r.nextDouble();
        if (kind < 0.08) {
            vector.setNull(index);
            return;
        }
        // A fresh builder each time: one that ever held a non-Latin-1 character stays UTF-16 (slow).
        StringBuilder text = new StringBuilder(64);
        DemoText.message(text, r, kind >= 0.97);
        vector.setSafe(index, utf8(text));
    }

    /** 2% null, 1% NaN, otherwise a bell-shaped score in [0, 100] with two decimals. */
    private void setScore(Float8Vector vector, int index, long row) {
        DemoRandom r = random.cell(SCORE, row);
        double kind = r.nextDouble();
        if (kind < 0.02) {
            vector.setNull(index);
        } else if (kind < 0.03) {
            vector.setSafe(index, Double.NaN);
        } else {
            double bell = (r.nextDouble() + r.nextDouble() + r.nextDouble() + r.nextDouble()) / 4;
            vector.setSafe(index, Math.round(bell * 10_000) / 100.0);
        }
    }

    private void setHash(FixedSizeBinaryVector vector, int index, long row) {
        DemoRandom r = random.cell(HASH, row);
        for (int word = 0; word < HASH_WIDTH / Long.BYTES; word++) {
            long bits = r.nextLong();
            for (int b = 0; b < Long.BYTES; b++) {
                hash[word * Long.BYTES + b] = (byte) (bits >>> (8 * b));
            }
        }
        vector.setSafe(index, hash);
    }

    /** 5% null, 10% empty, otherwise a small record: a 2-byte tag, a length byte and random bytes. */
    private void setPayload(VarBinaryVector vector, int index, long row) {
        DemoRandom r = random.cell(PAYLOAD, row);
        double kind = r.nextDouble();
        if (kind < 0.05) {
            vector.setNull(index);
            return;
        }
        int length = kind < 0.15 ? 0 : 3 + r.nextInt(payload.length - 3);
        if (length > 0) {
            payload[0] = (byte) 0xCA;
            payload[1] = (byte) 0xFE;
            payload[2] = (byte) (length - 3);
            for (int b = 3; b < length; b++) {
                payload[b] = (byte) r.nextInt(256);
            }
        }
        vector.setSafe(index, payload, 0, length);
    }

    /** 98.5% null. */
    private void setCoupon(VarCharVector vector, int index, long row) {
        DemoRandom r = random.cell(COUPON, row);
        if (r.chance(0.985)) {
            vector.setNull(index);
        } else {
            vector.setSafe(index, utf8(DemoText.coupon(r)));
        }
    }

    /** 5% null, otherwise exponential with a 45 s mean, in milliseconds. */
    private void setDwell(DurationVector vector, int index, long row) {
        DemoRandom r = random.cell(DWELL, row);
        if (r.chance(0.05)) {
            vector.setNull(index);
        } else {
            vector.setSafe(index, (long) (-Math.log(1 - r.nextDouble()) * 45_000));
        }
    }

    /** 5% null, 15% empty, otherwise one to four tags from a small vocabulary. */
    private void setTags(ListVector vector, int index, long row) {
        DemoRandom r = random.cell(TAGS, row);
        double kind = r.nextDouble();
        if (kind < 0.05) {
            vector.setNull(index);
            return;
        }
        int count = kind < 0.2 ? 0 : 1 + r.nextInt(4);
        VarCharVector words = (VarCharVector) vector.getDataVector();
        int start = vector.startNewValue(index);
        for (int t = 0; t < count; t++) {
            words.setSafe(start + t, utf8(TAG_WORDS.get(r.nextInt(TAG_WORDS.size()))));
        }
        words.setValueCount(start + count);
        vector.endValue(index, count);
    }

    /** 10% null; coordinates spread over the globe; the city is missing for a fifth of them. */
    private void setLocation(StructVector vector, int index, long row) {
        DemoRandom r = random.cell(LOCATION, row);
        Float8Vector lat = (Float8Vector) vector.getChild("lat");
        Float8Vector lon = (Float8Vector) vector.getChild("lon");
        VarCharVector city = (VarCharVector) vector.getChild("city");
        if (r.chance(0.1)) {
            vector.setNull(index);
            lat.setSafe(index, 0);
            lon.setSafe(index, 0);
            city.setNull(index);
        } else {
            vector.setIndexDefined(index);
            lat.setSafe(index, Math.round((r.nextDouble() * 180 - 90) * 1e5) / 1e5);
            lon.setSafe(index, Math.round((r.nextDouble() * 360 - 180) * 1e5) / 1e5);
            if (r.chance(0.2)) {
                city.setNull(index);
            } else {
                city.setSafe(index, utf8(CITIES.get(r.nextInt(CITIES.size()))));
            }
        }
        lat.setValueCount(index + 1);
        lon.setValueCount(index + 1);
        city.setValueCount(index + 1);
    }

    /** Zero to five basket items; a few have no price yet. */
    private void setItems(ListVector vector, int index, long row) {
        DemoRandom r = random.cell(ITEMS, row);
        int count = r.nextInt(6);
        StructVector item = (StructVector) vector.getDataVector();
        BigIntVector sku = (BigIntVector) item.getChild("sku");
        IntVector qty = (IntVector) item.getChild("qty");
        DecimalVector unitPrice = (DecimalVector) item.getChild("unit_price");
        int start = vector.startNewValue(index);
        for (int k = 0; k < count; k++) {
            int at = start + k;
            item.setIndexDefined(at);
            sku.setSafe(at, 100_000 + r.nextInt(50_000));
            qty.setSafe(at, 1 + (r.chance(0.8) ? 0 : r.nextInt(9)));
            if (r.chance(0.03)) {
                unitPrice.setNull(at);
            } else {
                unitPrice.setSafe(at, priceCents(row * 8 + k));
            }
        }
        int end = start + count;
        item.setValueCount(end);
        sku.setValueCount(end);
        qty.setValueCount(end);
        unitPrice.setValueCount(end);
        vector.endValue(index, count);
    }

    private static byte[] utf8(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
