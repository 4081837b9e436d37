package dev.jlance.compression;

import dev.jlance.data.DataBlock;
import dev.jlance.memory.OffHeapArena;

/**
 * Compresses a whole block into one buffer: repetition/definition levels (chunk by chunk, each
 * chunk's slice on its own) and dictionaries.
 */
public interface BlockCompressor {
    /** The result may be a view of {@code data} (flat values are): copy it if it must outlive the input. */
    BlockCompressed compressBlock(DataBlock data, OffHeapArena arena);
}
