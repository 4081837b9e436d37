package dev.jlance.bench.data;

import static dev.jlance.bench.data.ColumnSpec.notNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Shop orders with nested columns: a customer struct, a list of line-item structs, a list of tags
 * (sometimes null) and a list of sensor-like float readings. Every leaf sits under a struct or a
 * list, so the writers shred repetition and definition levels for all of them.
 */
final class Orders {

    static final long SEED = 0x5EED_0007L;
    private static final String[] TAGS = {"gift", "express", "fragile", "b2b", "promo", "return", "bulk", "eco",
        "priority", "international", "pickup", "subscription"};

    private Orders() {
    }

    private static final FieldType NOT_NULL_STRUCT = FieldType.notNullable(ArrowType.Struct.INSTANCE);
    private static final FieldType NOT_NULL_LIST = FieldType.notNullable(ArrowType.List.INSTANCE);

    static Dataset create() {
        Field customer = new Field("customer", NOT_NULL_STRUCT, List.of(
                Field.notNullable("name", ArrowType.Utf8.INSTANCE),
                Field.nullable("country", ArrowType.Utf8.INSTANCE),
                Field.notNullable("segment", new ArrowType.Int(32, true))));
        Field item = new Field("item", NOT_NULL_STRUCT, List.of(
                Field.notNullable("sku", ArrowType.Utf8.INSTANCE),
                Field.notNullable("quantity", new ArrowType.Int(32, true)),
                Field.notNullable("price", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE))));
        Field items = new Field("items", NOT_NULL_LIST, List.of(item));
        Field tags = new Field("tags", FieldType.nullable(ArrowType.List.INSTANCE),
                List.of(Field.notNullable("tag", ArrowType.Utf8.INSTANCE)));
        Field readings = new Field("readings", NOT_NULL_LIST,
                List.of(Field.nullable("reading", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE))));
        return new Dataset("nested", "orders: customer struct, list<struct> line items, list<utf8> tags, "
                + "list<float32> readings", SEED, List.of(
                notNull("order_id", new ArrowType.Int(64, true), ValueWriter.longs(rng -> new LongSupplier() {
                    private long next = 90_000_000L;

                    @Override
                    public long getAsLong() {
                        next += 1 + rng.nextInt(3);
                        return next;
                    }
                })),
                ColumnSpec.of(customer, 0, rng -> {
                    Zipf names = new Zipf(Words.FIRST_NAMES.length, 1.05);
                    Zipf countries = new Zipf(Words.COUNTRIES.length, 1.3);
                    return (vector, row) -> {
                        StructVector s = (StructVector) vector;
                        s.setIndexDefined(row);
                        String name = names.pick(Words.FIRST_NAMES, rng) + " " + rng.pick(Words.LAST_NAMES);
                        ((VarCharVector) s.getChild("name")).setSafe(row, name.getBytes(StandardCharsets.UTF_8));
                        VarCharVector country = (VarCharVector) s.getChild("country");
                        if (rng.chance(0.08)) {
                            country.setNull(row);
                        } else {
                            country.setSafe(row, countries.pick(Words.COUNTRIES, rng).getBytes(StandardCharsets.UTF_8));
                        }
                        ((IntVector) s.getChild("segment")).setSafe(row, rng.nextInt(6));
                    };
                }),
                ColumnSpec.of(items, 0, rng -> {
                    Zipf skus = new Zipf(20_000, 1.1);
                    return (vector, row) -> {
                        ListVector list = (ListVector) vector;
                        int n = 1 + (int) Math.min(15, rng.nextExponential(1.8));
                        int at = list.startNewValue(row);
                        StructVector s = (StructVector) list.getDataVector();
                        VarCharVector sku = (VarCharVector) s.getChild("sku");
                        IntVector qty = (IntVector) s.getChild("quantity");
                        Float8Vector price = (Float8Vector) s.getChild("price");
                        for (int i = 0; i < n; i++) {
                            int k = skus.sample(rng);
                            s.setIndexDefined(at + i);
                            sku.setSafe(at + i, ("SKU-" + (100_000 + k)).getBytes(StandardCharsets.UTF_8));
                            qty.setSafe(at + i, 1 + (int) rng.nextExponential(1.5));
                            price.setSafe(at + i, Math.round(rng.nextLogNormal(25, 0.8) * 100) / 100.0);
                        }
                        list.endValue(row, n);
                    };
                }),
                ColumnSpec.of(tags, 0.3, rng -> (vector, row) -> {
                    ListVector list = (ListVector) vector;
                    int n = rng.nextInt(4);
                    int at = list.startNewValue(row);
                    VarCharVector tag = (VarCharVector) list.getDataVector();
                    for (int i = 0; i < n; i++) {
                        tag.setSafe(at + i, rng.pick(TAGS).getBytes(StandardCharsets.UTF_8));
                    }
                    list.endValue(row, n);
                }),
                ColumnSpec.of(readings, 0, rng -> (vector, row) -> {
                    ListVector list = (ListVector) vector;
                    int n = rng.nextInt(24);
                    int at = list.startNewValue(row);
                    Float4Vector r = (Float4Vector) list.getDataVector();
                    double level = 20 + rng.nextGaussian() * 3;
                    for (int i = 0; i < n; i++) {
                        if (rng.chance(0.02)) {
                            r.setNull(at + i);
                        } else {
                            r.setSafe(at + i, (float) (level + rng.nextGaussian() * 0.2));
                        }
                    }
                    list.endValue(row, n);
                }),
                notNull("total_cents", new ArrowType.Int(64, true),
                        ValueWriter.longs(rng -> () -> (long) (rng.nextLogNormal(4_000, 1.0))))));
    }
}
