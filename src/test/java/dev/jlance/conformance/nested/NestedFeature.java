package dev.jlance.conformance.nested;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Parts of the schema space the random generator produces only when switched on. They were added
 * while jlance did not write them yet; now jlance writes all of them (or refuses, naming the field,
 * what official Lance cannot write or read back), so all are on by default ({@link #defaults()});
 * {@code -Djlance.fuzz.features=A,B} selects exactly those instead ({@code all}, {@code none}).
 */
public enum NestedFeature {
    /** {@code fixed_size_list<fixed-width, d>} (nullable items too), nested fixed-size lists, d up to 1536. */
    FIXED_SIZE_LIST,
    /** Structs with {@code lance-encoding:packed=true} and fixed-width non-null children. */
    PACKED_STRUCT,
    /** binary / large_binary leaves with {@code lance-encoding:blob=true}. */
    BLOB,
    /** Structs without children. */
    EMPTY_STRUCT,
    /** Arrow dictionary-encoded leaves (also inside lists and structs). */
    DICTIONARY,
    /** Random {@code lance-encoding:structural-encoding=miniblock|fullzip} on leaves. */
    STRUCTURAL_ENCODING_METADATA,
    /** Random {@code lance-encoding:compression=zstd|lz4|none} on leaves. */
    COMPRESSION_METADATA;

    /** The system property that switches features on. */
    public static final String PROPERTY = "jlance.fuzz.features";

    /** What the suite generates when nothing is asked for: the features jlance already writes. */
    public static Set<NestedFeature> defaults() {
        return EnumSet.allOf(NestedFeature.class);
    }

    /**
     * Exactly the features {@code -Djlance.fuzz.features} names ({@code none} for none), or
     * {@link #defaults()} without the property. Exact, so that a repro command means the same case after
     * the defaults change.
     */
    public static Set<NestedFeature> fromSystemProperty() {
        String value = System.getProperty(PROPERTY);
        return value == null ? defaults() : parse(value);
    }

    /** {@code "A,B"}, {@code "all"} or {@code ""}/{@code "none"}; names are case-insensitive. */
    public static Set<NestedFeature> parse(String text) {
        Set<NestedFeature> out = EnumSet.noneOf(NestedFeature.class);
        for (String part : text.split(",")) {
            String p = part.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            if (p.isEmpty() || p.equals("NONE")) {
                continue;
            }
            if (p.equals("ALL")) {
                out.addAll(EnumSet.allOf(NestedFeature.class));
                continue;
            }
            try {
                out.add(valueOf(p));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("-D" + PROPERTY + ": unknown feature '" + part.trim()
                        + "'; known: " + EnumSet.allOf(NestedFeature.class) + ", all, none", e);
            }
        }
        return out;
    }

    /** The property value that selects exactly {@code features}. */
    public static String propertyValue(Set<NestedFeature> features) {
        return features.isEmpty() ? "none" : String.join(",", EnumSet.copyOf(features).stream().map(Enum::name)
                .toList());
    }
}
