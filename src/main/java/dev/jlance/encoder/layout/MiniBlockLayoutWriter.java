package dev.jlance.encoder.layout;

import dev.jlance.compression.BlockCompressed;
import dev.jlance.compression.BlockCompressor;
import dev.jlance.compression.MiniBlockChunk;
import dev.jlance.compression.MiniBlockCompressed;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.format.CompressiveEncodings;
import dev.jlance.format.pb.Encodings21.CompressiveEncoding;
import dev.jlance.format.pb.Encodings21.MiniBlockLayout;
import dev.jlance.format.pb.Encodings21.PageLayout;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.Layouts;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.memory.SegmentWriter;
import dev.jlance.repdef.RepDefLayer;
import dev.jlance.repdef.SerializedRepDef;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The mini-block layout: values cut into small chunks, each chunk carrying its own slice of the
 * definition levels, so a reader can decode any chunk alone.
 *
 * <p>Buffer 0 holds one metadata word per chunk, {@code ((bytes/8 - 1) << 4) | log2(values)};
 * buffer 1 the chunks. A chunk is: u16 level count, u16 def bytes (when levels exist), one size per
 * value buffer (u16, u32 in 2.2), padding to 8, then the levels and each value buffer, each padded
 * to 8 with 0xFE.
 */
public final class MiniBlockLayoutWriter {

    private static final byte FILL = (byte) 0xFE;
    private static final int ALIGN = 8;
    /** A 2.1 chunk must fit a 12-bit count of 8-byte words. */
    private static final long MAX_CHUNK_BYTES_21 = 32 * 1024;

    private MiniBlockLayoutWriter() {
    }

    /**
     * @param values the compressed chunks
     * @param levels the page's levels (flat pages: definition only)
     * @param levelCompressor compresses each chunk's slice of levels
     * @param largeChunks 2.2's u32 chunk words and buffer sizes
     */
    public static PageBuffers write(MiniBlockCompressed values, SerializedRepDef levels, BlockCompressor levelCompressor,
            boolean largeChunks, OffHeapArena arena, String column) {
        return write(values, levels, levelCompressor, null, largeChunks, arena, column);
    }

    /**
     * @param dictionary the page's dictionary when {@code values} are indices into it, else null
     */
    public static PageBuffers write(MiniBlockCompressed values, SerializedRepDef levels, BlockCompressor levelCompressor,
            MiniBlockDictionary dictionary, boolean largeChunks, OffHeapArena arena, String column) {
        if (levels.hasRepetition()) {
            throw new IllegalStateException("column '" + column + "': repetition levels need the nested-types encoder");
        }
        List<MiniBlockChunk> chunks = values.chunks();
        int numBuffers = values.buffers().size();
        int sizeWidth = largeChunks ? 4 : 2;

        // Cut and compress each chunk's definition levels first: their sizes shape the chunks.
        List<BlockCompressed> defChunks = new ArrayList<>(chunks.size());
        long[] chunkValues = new long[chunks.size()];
        long before = 0;
        for (int c = 0; c < chunks.size(); c++) {
            chunkValues[c] = values.chunkValues(c, before);
            if (levels.hasDefinition()) {
                MemorySegment slice = levels.definition().asSlice(before * 2, chunkValues[c] * 2);
                defChunks.add(levelCompressor.compressBlock(new FixedWidthBlock(new LanceBuffer(slice), 16,
                        chunkValues[c]), arena));
            }
            before += chunkValues[c];
        }
        if (before != values.numValues()) {
            throw new IllegalStateException("column '" + column + "': chunks hold " + before + " values, page has "
                    + values.numValues());
        }

        long[] chunkBytes = new long[chunks.size()];
        long total = 0;
        for (int c = 0; c < chunks.size(); c++) {
            long header = 2 + (levels.hasDefinition() ? 2 : 0) + (long) sizeWidth * numBuffers;
            long bytes = align(header);
            if (levels.hasDefinition()) {
                bytes += align(defChunks.get(c).data().byteSize());
            }
            for (int b = 0; b < numBuffers; b++) {
                bytes += align(chunks.get(c).bufferSize(b));
            }
            if (!largeChunks && bytes > MAX_CHUNK_BYTES_21) {
                throw new IllegalStateException("column '" + column + "': a mini-block chunk of " + bytes
                        + " bytes exceeds the 2.1 limit of " + MAX_CHUNK_BYTES_21);
            }
            chunkBytes[c] = bytes;
            total += bytes;
        }

        MemorySegment meta = arena.allocate((long) chunks.size() * sizeWidth);
        MemorySegment data = arena.allocate(total);
        SegmentWriter metaOut = new SegmentWriter(meta);
        SegmentWriter out = new SegmentWriter(data);
        long[] bufferPos = new long[numBuffers];
        for (int c = 0; c < chunks.size(); c++) {
            MiniBlockChunk chunk = chunks.get(c);
            out.u16(levels.hasDefinition() ? (int) chunkValues[c] : 0);
            if (levels.hasDefinition()) {
                out.u16(checkedU16(defChunks.get(c).data().byteSize(), column));
            }
            for (int b = 0; b < numBuffers; b++) {
                if (largeChunks) {
                    out.u32(chunk.bufferSize(b));
                } else {
                    out.u16(checkedU16(chunk.bufferSize(b), column));
                }
            }
            out.padTo(ALIGN, FILL);
            if (levels.hasDefinition()) {
                out.bytes(defChunks.get(c).data());
                out.padTo(ALIGN, FILL);
            }
            for (int b = 0; b < numBuffers; b++) {
                out.bytes(values.buffers().get(b), bufferPos[b], chunk.bufferSize(b));
                bufferPos[b] += chunk.bufferSize(b);
                out.padTo(ALIGN, FILL);
            }
            long word = ((chunkBytes[c] / ALIGN - 1) << 4) | chunk.logNumValues();
            if (largeChunks) {
                metaOut.u32(word);
            } else {
                metaOut.u16((int) word);
            }
        }
        out.finish();
        metaOut.finish();

        MiniBlockLayout.Builder layout = MiniBlockLayout.newBuilder()
                .setValueCompression(values.encoding())
                .setNumBuffers(numBuffers)
                .setNumItems(values.numValues());
        if (levels.hasDefinition()) {
            CompressiveEncoding defEncoding = defChunks.isEmpty() ? CompressiveEncodings.flat(16)
                    : defChunks.getFirst().encoding();
            layout.setDefCompression(defEncoding);
        }
        for (RepDefLayer l : levels.layers()) {
            layout.addLayers(l.proto());
        }
        if (largeChunks) {
            layout.setHasLargeChunk(true);
        }
        List<LanceBuffer> buffers = new ArrayList<>(List.of(new LanceBuffer(meta), new LanceBuffer(data)));
        String encodingName = CompressiveEncodings.describe(values.encoding());
        if (dictionary != null) {
            layout.setDictionary(dictionary.values().encoding()).setNumDictionaryItems(dictionary.numItems());
            buffers.add(new LanceBuffer(dictionary.values().data()));
            encodingName = "dictionary(" + CompressiveEncodings.describe(dictionary.values().encoding()) + ") of "
                    + encodingName;
        }
        return new PageBuffers(buffers, PageLayout.newBuilder().setMiniBlockLayout(layout).build(), "mini-block",
                encodingName);
    }

    private static long align(long n) {
        return n + Layouts.padding(n, ALIGN);
    }

    private static int checkedU16(long v, String column) {
        if (v > 0xFFFF) {
            throw new IllegalStateException("column '" + column + "': a mini-block buffer of " + v
                    + " bytes does not fit the 2.1 chunk header");
        }
        return (int) v;
    }
}
