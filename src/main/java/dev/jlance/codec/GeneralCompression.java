package dev.jlance.codec;

import dev.jlance.format.pb.Encodings21;
import dev.jlance.format.pb.Encodings21.CompressiveEncoding;
import dev.jlance.schema.FieldEncodingParams;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A general-purpose compression setting (zstd or lz4) as Lance records it in a
 * {@code general{compression: {scheme, level}, values: ...}} encoding.
 *
 * <p>The level is written exactly as requested and left out when none was: official Lance 7.0.0
 * writes {@code level = 5} for {@code lance-encoding:compression-level=5}, {@code -3} for -3, and
 * nothing without the key. zstd treats an absent level as 0 (its default, 3) and clamps levels
 * outside its range itself; lz4 ignores the level (Lance always uses lz4's default block mode) but
 * still records it, as official Lance does.
 *
 * @param scheme the algorithm
 * @param level the requested level, if any
 */
public record GeneralCompression(Scheme scheme, OptionalInt level) {

    /** The algorithms a {@code general} encoding can name. */
    public enum Scheme {
        ZSTD(Encodings21.CompressionScheme.COMPRESSION_ALGORITHM_ZSTD),
        LZ4(Encodings21.CompressionScheme.COMPRESSION_ALGORITHM_LZ4);

        private final Encodings21.CompressionScheme proto;

        Scheme(Encodings21.CompressionScheme proto) {
            this.proto = proto;
        }

        public Encodings21.CompressionScheme proto() {
            return proto;
        }
    }

    public GeneralCompression {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(level, "level");
    }

    public static GeneralCompression zstd() {
        return new GeneralCompression(Scheme.ZSTD, OptionalInt.empty());
    }

    public static GeneralCompression zstd(int level) {
        return new GeneralCompression(Scheme.ZSTD, OptionalInt.of(level));
    }

    public static GeneralCompression lz4() {
        return new GeneralCompression(Scheme.LZ4, OptionalInt.empty());
    }

    /**
     * What official Lance uses for per-value (full-zip) compression whatever scheme was requested:
     * zstd with level 0 written out.
     */
    public static GeneralCompression perValueDefault() {
        return zstd(0);
    }

    /**
     * The setting a field's {@code lance-encoding:compression} / {@code -level} metadata asks for;
     * empty when it asks for none, fsst or nothing.
     */
    public static Optional<GeneralCompression> fromParams(FieldEncodingParams params) {
        return params.compression().flatMap(c -> switch (c) {
            case ZSTD -> Optional.of(new GeneralCompression(Scheme.ZSTD, params.compressionLevel()));
            case LZ4 -> Optional.of(new GeneralCompression(Scheme.LZ4, params.compressionLevel()));
            case NONE, FSST -> Optional.empty();
        });
    }

    /** zstd's level for this setting: the requested one, else 0 (zstd's default). */
    int zstdLevel() {
        return level.orElse(0);
    }

    /** The {@code BufferCompression} message. */
    public Encodings21.BufferCompression proto() {
        Encodings21.BufferCompression.Builder b = Encodings21.BufferCompression.newBuilder().setScheme(scheme.proto());
        level.ifPresent(b::setLevel);
        return b.build();
    }

    /** {@code general{compression: this, values: inner}}. */
    public CompressiveEncoding wrap(CompressiveEncoding inner) {
        return CompressiveEncoding.newBuilder()
                .setGeneral(Encodings21.General.newBuilder().setCompression(proto()).setValues(inner))
                .build();
    }

    /** A compressor for this setting; not thread-safe, close it when done. */
    public FrameCompressor newCompressor() {
        return switch (scheme) {
            case ZSTD -> new FrameCompressor.Zstd(zstdLevel());
            case LZ4 -> new FrameCompressor.Lz4();
        };
    }
}
