package dev.jlance.encoder;

import dev.jlance.FormatVersion;
import dev.jlance.compression.CompressionStrategy;
import dev.jlance.compression.DefaultCompressionStrategy;

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
            case V2_1 -> new StructuralEncodingStrategy(version, new DefaultCompressionStrategy(version));
            case V2_0, V2_2 -> throw unsupported(version);
        };
    }

    /** The 2.1+ structural strategy with the caller's compression decisions. */
    public static FieldEncodingStrategy structuralEncodingStrategy(FormatVersion version,
            CompressionStrategy compression) {
        return switch (version) {
            case V2_1 -> new StructuralEncodingStrategy(version, compression);
            case V2_0, V2_2 -> throw unsupported(version);
        };
    }

    private static UnsupportedOperationException unsupported(FormatVersion version) {
        return new UnsupportedOperationException("Lance format " + version
                + " is not supported by this version of jlance yet; use 2.1");
    }
}
