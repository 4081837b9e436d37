package dev.jlance.bench.data;

import java.util.function.Function;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * One column of a dataset: its Arrow field, how often it is null and how its values are made.
 *
 * @param field the Arrow field (nullable or not; a nullable field may still hold no null, as real
 *     schemas often declare)
 * @param nullFraction probability that a row is null (0 for a not-null field)
 * @param values makes the column's value stream from the column's own random generator
 */
public record ColumnSpec(Field field, double nullFraction, Function<Rng, ValueWriter> values) {

    public ColumnSpec {
        if (nullFraction < 0 || nullFraction >= 1) {
            throw new IllegalArgumentException("null fraction out of [0, 1): " + nullFraction);
        }
        if (nullFraction > 0 && !field.isNullable()) {
            throw new IllegalArgumentException("nulls in the not-null field " + field.getName());
        }
    }

    public static ColumnSpec notNull(String name, ArrowType type, Function<Rng, ValueWriter> values) {
        return new ColumnSpec(Field.notNullable(name, type), 0, values);
    }

    /** A nullable field; {@code nullFraction} of its rows (drawn independently) are null. */
    public static ColumnSpec nullable(String name, ArrowType type, double nullFraction,
            Function<Rng, ValueWriter> values) {
        return new ColumnSpec(Field.nullable(name, type), nullFraction, values);
    }

    /** A column whose field has children (e.g. a fixed-size list). */
    public static ColumnSpec of(Field field, double nullFraction, Function<Rng, ValueWriter> values) {
        return new ColumnSpec(field, nullFraction, values);
    }
}
