package dev.jlance;

import java.util.Locale;

/** Lance file format versions jlance knows about, with the footer version each one writes. */
public enum FormatVersion {
    V2_0(0, 3, "2.0"),
    V2_1(2, 1, "2.1"),
    V2_2(2, 2, "2.2");

    private final int footerMajor;
    private final int footerMinor;
    private final String label;

    FormatVersion(int footerMajor, int footerMinor, String label) {
        this.footerMajor = footerMajor;
        this.footerMinor = footerMinor;
        this.label = label;
    }

    public int footerMajor() {
        return footerMajor;
    }

    public int footerMinor() {
        return footerMinor;
    }

    public String label() {
        return label;
    }

    /** The version official Lance 7.0.0 writes when none is requested. */
    public static FormatVersion defaultVersion() {
        return V2_1;
    }

    /**
     * Parses a version the way official Lance names them: "2.0", "2.1", "2.2", "stable" (= 2.1 in
     * Lance 7.0.0) or an empty string for the default.
     */
    public static FormatVersion parse(String text) {
        if (text == null || text.isBlank()) {
            return defaultVersion();
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "2.0", "0.3" -> V2_0;
            case "2.1", "stable" -> V2_1;
            case "2.2" -> V2_2;
            default -> throw new IllegalArgumentException("unknown Lance format version '" + text
                    + "' (expected 2.0, 2.1, 2.2 or stable)");
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
