package dev.jlance.data;

import dev.jlance.memory.LanceBuffer;

/**
 * Values of a fixed number of bits each, packed back to back ({@code bitsPerValue} 1 means an
 * LSB-first bitmap, as Arrow stores booleans).
 */
public record FixedWidthBlock(LanceBuffer data, int bitsPerValue, long numValues) implements DataBlock {

    public FixedWidthBlock {
        if (bitsPerValue <= 0) {
            throw new IllegalArgumentException("bitsPerValue must be positive: " + bitsPerValue);
        }
        long needed = (numValues * bitsPerValue + 7) / 8;
        if (data.size() < needed) {
            throw new IllegalArgumentException("fixed-width block of " + numValues + " x " + bitsPerValue
                    + " bits needs " + needed + " bytes, has " + data.size());
        }
    }

    /** Bytes per value, for byte-aligned widths. */
    public int bytesPerValue() {
        return bitsPerValue / 8;
    }

    @Override
    public String kind() {
        return "fixed(" + bitsPerValue + ")";
    }
}
