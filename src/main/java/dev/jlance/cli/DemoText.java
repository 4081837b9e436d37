package dev.jlance.cli;

import java.util.List;

/** The words the demo table is made of: categories, URLs, log-like messages and coupon codes. */
final class DemoText {

    static final List<String> CATEGORIES = List.of("electronics", "books", "home", "fashion", "toys", "grocery",
            "beauty", "sports", "garden", "automotive", "music", "movies", "health", "office", "pets", "baby",
            "jewelry", "tools", "outdoors", "software");

    private static final String[] DOMAINS = {"shop.example.com", "www.example-store.net", "m.example.com",
        "deals.example.org", "example.co.uk", "checkout.example.io"};
    private static final String[] SOURCES = {"google", "newsletter", "facebook", "partner", "bing", "tiktok"};
    private static final String[] MEDIUMS = {"cpc", "email", "social", "affiliate", "display"};
    private static final String[] SLUG_WORDS = {"wireless", "classic", "pro", "mini", "organic", "deluxe", "smart",
        "vintage", "ultra", "eco", "compact", "premium", "travel", "kids", "family", "lite", "max", "retro"};
    private static final String[] WORDS = {"the", "order", "item", "was", "great", "arrived", "late", "quality",
        "price", "fast", "shipping", "box", "damaged", "works", "perfectly", "would", "buy", "again", "not",
        "as", "described", "size", "runs", "small", "color", "looks", "different", "than", "photo", "support",
        "helpful", "refund", "processed", "quickly", "battery", "lasts", "all", "day", "my", "kids", "love",
        "it", "cheap", "material", "excellent", "value", "for", "money", "delivery", "on", "time", "and",
        "packaging", "was", "fine", "café", "naïve", "Zürich", "São Paulo", "東京", "🙂", "très", "bien"};
    private static final String[] ENDINGS = {".", ".", ".", "!", "?", "..."};
    private static final String[] COUPONS = {"WELCOME10", "SPRING25", "FREESHIP", "VIP-2025", "BLACKFRIDAY",
        "SAVE5", "LOYALTY-GOLD"};
    private static final String[] ERRORS = {"card declined", "address not found", "timeout contacting payment gateway",
        "item out of stock", "session expired"};

    private DemoText() {
    }

    /** Skewed towards the first categories: a handful dominate, the tail is rare. */
    static int categoryIndex(DemoRandom random) {
        double u = random.nextDouble();
        return (int) (CATEGORIES.size() * u * u);
    }

    static void url(StringBuilder out, DemoRandom random, String category) {
        out.append("https://").append(pick(DOMAINS, random)).append('/').append(category).append('/');
        int words = 1 + random.nextInt(3);
        for (int w = 0; w < words; w++) {
            out.append(pick(SLUG_WORDS, random)).append('-');
        }
        out.append(100_000 + random.nextInt(900_000));
        double query = random.nextDouble();
        if (query < 0.4) {
            out.append("?utm_source=").append(pick(SOURCES, random))
                    .append("&utm_medium=").append(pick(MEDIUMS, random));
        } else if (query < 0.5) {
            out.append("?page=").append(1 + random.nextInt(20));
        }
        if (random.chance(0.05)) {
            out.append("#reviews");
        }
    }

    /** A log-like event message or a customer comment; {@code longText} makes one over 256 bytes. */
    static void message(StringBuilder out, DemoRandom random, boolean longText) {
        if (longText) {
            int target = 300 + random.nextInt(1700);
            while (out.length() < target) {
                sentence(out, random, 8 + random.nextInt(20));
                out.append(' ');
            }
            out.setLength(out.length() - 1);
            return;
        }
        switch (random.nextInt(5)) {
            case 0 -> out.append("added ").append(1 + random.nextInt(5)).append(" item(s) to cart");
            case 1 -> out.append("checkout completed in ").append(random.nextInt(9000) / 1000.0).append(" s");
            case 2 -> out.append("payment failed: ").append(pick(ERRORS, random));
            case 3 -> out.append("viewed ").append(1 + random.nextInt(40)).append(" products");
            default -> sentence(out, random, 3 + random.nextInt(16));
        }
    }

    static String coupon(DemoRandom random) {
        return pick(COUPONS, random);
    }

    private static void sentence(StringBuilder out, DemoRandom random, int words) {
        int start = out.length();
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                out.append(' ');
            }
            out.append(pick(WORDS, random));
        }
        out.setCharAt(start, Character.toUpperCase(out.charAt(start)));
        out.append(pick(ENDINGS, random));
    }

    private static String pick(String[] choices, DemoRandom random) {
        return choices[random.nextInt(choices.length)];
    }
}
