package dev.jlance.encoder.layout;

import dev.jlance.compression.BlockCompressor;
import dev.jlance.compression.ChunkedBlocks;
import dev.jlance.compression.MiniBlockChunks;
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
import dev.jlance.memory.U16Counts;
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
     * A page without repetition levels whose definition levels (if any) use {@code levelCompressor}.
     *
     * @param values the compressed chunks
     * @param levels the page's levels (flat pages: definition only)
     * @param largeChunks 2.2's u32 chunk words and buffer sizes
     */
    public static PageBuffers write(MiniBlockCompressed values, SerializedRepDef levels, BlockCompressor levelCompressor,
            boolean largeChunks, OffHeapArena arena, String column) {
        return write(values, levels, null, levelCompressor, null, largeChunks, arena, column);
    }

    /**
     * @param values the compressed chunks (of the page's visible values)
     * @param levels the page's repetition and definition levels
     * @param repCompressor compresses each chunk's repetition levels (unused without them)
     * @param defCompressor compresses each chunk's definition levels (unused without them)
     * @param dictionary the page's dictionary when {@code values} are indices into it, else null
     * @param largeChunks 2.2's u32 chunk words and buffer sizes
     * @throws MiniBlockOverflowException when a chunk would not fit the chunk header
     */
    public static PageBuffers write(MiniBlockCompressed values, SerializedRepDef levels, BlockCompressor repCompressor,
            BlockCompressor defCompressor, MiniBlockDictionary dictionary, boolean largeChunks, OffHeapArena arena,
            String column) {
        MiniBlockChunks chunks = values.chunks();
        int numBuffers = values.buffers().size();
        int sizeWidth = largeChunks ? 4 : 2;
        boolean hasRep = levels.hasRepetition();
        boolean hasDef = levels.hasDefinition();

        // Each chunk takes the levels of its values plus the invisible entries before them; the
        // last chunk takes whatever is left (NOTES §6.3).
        // Without levels a chunk's header says 0 levels, so only pages with levels count them.
        Scratch scratch = SCRATCH.get();
        int numChunks = chunks.size();
        long[] chunkLevels = hasRep || hasDef ? scratch.chunkLevels(numChunks) : null;
        long before = 0;
        long levelAt = 0;
        for (int c = 0; c < chunks.size(); c++) {
            long chunkValues = values.chunkValues(c, before);
            before += chunkValues;
            if (chunkLevels != null) {
                long end = c == chunks.size() - 1 ? levels.numLevels() : levelsEnd(levels, levelAt, chunkValues);
                chunkLevels[c] = end - levelAt;
                levelAt = end;
                if (chunkLevels[c] > 0xFFFF) {
                    throw new MiniBlockOverflowException("column '" + column + "': a mini-block chunk would hold "
                            + chunkLevels[c] + " levels, more than the 65535 its header can count");
                }
            }
        }
        if (before != values.numValues() || values.numValues() != levels.numVisible()) {
            throw new IllegalStateException("column '" + column + "': chunks hold " + before + " values, page has "
                    + values.numValues() + " values and " + levels.numVisible() + " visible level entries");
        }

        // Cut and compress each chunk's levels first: their sizes shape the chunks.
        ChunkedBlocks repChunks = hasRep ? compressLevels(levels.repetition(), levels.numLevels(), chunkLevels,
                numChunks, scratch.repEnds(numChunks), repCompressor, arena) : null;
        ChunkedBlocks defChunks = hasDef ? compressLevels(levels.definition(), levels.numLevels(), chunkLevels,
                numChunks, scratch.defEnds(numChunks), defCompressor, arena) : null;
        MemorySegment repIndex = hasRep ? repetitionIndex(levels, chunkLevels, numChunks, arena) : null;

        long total = 0;
        before = 0;
        for (int c = 0; c < numChunks; c++) {
            long chunkValues = values.chunkValues(c, before);
            before += chunkValues;
            long bytes = chunkBytes(c, chunks, numBuffers, repChunks, defChunks, largeChunks, column);
            if (!largeChunks && bytes > MAX_CHUNK_BYTES_21) {
                throw new MiniBlockOverflowException("column '" + column + "': a mini-block chunk of " + bytes
                        + " bytes exceeds the 2.1 limit of " + MAX_CHUNK_BYTES_21 + " (" + chunkValues + " values, "
                        + (chunkLevels == null ? 0 : chunkLevels[c]) + " levels, value bytes " + chunks.bufferSize(c, 0)
                        + ")");
            }
            total += bytes;
        }

        // every byte of both is written below (SegmentWriter.finish checks), so no zeroing pass
        MemorySegment meta = arena.allocateUninitialized((long) chunks.size() * sizeWidth);
        MemorySegment data = arena.allocateUninitialized(total);
        SegmentWriter metaOut = new SegmentWriter(meta);
        SegmentWriter out = new SegmentWriter(data);
        long[] bufferPos = new long[numBuffers];
        for (int c = 0; c < chunks.size(); c++) {
            long chunkStart = out.position();
            out.u16(chunkLevels != null ? (int) chunkLevels[c] : 0);
            if (hasRep) {
                out.u16((int) repChunks.size(c));
            }
            if (hasDef) {
                out.u16((int) defChunks.size(c));
            }
            for (int b = 0; b < numBuffers; b++) {
                if (largeChunks) {
                    out.u32(chunks.bufferSize(c, b));
                } else {
                    out.u16(chunks.bufferSize(c, b));
                }
            }
            out.padTo(ALIGN, FILL);
            if (hasRep) {
                out.bytes(repChunks.data(), repChunks.start(c), repChunks.size(c));
                out.padTo(ALIGN, FILL);
            }
            if (hasDef) {
                out.bytes(defChunks.data(), defChunks.start(c), defChunks.size(c));
                out.padTo(ALIGN, FILL);
            }
            for (int b = 0; b < numBuffers; b++) {
                int size = chunks.bufferSize(c, b);
                out.bytes(values.buffers().get(b), bufferPos[b], size);
                bufferPos[b] += size;
                out.padTo(ALIGN, FILL);
            }
            long word = ((out.position() - chunkStart) / ALIGN - 1) << 4 | chunks.logNumValues(c);
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
        if (hasRep) {
            layout.setRepCompression(repChunks.encoding()).setRepetitionIndexDepth(1);
        }
        if (hasDef) {
            CompressiveEncoding defEncoding = defChunks.numChunks() == 0 ? CompressiveEncodings.flat(16)
                    : defChunks.encoding();
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
        if (repIndex != null) {
            buffers.add(new LanceBuffer(repIndex));
        }
        return new PageBuffers(buffers, PageLayout.newBuilder().setMiniBlockLayout(layout).build(), "mini-block",
                encodingName);
    }

    /** The end of the levels holding the next {@code numValues} visible values from {@code start}. */
    private static long levelsEnd(SerializedRepDef levels, long start, long numValues) {
        if (levels.maxVisibleDef() < 0 || !levels.hasDefinition()) {
            return start + numValues;
        }
        MemorySegment def = levels.definition();
        int maxVisibleDef = levels.maxVisibleDef();
        long taken = 0;
        long i = start;
        while (taken < numValues) {
            taken += (def.getAtIndex(Layouts.U16, i) & 0xFFFF) <= maxVisibleDef ? 1 : 0;
            i++;
        }
        return i;
    }

    /** Bytes chunk {@code c} takes: its header, then its levels and value buffers, each padded. */
    private static long chunkBytes(int c, MiniBlockChunks chunks, int numBuffers, ChunkedBlocks repChunks,
            ChunkedBlocks defChunks, boolean largeChunks, String column) {
        long header = 2 + (repChunks != null ? 2 : 0) + (defChunks != null ? 2 : 0)
                + (long) (largeChunks ? 4 : 2) * numBuffers;
        long bytes = align(header);
        if (repChunks != null) {
            bytes += align(checkedU16(repChunks.size(c), column));
        }
        if (defChunks != null) {
            bytes += align(checkedU16(defChunks.size(c), column));
        }
        for (int b = 0; b < numBuffers; b++) {
            long size = chunks.bufferSize(c, b);
            bytes += align(largeChunks ? size : checkedU16(size, column));
        }
        return bytes;
    }

    /** Each chunk's u16 levels compressed on its own, all into one buffer. */
    private static ChunkedBlocks compressLevels(MemorySegment stream, long numLevels, long[] chunkLevels,
            int numChunks, long[] ends, BlockCompressor compressor, OffHeapArena arena) {
        FixedWidthBlock all = new FixedWidthBlock(new LanceBuffer(stream.asSlice(0, numLevels * 2)), 16, numLevels);
        return compressor.compressChunks(all, chunkLevels, numChunks, ends, arena);
    }

    /**
     * Per-chunk arrays of the page being written, reused by the thread's next page: a page has
     * thousands of chunks, and these arrays were most of a write's heap allocation.
     */
    private static final class Scratch {
        private long[] chunkLevels = new long[0];
        private long[] repEnds = new long[0];
        private long[] defEnds = new long[0];

        long[] chunkLevels(int n) {
            if (chunkLevels.length < n) {
                chunkLevels = new long[grown(n)];
            }
            return chunkLevels;
        }

        long[] repEnds(int n) {
            if (repEnds.length < n) {
                repEnds = new long[grown(n)];
            }
            return repEnds;
        }

        long[] defEnds(int n) {
            if (defEnds.length < n) {
                defEnds = new long[grown(n)];
            }
            return defEnds;
        }

        private static int grown(int n) {
            return Math.max(n, Math.min(Integer.MAX_VALUE - 8, n + (n >> 1)));
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * Per chunk: rows that finish in it, and the entries after its last row start (a row that
     * continues into the next chunk). A chunk's first entry completes the previous chunk's
     * leftover row when it starts a new one.
     */
    private static MemorySegment repetitionIndex(SerializedRepDef levels, long[] chunkLevels, int numChunks,
            OffHeapArena arena) {
        MemorySegment rep = levels.repetition();
        short rowStart = (short) levels.maxRep();
        MemorySegment index = arena.allocate(numChunks * 16L);
        long at = 0;
        for (int c = 0; c < numChunks; c++) {
            int n = (int) chunkLevels[c]; // at most 65535: checked when the chunks were cut
            boolean startsRow = n > 0 && rep.getAtIndex(Layouts.U16, at) == rowStart;
            // rows that start in the chunk after its first entry
            long rows = U16Counts.countEqual(rep, at, n, rowStart) - (startsRow ? 1 : 0);
            int lastStart = n - 1;
            while (lastStart >= 0 && rep.getAtIndex(Layouts.U16, at + lastStart) != rowStart) {
                lastStart--;
            }
            boolean last = c == numChunks - 1;
            long leftovers = last ? 0 : lastStart < 0 ? n : n - lastStart;
            if (c > 0 && startsRow && index.getAtIndex(Layouts.U64, 2L * c - 1) != 0) {
                index.setAtIndex(Layouts.U64, 2L * c - 2, index.getAtIndex(Layouts.U64, 2L * c - 2) + 1);
                index.setAtIndex(Layouts.U64, 2L * c - 1, 0);
            }
            if (last) {
                rows++;
            }
            index.setAtIndex(Layouts.U64, 2L * c, rows);
            index.setAtIndex(Layouts.U64, 2L * c + 1, leftovers);
            at += n;
        }
        return index;
    }

    private static long align(long n) {
        return n + Layouts.padding(n, ALIGN);
    }

    private static long checkedU16(long v, String column) {
        if (v > 0xFFFF) {
            throw new MiniBlockOverflowException("column '" + column + "': a mini-block buffer of " + v
                    + " bytes does not fit the 2.1 chunk header");
        }
        return (int) v;
    }
}
