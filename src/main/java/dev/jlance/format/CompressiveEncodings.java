package dev.jlance.format;

import dev.jlance.format.pb.Encodings21;
import dev.jlance.format.pb.Encodings21.CompressiveEncoding;

/** Builders for the 2.1 compressive-encoding messages, and short human descriptions of them. */
public final class CompressiveEncodings {

    private CompressiveEncodings() {
    }

    /** {@code flat{0..128}}, built once: messages are immutable and pages ask for them per chunk. */
    private static final CompressiveEncoding[] FLAT = new CompressiveEncoding[129];

    static {
        for (int bits = 0; bits < FLAT.length; bits++) {
            FLAT[bits] = buildFlat(bits);
        }
    }

    public static CompressiveEncoding flat(long bitsPerValue) {
        return bitsPerValue >= 0 && bitsPerValue < FLAT.length ? FLAT[(int) bitsPerValue] : buildFlat(bitsPerValue);
    }

    private static CompressiveEncoding buildFlat(long bitsPerValue) {
        return CompressiveEncoding.newBuilder()
                .setFlat(Encodings21.Flat.newBuilder().setBitsPerValue(bitsPerValue))
                .build();
    }

    /** Variable-width values whose offsets are stored flat with {@code bitsPerOffset} bits. */
    public static CompressiveEncoding variable(int bitsPerOffset) {
        return CompressiveEncoding.newBuilder()
                .setVariable(Encodings21.Variable.newBuilder().setOffsets(flat(bitsPerOffset)))
                .build();
    }

    /**
     * A fixed-size list of {@code itemsPerValue} items per value, encoded as {@code values};
     * {@code hasValidity} when the items' validity is stored with them.
     */
    public static CompressiveEncoding fixedSizeList(long itemsPerValue, boolean hasValidity, CompressiveEncoding values) {
        Encodings21.FixedSizeList.Builder fsl = Encodings21.FixedSizeList.newBuilder()
                .setItemsPerValue(itemsPerValue)
                .setValues(values);
        if (hasValidity) {
            fsl.setHasValidity(true);
        }
        return CompressiveEncoding.newBuilder().setFixedSizeList(fsl).build();
    }

    /** A constant without a value: nothing is stored (official Lance's encoding of all-null items). */
    public static CompressiveEncoding constantWithoutValue() {
        return CompressiveEncoding.newBuilder().setConstant(Encodings21.Constant.getDefaultInstance()).build();
    }

    /** Packed struct rows: the children's widths, and how the rows (their concatenation) are stored. */
    public static CompressiveEncoding packedStruct(java.util.List<Integer> childBits, CompressiveEncoding rows) {
        Encodings21.PackedStruct.Builder packed = Encodings21.PackedStruct.newBuilder().setValues(rows);
        for (int bits : childBits) {
            packed.addBitsPerValue(bits);
        }
        return CompressiveEncoding.newBuilder().setPackedStruct(packed).build();
    }

    /** A short description like {@code flat(32)} or {@code variable(32)}, for summaries. */
    public static String describe(CompressiveEncoding e) {
        return switch (e.getCompressionCase()) {
            case FLAT -> "flat(" + e.getFlat().getBitsPerValue() + ")";
            case VARIABLE -> "variable(" + (e.getVariable().getOffsets().hasFlat()
                    ? e.getVariable().getOffsets().getFlat().getBitsPerValue() : describe(e.getVariable().getOffsets())) + ")";
            case CONSTANT -> "constant";
            case OUT_OF_LINE_BITPACKING -> "bitpack-ool(" + e.getOutOfLineBitpacking().getUncompressedBitsPerValue() + ")";
            case INLINE_BITPACKING -> "bitpack(" + e.getInlineBitpacking().getUncompressedBitsPerValue() + ")";
            case FSST -> "fsst(" + describe(e.getFsst().getValues()) + ")";
            case DICTIONARY -> "dictionary";
            case RLE -> "rle(" + describe(e.getRle().getValues()) + ")";
            case BYTE_STREAM_SPLIT -> "bss(" + describe(e.getByteStreamSplit().getValues()) + ")";
            case GENERAL -> e.getGeneral().getCompression().getScheme().name()
                    .replace("COMPRESSION_ALGORITHM_", "").toLowerCase(java.util.Locale.ROOT)
                    + "(" + describe(e.getGeneral().getValues()) + ")";
            case FIXED_SIZE_LIST -> "fsl(" + e.getFixedSizeList().getItemsPerValue()
                    + (e.getFixedSizeList().getHasValidity() ? ", nullable" : "") + ", "
                    + describe(e.getFixedSizeList().getValues()) + ")";
            case PACKED_STRUCT -> "packed-struct(" + describe(e.getPackedStruct().getValues()) + ")";
            case VARIABLE_PACKED_STRUCT -> "variable-packed-struct";
            case COMPRESSION_NOT_SET -> "none";
        };
    }
}
