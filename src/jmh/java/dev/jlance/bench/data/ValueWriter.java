package dev.jlance.bench.data;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VariableWidthFieldVector;

/**
 * Sets one non-null value of a column: the next value of a stateful stream (a random walk, a
 * sequence), so a column is the same whatever the batch size. Made per column by a factory that
 * receives the column's own {@link Rng}.
 */
@FunctionalInterface
public interface ValueWriter {

    void write(FieldVector vector, int row);

    /** Integers (any int width, signed or unsigned, or a timestamp), truncated to the column's width. */
    static Function<Rng, ValueWriter> longs(Function<Rng, LongSupplier> source) {
        return rng -> {
            LongSupplier values = source.apply(rng);
            return (vector, row) -> setLong(vector, row, values.getAsLong());
        };
    }

    /** float64 or float32 (rounded to float) values. */
    static Function<Rng, ValueWriter> doubles(Function<Rng, DoubleSupplier> source) {
        return rng -> {
            DoubleSupplier values = source.apply(rng);
            return (vector, row) -> {
                double v = values.getAsDouble();
                switch (vector) {
                    case Float8Vector f -> f.setSafe(row, v);
                    case Float4Vector f -> f.setSafe(row, (float) v);
                    default -> throw new IllegalArgumentException("not a float column: " + vector.getField());
                }
            };
        };
    }

    /** Text built into a reused {@link StringBuilder}, stored as UTF-8 (utf8, large_utf8, binary...). */
    static Function<Rng, ValueWriter> text(Function<Rng, Consumer<StringBuilder>> source) {
        return rng -> {
            Consumer<StringBuilder> values = source.apply(rng);
            StringBuilder sb = new StringBuilder();
            return (vector, row) -> {
                sb.setLength(0);
                values.accept(sb);
                ((VariableWidthFieldVector) vector).setSafe(row, sb.toString().getBytes(StandardCharsets.UTF_8));
            };
        };
    }

    /** Raw bytes (binary, large_binary). */
    static Function<Rng, ValueWriter> bytes(Function<Rng, Supplier<byte[]>> source) {
        return rng -> {
            Supplier<byte[]> values = source.apply(rng);
            return (vector, row) -> ((VariableWidthFieldVector) vector).setSafe(row, values.get());
        };
    }

    private static void setLong(FieldVector vector, int row, long v) {
        switch (vector) {
            case BigIntVector b -> b.setSafe(row, v);
            case IntVector b -> b.setSafe(row, (int) v);
            case SmallIntVector b -> b.setSafe(row, (short) v);
            case TinyIntVector b -> b.setSafe(row, (byte) v);
            case UInt8Vector b -> b.setSafe(row, v);
            case UInt4Vector b -> b.setSafe(row, (int) v);
            case UInt2Vector b -> b.setSafe(row, (char) v);
            case UInt1Vector b -> b.setSafe(row, (byte) v);
            case TimeStampVector b -> b.setSafe(row, v);
            default -> throw new IllegalArgumentException("not an integer column: " + vector.getField());
        }
    }
}
