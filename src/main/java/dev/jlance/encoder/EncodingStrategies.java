package dev.jlance.encoder;

import dev.jlance.FormatVersion;

/** The default field-encoding strategy of each format version. */
public final class EncodingStrategies {

    private EncodingStrategies() {
    }

    /**
     * The strategy official Lance uses for {@code version}: structural encoding for 2.1 (2.0 and
     * 2.2 are not written by this version of jlance yet).
     */
    public static FieldEncodingStrategy defaultEncodingStrategy(FormatVersion version) {
        return switch (version) {
            case V2_1 -> new StructuralEncodingStrategy(version);
            case V2_0, V2_2 -> throw new UnsupportedOperationException("Lance format " + version
                    + " is not supported by this version of jlance yet; use 2.1");
        };
    }
}
