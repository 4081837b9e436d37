package dev.jlance.simd;

/**
 * The system properties that steer kernel selection, readable without initialising
 * {@link KernelProvider} (the Panama constants read the width while the provider may still be
 * deciding, so this class must not depend on it).
 */
public final class SimdSettings {

    /** {@code auto} (default) or {@code scalar}. */
    public static final String MODE_PROPERTY = "jlance.simd";
    /** {@code 128}, {@code 256} or {@code 512}; unset means the CPU's preferred width. */
    public static final String WIDTH_PROPERTY = "jlance.simd.width";

    private SimdSettings() {
    }

    /** The vector width forced by {@value #WIDTH_PROPERTY}, or 0 for the CPU's preferred width. */
    public static int forcedVectorBits() {
        String w = System.getProperty(WIDTH_PROPERTY, "").trim();
        if (w.isEmpty()) {
            return 0;
        }
        return switch (w) {
            case "128", "256", "512" -> Integer.parseInt(w);
            default -> throw new IllegalArgumentException(WIDTH_PROPERTY + " must be 128, 256 or 512, got '" + w + "'");
        };
    }
}
