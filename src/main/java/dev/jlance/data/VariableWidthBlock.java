package dev.jlance.data;

import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.Layouts;

/**
 * Values of varying length: {@code numValues + 1} offsets of {@code bitsPerOffset} bits (32 or 64)
 * into {@code data}. Offsets start at 0.
 */
public record VariableWidthBlock(LanceBuffer offsets, LanceBuffer data, int bitsPerOffset, long numValues)
        implements DataBlock {

    public VariableWidthBlock {
        if (bitsPerOffset != 32 && bitsPerOffset != 64) {
            throw new IllegalArgumentException("bitsPerOffset must be 32 or 64: " + bitsPerOffset);
        }
        if (offsets.size() < (numValues + 1) * (bitsPerOffset / 8)) {
            throw new IllegalArgumentException("too few offsets for " + numValues + " values");
        }
    }

    public int bytesPerOffset() {
        return bitsPerOffset / 8;
    }

    /** The i-th offset (0 ≤ i ≤ numValues). */
    public long offset(long i) {
        return bitsPerOffset == 32
                ? Integer.toUnsignedLong(offsets.segment().getAtIndex(Layouts.U32, i))
                : offsets.segment().getAtIndex(Layouts.U64, i);
    }

    @Override
    public String kind() {
        return "variable(" + bitsPerOffset + ")";
    }
}
