package dev.jlance.bench.data;

import static dev.jlance.bench.data.ColumnSpec.notNull;
import static dev.jlance.bench.data.ColumnSpec.nullable;
import static dev.jlance.bench.data.ValueWriter.doubles;
import static dev.jlance.bench.data.ValueWriter.longs;
import static dev.jlance.bench.data.ValueWriter.text;

import java.util.List;
import java.util.function.LongSupplier;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** A web application's event log: one row per request or user action. */
final class EventLog {

    static final long SEED = 0x5EED_0001L;
    /** 2024-03-01T00:00:00Z in microseconds. */
    private static final long START_MICROS = 1_709_251_200_000_000L;
    private static final short[] STATUSES = {200, 304, 404, 302, 301, 201, 204, 400, 401, 403, 500, 429, 502,
        503, 206};
    private static final double[] STATUS_SHARE = {0.80, 0.05, 0.04, 0.025, 0.015, 0.015, 0.01, 0.01, 0.008,
        0.006, 0.006, 0.005, 0.004, 0.003, 0.003};

    private EventLog() {
    }

    static Dataset create() {
        String[] userAgents = Text.userAgents(50, SEED);
        return new Dataset("event_log", "web events: timestamps, ids, Zipf users, URLs, user agents, messages",
                SEED, List.of(
                notNull("ts", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"), longs(rng -> new LongSupplier() {
                    private long base = START_MICROS;

                    @Override
                    public long getAsLong() { // arrivals ~12/s, logged with up to 2 ms of clock jitter
                        base += (long) rng.nextExponential(80_000);
                        return base + rng.nextLong(-2_000, 2_000);
                    }
                })),
                notNull("event_id", new ArrowType.Int(64, true), longs(rng -> new LongSupplier() {
                    private long id = 4_000_000_000L;

                    @Override
                    public long getAsLong() { // ids handed out to events later filtered away leave gaps
                        id += rng.chance(0.03) ? 2 + rng.nextInt(100) : 1;
                        return id;
                    }
                })),
                notNull("user_id", new ArrowType.Int(64, true), longs(rng -> {
                    Zipf users = new Zipf(100_000, 1.1);
                    // the most active users are not the lowest ids: scatter ranks over 1..100000
                    return () -> 1 + (users.sample(rng) * 48_271L) % 100_000;
                })),
                notNull("category", ArrowType.Utf8.INSTANCE, text(rng -> {
                    Zipf zipf = new Zipf(Words.EVENT_CATEGORIES.length, 1.2);
                    return out -> out.append(zipf.pick(Words.EVENT_CATEGORIES, rng));
                })),
                nullable("country", ArrowType.Utf8.INSTANCE, 0.05, text(rng -> {
                    Zipf zipf = new Zipf(Words.COUNTRIES.length, 1.3);
                    return out -> out.append(zipf.pick(Words.COUNTRIES, rng));
                })),
                notNull("status", new ArrowType.Int(16, true), longs(rng -> () -> {
                    double u = rng.nextDouble();
                    for (int i = 0; i < STATUSES.length - 1; i++) {
                        u -= STATUS_SHARE[i];
                        if (u < 0) {
                            return STATUSES[i];
                        }
                    }
                    return STATUSES[STATUSES.length - 1];
                })),
                nullable("latency_ms", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE), 0.05,
                        doubles(rng -> () -> rng.nextLogNormal(45, 0.9))),
                notNull("url", ArrowType.Utf8.INSTANCE, text(rng -> {
                    Text.Urls urls = new Text.Urls();
                    return out -> urls.url(out, rng);
                })),
                nullable("user_agent", ArrowType.Utf8.INSTANCE, 0.05, text(rng -> {
                    Zipf zipf = new Zipf(userAgents.length, 1.0);
                    return out -> out.append(zipf.pick(userAgents, rng));
                })),
                nullable("message", ArrowType.Utf8.INSTANCE, 0.05, text(rng -> {
                    Text.Prose prose = new Text.Prose();
                    return out -> prose.sentence(out, rng, 3 + rng.nextInt(18));
                }))));
    }
}
