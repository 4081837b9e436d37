package dev.jlance.bench.data;

import static dev.jlance.bench.data.ColumnSpec.notNull;
import static dev.jlance.bench.data.ColumnSpec.nullable;
import static dev.jlance.bench.data.ValueWriter.bytes;
import static dev.jlance.bench.data.ValueWriter.text;

import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** A customer table: names, contact details, identifiers, codes and hashes as strings. */
final class People {

    static final long SEED = 0x5EED_0004L;

    private People() {
    }

    static Dataset create() {
        return new Dataset("people", "strings: names, emails, phones, UUIDs, SKUs, hashes, zips, statuses, "
                + "large_utf8, binary", SEED, List.of(
                notNull("name", ArrowType.Utf8.INSTANCE, text(rng -> {
                    Persons persons = new Persons();
                    return out -> {
                        persons.next();
                        out.append(persons.first).append(' ').append(persons.last);
                    };
                })),
                notNull("email", ArrowType.Utf8.INSTANCE, text(rng -> {
                    Persons persons = new Persons();
                    Zipf domains = new Zipf(Words.EMAIL_DOMAINS.length, 1.3);
                    return out -> {
                        persons.next();
                        Text.email(out, rng, persons.first, persons.last, domains.pick(Words.EMAIL_DOMAINS, rng));
                    };
                })),
                nullable("phone", ArrowType.Utf8.INSTANCE, 0.1, text(rng -> out -> Text.phone(out, rng))),
                notNull("uuid", ArrowType.Utf8.INSTANCE, text(rng -> out -> Text.uuid(out, rng))),
                notNull("sku", ArrowType.Utf8.INSTANCE, text(rng -> { // "AB-12345": 60 product lines
                    Zipf lines = new Zipf(60, 0.9);
                    return out -> {
                        int line = lines.sample(rng);
                        out.append((char) ('A' + line / 26 % 26)).append((char) ('A' + (line * 7) % 26)).append('-');
                        Text.digits(out, rng.nextInt(100_000), 5);
                    };
                })),
                notNull("sha1", ArrowType.Utf8.INSTANCE, text(rng -> out -> Text.hex(out, rng, 40))),
                nullable("zip", ArrowType.Utf8.INSTANCE, 0.02, text(rng -> { // customers cluster in cities
                    Zipf areas = new Zipf(3_000, 0.8);
                    return out -> Text.digits(out, 1_000 + (areas.sample(rng) * 331L) % 98_000, 5);
                })),
                notNull("status", ArrowType.Utf8.INSTANCE, text(rng -> {
                    Zipf zipf = new Zipf(Words.ORDER_STATUSES.length, 1.5);
                    return out -> out.append(zipf.pick(Words.ORDER_STATUSES, rng));
                })),
                nullable("bio", ArrowType.LargeUtf8.INSTANCE, 0.3, text(rng -> {
                    Text.Prose prose = new Text.Prose();
                    return out -> {
                        int sentences = 1 + rng.nextInt(3);
                        for (int s = 0; s < sentences; s++) {
                            if (s > 0) {
                                out.append(' ');
                            }
                            prose.sentence(out, rng, 5 + rng.nextInt(12));
                        }
                    };
                })),
                nullable("token", ArrowType.Binary.INSTANCE, 0.05, bytes(rng -> () -> { // opaque session tokens
                    byte[] b = new byte[16 + 8 * rng.nextInt(5)];
                    for (int i = 0; i < b.length; i += 8) {
                        long v = rng.nextLong();
                        for (int k = 0; k < 8; k++) {
                            b[i + k] = (byte) (v >>> (8 * k));
                        }
                    }
                    return b;
                }))));
    }

    /**
     * The person of each row, drawn from a stream every column that needs it replays (one draw per
     * row, in not-null columns only), so a row's name and email belong to the same person.
     */
    private static final class Persons {
        private final Rng rng = new Rng(SEED, 1_000);
        private final Zipf firsts = new Zipf(Words.FIRST_NAMES.length, 0.9);
        private final Zipf lasts = new Zipf(Words.LAST_NAMES.length, 0.8);
        String first;
        String last;

        void next() {
            first = firsts.pick(Words.FIRST_NAMES, rng);
            last = lasts.pick(Words.LAST_NAMES, rng);
        }
    }
}
