package dev.jlance.bench.data;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/** Builders of realistic strings: prose, URLs, user agents, contact details, identifiers, JSON. */
final class Text {

    private static final HexFormat HEX = HexFormat.of();
    private static final String[] ENDINGS = {".", ".", ".", ".", ".", "!", "?"};
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private Text() {
    }

    /** Draws English-like prose: words with Zipf frequencies, sentences of varied length. */
    static final class Prose {
        // a flatter exponent than natural text's ~1: the list is short, and "the" should stay near 8%
        private final Zipf words = new Zipf(Words.ENGLISH.length, 0.8);

        /** One sentence of {@code n} words: capitalised, sometimes with a comma, with an ending. */
        void sentence(StringBuilder out, Rng rng, int n) {
            int start = out.length();
            String previous = null;
            for (int w = 0; w < n; w++) {
                if (w > 0) {
                    out.append(w > 2 && w < n - 2 && rng.chance(0.08) ? ", " : " ");
                }
                String word;
                do { // no "the the"
                    word = words.pick(Words.ENGLISH, rng);
                } while (word.equals(previous));
                out.append(word);
                previous = word;
            }
            out.setCharAt(start, Character.toUpperCase(out.charAt(start)));
            out.append(rng.pick(ENDINGS));
        }

        /** Sentences until at least {@code minLength} chars, without passing {@code maxLength} by much. */
        void paragraph(StringBuilder out, Rng rng, int minLength, int maxLength) {
            int start = out.length();
            int target = minLength + rng.nextInt(maxLength - minLength + 1);
            while (out.length() - start < target) {
                if (out.length() > start) {
                    out.append(' ');
                }
                sentence(out, rng, 4 + rng.nextInt(22));
            }
            if (out.length() - start > maxLength) { // cut at a word and end the sentence there
                int cut = out.lastIndexOf(" ", start + maxLength - 1);
                out.setLength(Math.max(cut, start + minLength));
                out.append('.');
            }
        }
    }

    /** https URLs: popular hosts, 1–4 path segments (words, slugs, ids), sometimes a query string. */
    static final class Urls {
        private final Zipf hosts = new Zipf(Words.HOSTS.length, 1.2);
        private final Zipf pathWords = new Zipf(Words.PATH_WORDS.length, 0.9);
        private final Zipf queryKeys = new Zipf(Words.QUERY_KEYS.length, 0.8);
        private final Zipf queryValues = new Zipf(Words.QUERY_VALUES.length, 1.0);
        private final Zipf productIds = new Zipf(50_000, 1.05);

        void url(StringBuilder out, Rng rng) {
            out.append("https://").append(hosts.pick(Words.HOSTS, rng));
            int segments = 1 + rng.nextInt(4);
            for (int s = 0; s < segments; s++) {
                out.append('/');
                double kind = rng.nextDouble();
                if (kind < 0.6) {
                    out.append(pathWords.pick(Words.PATH_WORDS, rng));
                } else if (kind < 0.85) {
                    out.append(pathWords.pick(Words.PATH_WORDS, rng)).append('-')
                            .append(pathWords.pick(Words.PATH_WORDS, rng));
                } else {
                    out.append(100_000 + productIds.sample(rng) * 37L);
                }
            }
            if (rng.chance(0.45)) {
                int params = 1 + rng.nextInt(3);
                for (int p = 0; p < params; p++) {
                    out.append(p == 0 ? '?' : '&').append(queryKeys.pick(Words.QUERY_KEYS, rng)).append('=');
                    if (rng.chance(0.3)) {
                        out.append(rng.nextInt(200));
                    } else {
                        out.append(queryValues.pick(Words.QUERY_VALUES, rng));
                    }
                }
            }
        }
    }

    /** {@code count} distinct, realistic browser user-agent strings (fixed for a given seed). */
    static String[] userAgents(int count, long seed) {
        Rng rng = new Rng(seed, 0);
        String[] platforms = {"Windows NT 10.0; Win64; x64", "Macintosh; Intel Mac OS X 10_15_7",
            "X11; Linux x86_64", "iPhone; CPU iPhone OS 17_4 like Mac OS X", "Linux; Android 14; Pixel 8",
            "Linux; Android 13; SM-S918B", "iPad; CPU OS 16_6 like Mac OS X", "X11; Ubuntu; Linux x86_64"};
        String[] agents = new String[count];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < count; i++) {
            String ua;
            do {
                String platform = rng.pick(platforms);
                int kind = rng.nextInt(10);
                if (kind < 6) {
                    int major = 110 + rng.nextInt(15);
                    ua = "Mozilla/5.0 (" + platform + ") AppleWebKit/537.36 (KHTML, like Gecko) Chrome/" + major
                            + ".0." + (5000 + rng.nextInt(1500)) + "." + rng.nextInt(200)
                            + (platform.contains("Android") || platform.contains("iPhone") ? " Mobile" : "")
                            + " Safari/537.36";
                } else if (kind < 8) {
                    int major = 110 + rng.nextInt(15);
                    ua = "Mozilla/5.0 (" + platform + "; rv:" + major + ".0) Gecko/20100101 Firefox/" + major + ".0";
                } else if (kind < 9) {
                    ua = "Mozilla/5.0 (" + platform + ") AppleWebKit/605.1.15 (KHTML, like Gecko) Version/"
                            + (15 + rng.nextInt(3)) + "." + rng.nextInt(7) + " Safari/605.1.15";
                } else {
                    String[] bots = {"Googlebot/2.1 (+http://www.google.com/bot.html)",
                        "bingbot/2.0 (+http://www.bing.com/bingbot.htm)", "curl/8." + rng.nextInt(9) + ".0",
                        "python-requests/2." + (25 + rng.nextInt(8)) + ".1", "okhttp/4." + rng.nextInt(13) + ".0"};
                    ua = rng.pick(bots);
                    if (!ua.startsWith("curl") && !ua.startsWith("python") && !ua.startsWith("okhttp")) {
                        ua = "Mozilla/5.0 (compatible; " + ua + ")";
                    }
                }
            } while (!seen.add(ua));
            agents[i] = ua;
        }
        return agents;
    }

    static void uuid(StringBuilder out, Rng rng) {
        long hi = (rng.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long lo = (rng.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        String h = HEX.toHexDigits(hi);
        String l = HEX.toHexDigits(lo);
        out.append(h, 0, 8).append('-').append(h, 8, 12).append('-').append(h, 12, 16).append('-')
                .append(l, 0, 4).append('-').append(l, 4, 16);
    }

    /** {@code digits} random lowercase hex digits (a content hash). */
    static void hex(StringBuilder out, Rng rng, int digits) {
        while (digits > 0) {
            String h = HEX.toHexDigits(rng.nextLong());
            int n = Math.min(16, digits);
            out.append(h, 0, n);
            digits -= n;
        }
    }

    static char upper(Rng rng) {
        return UPPER.charAt(rng.nextInt(UPPER.length()));
    }

    /** Zero-padded decimal of exactly {@code width} digits. */
    static void digits(StringBuilder out, long value, int width) {
        String s = Long.toString(value);
        for (int i = s.length(); i < width; i++) {
            out.append('0');
        }
        out.append(s);
    }

    static void email(StringBuilder out, Rng rng, String first, String last, String domain) {
        int style = rng.nextInt(5);
        String f = first.toLowerCase(Locale.ROOT);
        String l = last.toLowerCase(Locale.ROOT);
        switch (style) {
            case 0 -> out.append(f).append('.').append(l);
            case 1 -> out.append(f.charAt(0)).append(l);
            case 2 -> out.append(f).append('.').append(l).append(rng.nextInt(100));
            case 3 -> out.append(f).append('_').append(l.charAt(0)).append(1950 + rng.nextInt(60));
            default -> out.append(l).append(f).append(rng.nextInt(10_000));
        }
        out.append('@').append(domain);
    }

    /** A phone number, mostly US formats, some international. */
    static void phone(StringBuilder out, Rng rng) {
        double kind = rng.nextDouble();
        if (kind < 0.5) {
            out.append("+1 (").append(200 + rng.nextInt(800)).append(") ");
            digits(out, rng.nextInt(1000), 3);
            out.append('-');
            digits(out, rng.nextInt(10_000), 4);
        } else if (kind < 0.7) {
            out.append(200 + rng.nextInt(800)).append('-');
            digits(out, rng.nextInt(1000), 3);
            out.append('-');
            digits(out, rng.nextInt(10_000), 4);
        } else if (kind < 0.85) {
            out.append("+44 ").append(20 + rng.nextInt(60)).append(' ');
            digits(out, rng.nextInt(10_000), 4);
            out.append(' ');
            digits(out, rng.nextInt(10_000), 4);
        } else {
            out.append("+49 ").append(30 + rng.nextInt(900)).append(' ');
            digits(out, rng.nextInt(10_000_000), 7);
        }
    }
}
