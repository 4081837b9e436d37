package dev.jlance.bench.data;

import static dev.jlance.bench.data.ColumnSpec.notNull;
import static dev.jlance.bench.data.ValueWriter.longs;
import static dev.jlance.bench.data.ValueWriter.text;

import java.util.List;
import java.util.function.LongSupplier;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Sentence embeddings: unit-length float32 vectors of dimension 384 around topic centroids, in a
 * fixed-size list column (a Lance leaf: 1536-byte rows, so full-zip pages).
 */
final class Embeddings {

    static final long SEED = 0x5EED_0006L;
    static final int DIMENSION = 384;
    private static final int TOPICS = 64;

    private Embeddings() {
    }

    static Dataset create() {
        Field embedding = new Field("embedding", FieldType.notNullable(new ArrowType.FixedSizeList(DIMENSION)),
                List.of(Field.nullable("item", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE))));
        return new Dataset("embeddings", "fixed_size_list<float32, 384> unit vectors around 64 topics", SEED,
                List.of(
                notNull("id", new ArrowType.Int(64, true), longs(rng -> new LongSupplier() {
                    private long next;

                    @Override
                    public long getAsLong() {
                        return next++;
                    }
                })),
                ColumnSpec.of(embedding, 0, rng -> {
                    float[][] centroids = centroids();
                    Rng topics = new Rng(SEED, 1_000); // replayed by the topic column
                    float[] v = new float[DIMENSION];
                    return (vector, row) -> {
                        float[] c = centroids[topics.nextInt(TOPICS)];
                        double norm = 0;
                        for (int k = 0; k < DIMENSION; k++) {
                            v[k] = (float) (c[k] + 0.35 * rng.nextGaussian() / Math.sqrt(DIMENSION));
                            norm += v[k] * v[k];
                        }
                        float scale = (float) (1 / StrictMath.sqrt(norm));
                        FixedSizeListVector list = (FixedSizeListVector) vector;
                        Float4Vector items = (Float4Vector) list.getDataVector();
                        list.setNotNull(row);
                        for (int k = 0; k < DIMENSION; k++) {
                            items.setSafe(row * DIMENSION + k, v[k] * scale);
                        }
                    };
                }),
                notNull("topic", ArrowType.Utf8.INSTANCE, text(rng -> {
                    Rng topics = new Rng(SEED, 1_000);
                    return out -> out.append("topic-").append(topics.nextInt(TOPICS));
                }))));
    }

    /** Unit vectors, one per topic, fixed by the seed. */
    private static float[][] centroids() {
        Rng rng = new Rng(SEED, 2_000);
        float[][] out = new float[TOPICS][DIMENSION];
        for (float[] c : out) {
            double norm = 0;
            for (int k = 0; k < DIMENSION; k++) {
                c[k] = (float) rng.nextGaussian();
                norm += c[k] * c[k];
            }
            for (int k = 0; k < DIMENSION; k++) {
                c[k] = (float) (c[k] / StrictMath.sqrt(norm));
            }
        }
        return out;
    }
}
