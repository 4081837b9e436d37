package dev.jlance.bench.data;

import static dev.jlance.bench.data.ColumnSpec.notNull;
import static dev.jlance.bench.data.ColumnSpec.nullable;
import static dev.jlance.bench.data.ValueWriter.longs;
import static dev.jlance.bench.data.ValueWriter.text;

import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** Documents: titles, paragraphs of 200–2000 bytes (full-zip pages), JSON records. */
final class LongText {

    static final long SEED = 0x5EED_0005L;

    private LongText() {
    }

    static Dataset create() {
        return new Dataset("long_text", "documents: titles, 200-2000 byte paragraphs, JSON blobs", SEED,
                List.of(
                notNull("doc_id", new ArrowType.Int(64, true), longs(rng -> new LongSupplier() {
                    private long next = 1;

                    @Override
                    public long getAsLong() {
                        return next++;
                    }
                })),
                notNull("title", ArrowType.Utf8.INSTANCE, text(rng -> {
                    Text.Prose prose = new Text.Prose();
                    return out -> {
                        prose.sentence(out, rng, 4 + rng.nextInt(9));
                        out.setLength(out.length() - 1); // titles have no full stop
                    };
                })),
                notNull("body", ArrowType.Utf8.INSTANCE, text(rng -> {
                    Text.Prose prose = new Text.Prose();
                    return out -> prose.paragraph(out, rng, 200, 2000);
                })),
                nullable("json", ArrowType.Utf8.INSTANCE, 0.05, text(rng -> {
                    Json json = new Json();
                    return out -> json.record(out, rng);
                }))));
    }

    /** JSON records as an API would log them: nested objects, arrays, numbers, timestamps, text. */
    private static final class Json {
        private final Zipf firsts = new Zipf(Words.FIRST_NAMES.length, 0.9);
        private final Zipf lasts = new Zipf(Words.LAST_NAMES.length, 0.8);
        private final Zipf tags = new Zipf(Words.TAGS.length, 1.0);
        private final Text.Prose prose = new Text.Prose();
        private long id = 90_000;
        private long time = 1_709_251_200L;

        void record(StringBuilder out, Rng rng) {
            id += 1 + rng.nextInt(3);
            time += (long) rng.nextExponential(40);
            String first = firsts.pick(Words.FIRST_NAMES, rng);
            String last = lasts.pick(Words.LAST_NAMES, rng);
            out.append("{\"id\":").append(id)
                    .append(",\"created_at\":\"").append(Instant.ofEpochSecond(time)).append('"')
                    .append(",\"user\":{\"name\":\"").append(first).append(' ').append(last)
                    .append("\",\"email\":\"");
            Text.email(out, rng, first, last, rng.pick(Words.EMAIL_DOMAINS));
            out.append("\",\"verified\":").append(rng.chance(0.7)).append('}');
            out.append(",\"tags\":[");
            int n = rng.nextInt(4);
            for (int i = 0; i < n; i++) {
                out.append(i > 0 ? ",\"" : "\"").append(tags.pick(Words.TAGS, rng)).append('"');
            }
            out.append("],\"items\":[");
            int items = 1 + rng.nextInt(4);
            for (int i = 0; i < items; i++) {
                out.append(i > 0 ? ",{" : "{").append("\"sku\":\"").append(Text.upper(rng)).append(Text.upper(rng))
                        .append('-');
                Text.digits(out, rng.nextInt(100_000), 5);
                out.append("\",\"qty\":").append(1 + rng.nextInt(5))
                        .append(",\"price\":").append(Math.round(rng.nextLogNormal(20, 0.8) * 100) / 100.0).append('}');
            }
            out.append("],\"score\":").append(Math.round(rng.nextDouble() * 1000) / 1000.0);
            if (rng.chance(0.6)) {
                out.append(",\"comment\":\"");
                prose.sentence(out, rng, 4 + rng.nextInt(20));
                out.append('"');
            }
            out.append('}');
        }
    }
}
