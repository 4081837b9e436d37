package dev.jlance.schema;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The {@code lance-encoding:*} field metadata, parsed and checked once when the writer opens.
 *
 * @param compression general compression requested ({@code lance-encoding:compression})
 * @param compressionLevel its level ({@code lance-encoding:compression-level})
 * @param structuralEncoding a forced page layout ({@code lance-encoding:structural-encoding})
 * @param rleThreshold {@code lance-encoding:rle-threshold}, in (0, 1]
 * @param dictSizeRatio {@code lance-encoding:dict-size-ratio}, in (0, 1]
 * @param byteStreamSplit {@code lance-encoding:bss}
 * @param packed {@code lance-encoding:packed} or {@code packed} = true (any case), as official Lance reads it
 * @param blob {@code lance-encoding:blob} present, whatever its value (official Lance checks only the key)
 * @param dictDivisor {@code lance-encoding:dict-divisor}: a page's dictionary may hold at most
 *     {@code values / divisor} entries (≥ 1)
 * @param miniChunkSize {@code lance-encoding:minichunk-size}: the byte target of variable-width
 *     mini-block chunks; official Lance honours 1..32767 and ignores other values, and so do we
 */
public record FieldEncodingParams(Optional<Compression> compression, OptionalInt compressionLevel,
        Optional<StructuralEncoding> structuralEncoding, OptionalDouble rleThreshold, OptionalDouble dictSizeRatio,
        Optional<ByteStreamSplitMode> byteStreamSplit, boolean packed, boolean blob, OptionalInt dictDivisor,
        OptionalInt miniChunkSize) {

    public static final String PREFIX = "lance-encoding:";
    public static final String COMPRESSION = PREFIX + "compression";
    public static final String COMPRESSION_LEVEL = PREFIX + "compression-level";
    public static final String STRUCTURAL_ENCODING = PREFIX + "structural-encoding";
    public static final String RLE_THRESHOLD = PREFIX + "rle-threshold";
    public static final String DICT_SIZE_RATIO = PREFIX + "dict-size-ratio";
    public static final String BSS = PREFIX + "bss";
    public static final String PACKED = PREFIX + "packed";
    /** The older spelling of {@link #PACKED}, which official Lance still honours. */
    public static final String LEGACY_PACKED = "packed";
    public static final String BLOB = PREFIX + "blob";
    public static final String DICT_DIVISOR = PREFIX + "dict-divisor";
    public static final String MINICHUNK_SIZE = PREFIX + "minichunk-size";
    /** The largest {@code minichunk-size} official Lance honours (chunk sizes are u16 in 2.1). */
    public static final int MAX_MINICHUNK_SIZE = 32767;

    /** General compression schemes a field may ask for. */
    public enum Compression { NONE, ZSTD, LZ4, FSST }

    /** Page layouts a field may force. */
    public enum StructuralEncoding { MINIBLOCK, FULLZIP }

    /** Byte-stream-split modes. */
    public enum ByteStreamSplitMode { OFF, ON, AUTO }

    public static final FieldEncodingParams NONE = new FieldEncodingParams(Optional.empty(), OptionalInt.empty(),
            Optional.empty(), OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty(), false, false,
            OptionalInt.empty(), OptionalInt.empty());

    /**
     * Parses a field's metadata.
     *
     * @throws IllegalArgumentException naming the field and key when a value is not valid
     */
    public static FieldEncodingParams parse(String fieldPath, Map<String, String> metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return NONE;
        }
        return new FieldEncodingParams(
                enumValue(fieldPath, metadata, COMPRESSION, Compression.class),
                intValue(fieldPath, metadata, COMPRESSION_LEVEL),
                enumValue(fieldPath, metadata, STRUCTURAL_ENCODING, StructuralEncoding.class),
                fraction(fieldPath, metadata, RLE_THRESHOLD),
                fraction(fieldPath, metadata, DICT_SIZE_RATIO),
                enumValue(fieldPath, metadata, BSS, ByteStreamSplitMode.class),
                "true".equalsIgnoreCase(metadata.get(PACKED)) || "true".equalsIgnoreCase(metadata.get(LEGACY_PACKED)),
                metadata.containsKey(BLOB),
                positive(fieldPath, metadata, DICT_DIVISOR),
                miniChunk(fieldPath, metadata));
    }

    private static OptionalInt positive(String field, Map<String, String> m, String key) {
        OptionalInt v = intValue(field, m, key);
        if (v.isPresent() && v.getAsInt() < 1) {
            throw bad(field, key, m.get(key), "a positive integer");
        }
        return v;
    }

    /** Parsed strictly, but sizes official Lance would ignore fall back to the default, as there. */
    private static OptionalInt miniChunk(String field, Map<String, String> m) {
        OptionalInt v = positive(field, m, MINICHUNK_SIZE);
        return v.isPresent() && v.getAsInt() > MAX_MINICHUNK_SIZE ? OptionalInt.empty() : v;
    }

    private static <E extends Enum<E>> Optional<E> enumValue(String field, Map<String, String> m, String key,
            Class<E> type) {
        String v = m.get(key);
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw bad(field, key, v, "one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }

    private static OptionalInt intValue(String field, Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
            throw bad(field, key, v, "an integer");
        }
    }

    private static OptionalDouble fraction(String field, Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            return OptionalDouble.empty();
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (d > 0 && d <= 1) {
                return OptionalDouble.of(d);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(field, key, v, "a number in (0, 1]");
    }

    private static IllegalArgumentException bad(String field, String key, String value, String expected) {
        return new IllegalArgumentException("field '" + field + "': metadata " + key + "='" + value
                + "' is not valid, expected " + expected);
    }
}
