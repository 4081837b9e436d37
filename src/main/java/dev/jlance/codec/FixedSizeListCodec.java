package dev.jlance.codec;

import dev.jlance.compression.MiniBlockChunks;
import dev.jlance.compression.MiniBlockCompressed;
import dev.jlance.compression.MiniBlockCompressor;
import dev.jlance.compression.PerValueCompressed;
import dev.jlance.compression.PerValueCompressor;
import dev.jlance.data.AllNullBlock;
import dev.jlance.data.DataBlock;
import dev.jlance.data.FixedSizeListBlock;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.data.NullableBlock;
import dev.jlance.format.CompressiveEncodings;
import dev.jlance.format.pb.Encodings21.CompressiveEncoding;
import dev.jlance.memory.BitRanges;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.OffHeapArena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Fixed-size lists of fixed-width items (nested any number of times) stored as they are, the
 * only way official Lance 7.0.0 stores them: it never compresses their items, whatever the field
 * metadata asks, and never dictionary-encodes them.
 *
 * <p>Encoding: {@code fixed_size_list{items_per_value: d, has_validity, values: ...}} per layer,
 * outer first, around {@code flat{item bits}}; {@code has_validity} is set on a layer whose items
 * have a null somewhere in the page.
 *
 * <p>Mini-block: one buffer per layer with validity (that layer's bits for the chunk's rows), then
 * the items' bytes; a row is never split between chunks. Rows per chunk come from the flat
 * chunking rule applied to an estimated row size: the items' bytes plus, per validity layer,
 * {@code ceil(items per row / 8)} bytes (for rows that are not whole bytes, e.g. booleans, per 8
 * rows). A chunk's validity bits are cut the way Arrow's {@code bit_slice} cuts them: byte for
 * byte when they start on a byte boundary (so the last byte carries the following bits of the
 * page), shifted with clear high bits otherwise.
 *
 * <p>Full-zip: each row is its layers' validity bits (cut per row as above, {@code ceil(items per
 * row / 8)} bytes per layer) followed by its items' bytes; without item nulls that is just the
 * items, read in place.
 */
public final class FixedSizeListCodec implements MiniBlockCompressor, PerValueCompressor {

    public static final FixedSizeListCodec INSTANCE = new FixedSizeListCodec();

    private FixedSizeListCodec() {
    }

    /**
     * One layer of a fixed-size list.
     *
     * @param dimension items per list of this layer
     * @param slotsPerRow items of this layer per row (the product of the dimensions so far)
     * @param validity this layer's items' validity (page-wide, {@code rows × slotsPerRow} bits), or null
     */
    record Layer(int dimension, long slotsPerRow, MemorySegment validity) {
    }

    /** A fixed-size list block taken apart: its layers, outer first, and the innermost items. */
    record Shape(List<Layer> layers, FixedWidthBlock items, long rows) {

        long itemsPerRow() {
            return layers.getLast().slotsPerRow();
        }

        long rowBits() {
            return itemsPerRow() * items.bitsPerValue();
        }

        boolean hasValidity() {
            return layers.stream().anyMatch(l -> l.validity() != null);
        }

        /** Bytes of validity per row when zipped: {@code ceil(slotsPerRow / 8)} per layer with validity. */
        long validityBytesPerRow() {
            long bytes = 0;
            for (Layer l : layers) {
                if (l.validity() != null) {
                    bytes += (l.slotsPerRow() + 7) / 8;
                }
            }
            return bytes;
        }

        CompressiveEncoding encoding() {
            CompressiveEncoding e = CompressiveEncodings.flat(items.bitsPerValue());
            for (int k = layers.size() - 1; k >= 0; k--) {
                e = CompressiveEncodings.fixedSizeList(layers.get(k).dimension(), layers.get(k).validity() != null, e);
            }
            return e;
        }
    }

    /**
     * Takes {@code data} apart.
     *
     * @throws IllegalArgumentException if it is not a fixed-size list of fixed-width items
     */
    static Shape shape(DataBlock data) {
        if (!(data instanceof FixedSizeListBlock top)) {
            throw new IllegalArgumentException("fixed-size list encoding needs a fixed-size list, got " + data.kind());
        }
        List<Layer> layers = new ArrayList<>();
        long slots = 1;
        FixedSizeListBlock current = top;
        while (true) {
            slots = Math.multiplyExact(slots, current.dimension());
            DataBlock child = current.child();
            MemorySegment validity = null;
            if (child instanceof NullableBlock n) {
                validity = n.validity().segment();
                child = n.data();
            }
            layers.add(new Layer(current.dimension(), slots, validity));
            switch (child) {
                case FixedSizeListBlock inner -> current = inner;
                case FixedWidthBlock items -> {
                    return new Shape(layers, items, top.numValues());
                }
                default -> throw new IllegalArgumentException("fixed-size list items must be fixed width, got "
                        + child.kind());
            }
        }
    }

    /** The rows of one mini-block chunk: the first, how many, and the log2 its metadata word records. */
    private record ChunkRows(long first, long rows, int log) {
    }

    /**
     * Rows per non-last chunk as a log2, for rows of {@code bytesPerWord} estimated bytes
     * ({@code valuesPerWord} 1), or of {@code bytesPerWord} bits (8 rows per "word",
     * {@code valuesPerWord} 8): start at 2 (or 8) rows and double while twice the chunk stays under
     * {@link FlatCodec#MAX_MINIBLOCK_BYTES} and the row count under
     * {@link FlatCodec#MAX_MINIBLOCK_VALUES}. Rows so wide that even the first chunk misses that
     * aim (official Lance 7.0.0 panics on them, e.g. 2047 booleans with nulls) keep the smallest
     * chunk; the layout writer checks it against the format's real limit.
     */
    static int logRowsPerChunk(long bytesPerWord, int valuesPerWord) {
        long size = 2 * bytesPerWord;
        int log = valuesPerWord == 1 ? 1 : 3;
        long count = valuesPerWord == 1 ? 2 : 8;
        while (2 * size < FlatCodec.MAX_MINIBLOCK_BYTES && 2 * count <= FlatCodec.MAX_MINIBLOCK_VALUES) {
            log++;
            size *= 2;
            count *= 2;
        }
        return log;
    }

    @Override
    public MiniBlockCompressed compressMiniBlock(DataBlock data, OffHeapArena arena) {
        Shape s = shape(data);
        long rowBits = s.rowBits();
        long validityEstimate = 0;
        int validityLayers = 0;
        for (Layer l : s.layers()) {
            if (l.validity() != null) {
                validityEstimate += (l.slotsPerRow() + 7) / 8;
                validityLayers++;
            }
        }
        int valuesPerWord = rowBits % 8 == 0 ? 1 : 8;
        long bytesPerWord = rowBits % 8 == 0 ? rowBits / 8 : rowBits;
        int log = logRowsPerChunk(validityEstimate * valuesPerWord + bytesPerWord, valuesPerWord);
        long perChunk = 1L << log;
        long rows = s.rows();

        List<ChunkRows> chunkRows = new ArrayList<>();
        long row = 0;
        for (; row + perChunk <= rows; row += perChunk) {
            chunkRows.add(new ChunkRows(row, perChunk, log));
        }
        if (row < rows) {
            chunkRows.add(new ChunkRows(row, rows - row, 0));
        }

        // each layer's validity, cut chunk by chunk
        List<MemorySegment> buffers = new ArrayList<>();
        int[][] sizes = new int[chunkRows.size()][validityLayers + 1];
        int b = 0;
        for (Layer l : s.layers()) {
            if (l.validity() == null) {
                continue;
            }
            long total = 0;
            for (ChunkRows c : chunkRows) {
                total += (c.rows() * l.slotsPerRow() + 7) / 8;
            }
            MemorySegment out = arena.allocate(total);
            long at = 0;
            for (int c = 0; c < chunkRows.size(); c++) {
                long bits = chunkRows.get(c).rows() * l.slotsPerRow();
                BitRanges.sliceInto(l.validity(), chunkRows.get(c).first() * l.slotsPerRow(), bits, out, at);
                sizes[c][b] = Math.toIntExact((bits + 7) / 8);
                at += sizes[c][b];
            }
            buffers.add(out);
            b++;
        }
        long dataBytes = (rows * rowBits + 7) / 8;
        buffers.add(s.items().data().segment().asSlice(0, dataBytes));
        MiniBlockChunks.Builder chunks = MiniBlockChunks.builder(validityLayers + 1, chunkRows.size(), arena);
        long dataDone = 0;
        for (int c = 0; c < chunkRows.size(); c++) {
            ChunkRows cr = chunkRows.get(c);
            long bytes = c == chunkRows.size() - 1 ? dataBytes - dataDone : cr.rows() * rowBits / 8;
            sizes[c][validityLayers] = Math.toIntExact(bytes);
            dataDone += bytes;
            chunks.add(sizes[c], cr.log());
        }
        return new MiniBlockCompressed(buffers, chunks.build(), rows, s.encoding());
    }

    @Override
    public PerValueCompressed compressPerValue(DataBlock data, OffHeapArena arena) {
        if (data instanceof FixedSizeListBlock f && f.child() instanceof AllNullBlock) {
            return allItemsNull(f);
        }
        Shape s = shape(data);
        long rowBits = s.rowBits();
        if (s.items().bitsPerValue() % 8 != 0) {
            throw new IllegalArgumentException("full-zip pages cannot hold fixed-size lists of booleans (official"
                    + " Lance 7.0.0 sizes their rows as a byte per item and cannot read them back); do not force"
                    + " lance-encoding:structural-encoding=fullzip on them");
        }
        long rows = s.rows();
        long dataBytesPerRow = rowBits / 8;
        MemorySegment items = s.items().data().segment();
        if (!s.hasValidity()) {
            FixedWidthBlock block = new FixedWidthBlock(new LanceBuffer(items.asSlice(0, rows * dataBytesPerRow)),
                    Math.toIntExact(rowBits), rows);
            return new PerValueCompressed.Fixed(block, s.encoding());
        }
        long bytesPerRow = s.validityBytesPerRow() + dataBytesPerRow;
        MemorySegment zipped = arena.allocate(rows * bytesPerRow);
        long at = 0;
        for (long r = 0; r < rows; r++) {
            for (Layer l : s.layers()) {
                if (l.validity() != null) {
                    BitRanges.sliceInto(l.validity(), r * l.slotsPerRow(), l.slotsPerRow(), zipped, at);
                    at += (l.slotsPerRow() + 7) / 8;
                }
            }
            MemorySegment.copy(items, r * dataBytesPerRow, zipped, at, dataBytesPerRow);
            at += dataBytesPerRow;
        }
        FixedWidthBlock block = new FixedWidthBlock(new LanceBuffer(zipped), Math.toIntExact(bytesPerRow * 8), rows);
        return new PerValueCompressed.Fixed(block, s.encoding());
    }

    /**
     * Whether full-zip pages can hold {@code block}: not when its items are booleans (official
     * Lance 7.0.0 sizes their rows as a byte per item and cannot read them back).
     */
    public static boolean zipsWholeRows(FixedSizeListBlock block) {
        return block.child() instanceof AllNullBlock || shape(block).items().bitsPerValue() % 8 == 0;
    }

    /**
     * The page official Lance writes when every item of the outer layer is null (and the rows'
     * levels say which rows are null): nothing but the levels, {@code constant} values of zero
     * bits per row.
     */
    public static PerValueCompressed allItemsNull(FixedSizeListBlock block) {
        if (!(block.child() instanceof AllNullBlock)) {
            throw new IllegalArgumentException("expected a fixed-size list of all-null items, got " + block.kind());
        }
        return new PerValueCompressed.Constant(block.numValues(), CompressiveEncodings.constantWithoutValue());
    }
}
