package dev.jlance.bench.data;

import static dev.jlance.bench.data.ColumnSpec.notNull;
import static dev.jlance.bench.data.ColumnSpec.nullable;
import static dev.jlance.bench.data.ValueWriter.longs;

import java.util.List;
import java.util.function.LongSupplier;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** Integer columns of the shapes tables are full of: keys, counters, codes, flags, measurements. */
final class Integers {

    static final long SEED = 0x5EED_0002L;
    /** 2023-01-01T00:00:00Z in seconds. */
    private static final long START_SECONDS = 1_672_531_200L;
    /** Three /16 networks most addresses come from (10.20/16, 172.16/16, 192.168/16), then the rest. */
    private static final long[] NETWORKS = {0x0A14_0000L, 0xAC10_0000L, 0xC0A8_0000L};

    private Integers() {
    }

    static Dataset create() {
        ArrowType int64 = new ArrowType.Int(64, true);
        return new Dataset("integers", "int8..int64 and uint32: sequences, ranges, Zipf, runs, constants, signs",
                SEED, List.of(
                notNull("seq", int64, longs(rng -> new LongSupplier() {
                    private long next;

                    @Override
                    public long getAsLong() {
                        return next++;
                    }
                })),
                notNull("small_range", int64, longs(rng -> () -> rng.nextInt(1001))),
                notNull("full_range", int64, longs(rng -> rng::nextLong)),
                notNull("zipf_int32", new ArrowType.Int(32, true), longs(rng -> {
                    Zipf zipf = new Zipf(10_000, 1.3);
                    return () -> zipf.sample(rng);
                })),
                notNull("sorted_runs", int64, longs(rng -> new LongSupplier() { // a table sorted by a category key
                    private long value = 1_000;
                    private long left;

                    @Override
                    public long getAsLong() {
                        if (left == 0) {
                            value += 1 + rng.nextInt(3);
                            left = 1 + (long) rng.nextExponential(400);
                        }
                        left--;
                        return value;
                    }
                })),
                notNull("int8_temp", new ArrowType.Int(8, true), // outdoor temperatures, °C
                        longs(rng -> () -> Math.round(12 + 11 * rng.nextGaussian()))),
                notNull("int16_quantity", new ArrowType.Int(16, true), // order quantities, mostly small
                        longs(rng -> () -> Math.min(30_000, 1 + (long) rng.nextLogNormal(3, 1.2)))),
                notNull("uint32_ipv4", new ArrowType.Int(32, false), longs(rng -> () -> {
                    if (rng.chance(0.7)) {
                        return NETWORKS[rng.nextInt(NETWORKS.length)] | rng.nextInt(1 << 16);
                    }
                    return rng.nextLong() >>> 32;
                })),
                nullable("ts_seconds", new ArrowType.Timestamp(TimeUnit.SECOND, null), 0.05,
                        longs(rng -> new LongSupplier() {
                            private long t = START_SECONDS;

                            @Override
                            public long getAsLong() {
                                t += (long) rng.nextExponential(3);
                                return t;
                            }
                        })),
                notNull("all_zero", int64, longs(rng -> () -> 0)),
                notNull("constant", new ArrowType.Int(32, true), longs(rng -> () -> 42)),
                notNull("signed_delta", int64, // balance changes: mostly small, both signs, a few large
                        longs(rng -> () -> Math.round(rng.nextGaussian() * (rng.chance(0.02) ? 1_000_000 : 5_000)))),
                nullable("nullable_int32", new ArrowType.Int(32, true), 0.05, longs(rng -> () -> rng.nextInt(101)))));
    }
}
