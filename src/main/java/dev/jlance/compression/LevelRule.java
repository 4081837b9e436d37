package dev.jlance.compression;

import dev.jlance.codec.FlatCodec;
import dev.jlance.codec.InlineBitpackingCodec;
import dev.jlance.codec.OutOfLineBitpackingCodec;
import dev.jlance.data.BlockStatistics;
import dev.jlance.data.DataBlock;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.memory.OffHeapArena;

/**
 * Compression of a page's u16 repetition/definition levels, chosen once per page and applied to
 * each mini-block chunk's slice, as official Lance 7.0.0 does (probed): pages of at most 1024
 * levels are inline-bitpacked (each chunk with its own width) unless packing one block would not
 * beat the raw levels; larger pages are bitpacked out of line at the page's widest width.
 */
final class LevelRule {

    private static final int LEVEL_BITS = 16;
    private static final int BLOCK = 1024;

    private LevelRule() {
    }

    static BlockCompressor choose(BlockStatistics levels) {
        long n = levels.numValues();
        int widest = levels.maxBitWidth();
        if (n <= BLOCK) {
            long packedBlock = (BLOCK * (long) widest + 7) / 8;
            return packedBlock >= 2 * n ? FlatCodec.INSTANCE : InlineLevels.INSTANCE;
        }
        return OutOfLineBitpackingCodec.forStatistics(levels);
    }

    /** Inline bitpacking of one chunk's levels (at most 1024, so exactly one packed block). */
    private enum InlineLevels implements BlockCompressor {
        INSTANCE;

        private final InlineBitpackingCodec codec = InlineBitpackingCodec.create();

        @Override
        public BlockCompressed compressBlock(DataBlock data, OffHeapArena arena) {
            if (!(data instanceof FixedWidthBlock levels) || levels.bitsPerValue() != LEVEL_BITS
                    || levels.numValues() > BLOCK) {
                throw new IllegalArgumentException("inline level packing takes at most " + BLOCK + " u16 levels, got "
                        + data.kind() + " x " + data.numValues());
            }
            var packed = codec.compressMiniBlock(levels, arena);
            return new BlockCompressed(packed.buffers().getFirst(), packed.encoding());
        }
    }
}
