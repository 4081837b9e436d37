package dev.jlance.compression;

import dev.jlance.data.DataBlock;
import dev.jlance.memory.OffHeapArena;

/** Compresses a page's values into independently decodable chunks of at most 4096 values. */
public interface MiniBlockCompressor {
    /** Output buffers are views of {@code data} or live in {@code arena}. */
    MiniBlockCompressed compressMiniBlock(DataBlock data, OffHeapArena arena);
}
