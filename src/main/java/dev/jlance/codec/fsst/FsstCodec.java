package dev.jlance.codec.fsst;

import dev.jlance.codec.VariableCodec;
import dev.jlance.compression.MiniBlockCompressed;
import dev.jlance.compression.MiniBlockCompressor;
import dev.jlance.compression.PerValueCompressed;
import dev.jlance.compression.PerValueCompressor;
import dev.jlance.data.DataBlock;
import dev.jlance.data.VariableWidthBlock;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.parallel.PieceWork;
import dev.jlance.simd.FsstKernels;
import dev.jlance.simd.FsstMatchTables;
import dev.jlance.simd.OffsetsKernel;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Objects;

/**
 * FSST for variable-width values (NOTES §7.5): one symbol table per page, trained on a sample of
 * the page ({@link FsstTrainer}); every value compressed on its own; the compressed values then
 * stored like uncompressed binary ({@link VariableCodec}): cut into mini-block chunks, or zipped
 * with their lengths in full-zip pages. Encoding {@code fsst{symbol_table, values:
 * variable{offsets: flat{32|64}}}}.
 *
 * <p>Values are compressed one by one, so a large page is compressed in pieces (ranges of values)
 * that idle threads of the writer's executor may take ({@link PieceWork}); the pieces' outputs are
 * joined into the bytes one pass would have written.
 *
 * <p>When compression would not shrink the page (random bytes, or a page too small to teach the
 * table anything) the table's switch is turned off and the values are stored as they are, which
 * Lance's reader copies through.
 */
public final class FsstCodec implements MiniBlockCompressor, PerValueCompressor {

    public static final FsstCodec INSTANCE = new FsstCodec(FsstKernels.get());

    /** Input bytes per piece of a page's compression, which other threads may take (see {@link PieceWork}). */
    static final long PIECE_BYTES = 1 << 20;
    /**
     * Pieces a page's compression is cut into at most: enough that a full-zip page of long text
     * (tens of MB, one page) still goes in pieces of about {@link #PIECE_BYTES}, so the threads
     * finishing last wait for one short piece, not a sixteenth of the page.
     */
    static final int MAX_PIECES = 1024;

    private final FsstKernels kernels;
    private final VariableCodec chunking;
    private final long pieceBytes;

    /** A codec running {@code kernels} (tests pin the scalar or the vector kernels). */
    public FsstCodec(FsstKernels kernels) {
        this(kernels, VariableCodec.INSTANCE, PIECE_BYTES);
    }

    /** A codec cutting its compression into pieces of {@code pieceBytes} (tests cut small pages). */
    FsstCodec(FsstKernels kernels, long pieceBytes) {
        this(kernels, VariableCodec.INSTANCE, pieceBytes);
    }

    private FsstCodec(FsstKernels kernels, VariableCodec chunking, long pieceBytes) {
        if (pieceBytes <= 0) {
            throw new IllegalArgumentException("pieceBytes must be > 0: " + pieceBytes);
        }
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        this.chunking = Objects.requireNonNull(chunking, "chunking");
        this.pieceBytes = pieceBytes;
    }

    /**
     * This codec with mini-block chunks of compressed values cut by {@code chunking} (e.g. for
     * {@code lance-encoding:minichunk-size}, which official Lance applies to FSST chunks too).
     */
    public FsstCodec withChunking(VariableCodec chunking) {
        return chunking == this.chunking ? this : new FsstCodec(kernels, chunking, pieceBytes);
    }

    /**
     * A page's values compressed: the codes of each value, with offsets of the input's width, and the
     * table (switch off when {@code values} are the input itself).
     */
    public record Compressed(VariableWidthBlock values, FsstSymbolTable table) {
    }

    /** Trains a table on {@code block} and compresses every value with it; output lives in {@code arena}. */
    public Compressed compress(VariableWidthBlock block, OffHeapArena arena) {
        try (FsstTrainer.Workspace work = FsstTrainer.Workspace.open()) {
            return compress(block, arena, work);
        }
    }

    private Compressed compress(VariableWidthBlock block, OffHeapArena arena, FsstTrainer.Workspace work) {
        FsstSymbolTable table = FsstTrainer.train(block, work, arena);
        long n = block.numValues();
        long raw = n == 0 ? 0 : block.offset(n) - block.offset(0);
        if (table.size() == 0 || raw == 0) {
            return new Compressed(block, FsstSymbolTable.PASS_THROUGH);
        }
        long[] cuts = cuts(block, raw);
        int pieces = cuts.length - 1;
        int w = block.bytesPerOffset();
        FsstMatchTables tables = work.matchTables(table);
        try (OffHeapArena scratch = OffHeapArena.open("fsst scratch")) {
            // piece p writes its codes from twice its input's start (every byte escaped is the
            // kernel's worst case) and its offsets, from 0, after p gaps of one offset
            MemorySegment codes = scratch.allocateUninitialized(2 * raw);
            MemorySegment offsets = scratch.allocateUninitialized((n + pieces) * w);
            long[] sizes = new long[pieces];
            long first = block.offset(0);
            PieceWork.run(pieces, p -> {
                long from = cuts[p];
                long count = cuts[p + 1] - from;
                long in = block.offset(from) - first;
                // in place, no views: a piece allocates nothing on the heap
                sizes[p] = kernels.compress(tables, block.data().segment(), block.offsets().segment(), from, w, count,
                        codes, 2 * in, offsets, from + p);
            });
            long size = 0;
            for (long s : sizes) {
                size += s;
            }
            if (size >= raw) {
                return new Compressed(block, FsstSymbolTable.PASS_THROUGH);
            }
            return new Compressed(join(block, cuts, sizes, size, codes, offsets, arena), table);
        }
    }

    /**
     * Value indices where the pieces of a page start, then {@code n}: pieces of about
     * {@link #pieceBytes} input bytes, at most {@link #MAX_PIECES}, each cut at a value boundary (a
     * value longer than a piece makes its piece longer). One piece for a small page.
     */
    private long[] cuts(VariableWidthBlock block, long raw) {
        long n = block.numValues();
        int pieces = (int) Math.min(MAX_PIECES, Math.max(1, raw / pieceBytes));
        long[] cuts = new long[pieces + 1];
        int made = 1;
        long first = block.offset(0);
        for (int p = 1; p < pieces; p++) {
            long cut = firstValueFrom(block, first + raw / pieces * p);
            if (cut > cuts[made - 1] && cut < n) {
                cuts[made++] = cut;
            }
        }
        cuts[made++] = n;
        return made == cuts.length ? cuts : Arrays.copyOf(cuts, made);
    }

    /** The first value starting at or after byte {@code at} of the data (a binary search of the offsets). */
    private static long firstValueFrom(VariableWidthBlock block, long at) {
        long lo = 0;
        long hi = block.numValues();
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (block.offset(mid) < at) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The pieces' codes one after another in {@code arena}, with their offsets rebased to match. */
    private static VariableWidthBlock join(VariableWidthBlock block, long[] cuts, long[] sizes, long size,
            MemorySegment codes, MemorySegment offsets, OffHeapArena arena) {
        int w = block.bytesPerOffset();
        long n = block.numValues();
        MemorySegment outCodes = arena.allocateUninitialized(size);
        MemorySegment outOffsets = arena.allocateUninitialized((n + 1) * w);
        OffsetsKernel rebase = OffsetsKernel.kernel();
        long first = block.offset(0);
        long base = 0;
        for (int p = 0; p < sizes.length; p++) {
            long from = cuts[p];
            boolean last = p == sizes.length - 1;
            // each piece's last offset is the next one's first: only the last piece writes its own
            long count = cuts[p + 1] - from + (last ? 1 : 0);
            MemorySegment.copy(codes, 2 * (block.offset(from) - first), outCodes, base, sizes[p]);
            if (w == Integer.BYTES) {
                rebase.rebase32(offsets, from + p, outOffsets, from * w, count, (int) base);
            } else {
                rebase.rebase64(offsets, from + p, outOffsets, from * w, count, base);
            }
            base += sizes[p];
        }
        return new VariableWidthBlock(new LanceBuffer(outOffsets), new LanceBuffer(outCodes), block.bitsPerOffset(), n);
    }

    @Override
    public MiniBlockCompressed compressMiniBlock(DataBlock data, OffHeapArena arena) {
        Compressed c = compress(requireVariable(data), arena);
        MiniBlockCompressed inner = chunking.compressMiniBlock(c.values(), arena);
        return new MiniBlockCompressed(inner.buffers(), inner.chunks(), inner.numValues(),
                FsstEncodings.fsst(c.table(), inner.encoding()));
    }

    @Override
    public PerValueCompressed compressPerValue(DataBlock data, OffHeapArena arena) {
        Compressed c = compress(requireVariable(data), arena);
        PerValueCompressed inner = VariableCodec.INSTANCE.compressPerValue(c.values(), arena);
        return new PerValueCompressed.Variable(c.values(), FsstEncodings.fsst(c.table(), inner.encoding()));
    }

    private static VariableWidthBlock requireVariable(DataBlock data) {
        if (data instanceof VariableWidthBlock v) {
            return v;
        }
        throw new IllegalArgumentException("fsst encoding needs variable-width values, got " + data.kind());
    }
}
