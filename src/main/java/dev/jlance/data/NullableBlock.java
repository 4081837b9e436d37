package dev.jlance.data;

import dev.jlance.memory.LanceBuffer;

/** Values with an LSB-first validity bitmap (bit set = valid); slots under nulls hold any bytes. */
public record NullableBlock(DataBlock data, LanceBuffer validity) implements DataBlock {
    @Override
    public long numValues() {
        return data.numValues();
    }

    @Override
    public String kind() {
        return "nullable(" + data.kind() + ")";
    }
}
