package dev.jlance.arrow;

import java.lang.foreign.MemorySegment;

/**
 * The validity of one layer of a fixed-size list's items: for a leaf of {@code n} rows, layer
 * {@code k} has {@code n × d0 × … × dk} slots (the items of layer {@code k}'s lists).
 *
 * @param bitmap LSB-first validity of the layer's slots, or null when none is null
 * @param nullCount null slots in the layer
 */
public record ItemValidity(MemorySegment bitmap, long nullCount) {

    /** A layer without nulls. */
    public static final ItemValidity NO_NULLS = new ItemValidity(null, 0);

    public ItemValidity {
        if ((bitmap == null) != (nullCount == 0)) {
            throw new IllegalArgumentException("a layer has a validity bitmap exactly when it has nulls ("
                    + nullCount + " nulls)");
        }
    }

    public boolean hasNulls() {
        return nullCount > 0;
    }
}
