package dev.jlance.codec;

import dev.jlance.compression.MiniBlockCompressed;
import dev.jlance.compression.MiniBlockCompressor;
import dev.jlance.data.DataBlock;
import dev.jlance.format.CompressiveEncodings;
import dev.jlance.memory.OffHeapArena;
import java.util.List;

/**
 * Packed struct rows in mini-blocks ({@code packed_struct}): the rows, already concatenated
 * children, are chunked and stored as flat values; the encoding records each child's width so a
 * reader can split them again.
 */
public final class PackedStructCodec implements MiniBlockCompressor {

    private final List<Integer> childBits;

    /** @param childBits each child's bits per value, in child order */
    public PackedStructCodec(List<Integer> childBits) {
        this.childBits = List.copyOf(childBits);
    }

    @Override
    public MiniBlockCompressed compressMiniBlock(DataBlock data, OffHeapArena arena) {
        MiniBlockCompressed rows = FlatCodec.INSTANCE.compressMiniBlock(data, arena);
        int rowBits = childBits.stream().mapToInt(Integer::intValue).sum();
        if (rows.encoding().getFlat().getBitsPerValue() != rowBits) {
            throw new IllegalArgumentException("packed rows of " + rows.encoding().getFlat().getBitsPerValue()
                    + " bits do not match children of " + childBits + " bits");
        }
        return new MiniBlockCompressed(rows.buffers(), rows.chunks(), rows.numValues(),
                CompressiveEncodings.packedStruct(childBits, rows.encoding()));
    }
}
