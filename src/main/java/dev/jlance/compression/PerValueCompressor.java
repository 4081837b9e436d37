package dev.jlance.compression;

import dev.jlance.data.DataBlock;
import dev.jlance.memory.OffHeapArena;

/** Compresses each value on its own, so full-zip pages can address single values. */
public interface PerValueCompressor {
    PerValueCompressed compressPerValue(DataBlock data, OffHeapArena arena);
}
