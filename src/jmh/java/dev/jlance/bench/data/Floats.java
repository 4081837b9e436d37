package dev.jlance.bench.data;

import static dev.jlance.bench.data.ColumnSpec.notNull;
import static dev.jlance.bench.data.ColumnSpec.nullable;
import static dev.jlance.bench.data.ValueWriter.doubles;

import java.util.List;
import java.util.function.DoubleSupplier;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** Floating-point columns: money, sensor streams, coordinates, ratings, plain noise. */
final class Floats {

    static final long SEED = 0x5EED_0003L;
    private static final double[][] CITIES = {{40.7128, -74.0060}, {51.5074, -0.1278}, {48.8566, 2.3522},
        {35.6762, 139.6503}, {52.5200, 13.4050}, {37.7749, -122.4194}, {-33.8688, 151.2093}, {19.4326, -99.1332},
        {-23.5505, -46.6333}, {28.6139, 77.2090}};
    private static final double[] RATINGS = {5.0, 4.5, 4.0, 3.5, 3.0, 1.0, 2.0, 2.5, 1.5};
    private static final double[] DISCOUNTS = {0.1, 0.05, 0.15, 0.2, 0.25, 0.3, 0.5};

    private Floats() {
    }

    static Dataset create() {
        ArrowType float64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        ArrowType float32 = new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
        return new Dataset("floats", "float64/float32: prices in cents, random walks, coordinates, repeats, noise",
                SEED, List.of(
                notNull("price", float64, doubles(rng -> () -> // 2 decimals, like most prices
                        Math.max(0.5, Math.round(rng.nextLogNormal(19.99, 1.0) * 100) / 100.0))),
                notNull("sensor", float32, doubles(rng -> new DoubleSupplier() { // temperature probe, random walk
                    private double value = 21.5;

                    @Override
                    public double getAsDouble() {
                        value += 0.05 * rng.nextGaussian() - 0.001 * (value - 21.5);
                        return value;
                    }
                })),
                notNull("uniform", float64, doubles(rng -> rng::nextDouble)),
                notNull("rating", float64, doubles(rng -> {
                    Zipf zipf = new Zipf(RATINGS.length, 1.4);
                    return () -> RATINGS[zipf.sample(rng)];
                })),
                notNull("lat", float64, doubles(rng -> near(rng, 0))),
                notNull("lon", float64, doubles(rng -> near(rng, 1))),
                nullable("discount", float32, 0.05, doubles(rng -> {
                    Zipf zipf = new Zipf(DISCOUNTS.length, 1.0);
                    return () -> DISCOUNTS[zipf.sample(rng)];
                }))));
    }

    /**
     * Points scattered around cities. The city of each row comes from a stream both coordinate columns
     * replay (one draw per row, neither column has nulls), so a row's lat and lon belong together.
     */
    private static DoubleSupplier near(Rng rng, int axis) {
        Rng cities = new Rng(SEED, 1_000);
        return () -> CITIES[cities.nextInt(CITIES.length)][axis] + 0.08 * rng.nextGaussian();
    }
}
