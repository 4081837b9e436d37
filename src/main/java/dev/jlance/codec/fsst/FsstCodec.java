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
import dev.jlance.simd.FsstKernels;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * FSST for variable-width values (NOTES §7.5): one symbol table per page, trained on a sample of
 * the page ({@link FsstTrainer}); every value compressed on its own; the compressed values then
 * stored like uncompressed binary ({@link VariableCodec}): cut into mini-block chunks, or zipped
 * with their lengths in full-zip pages. Encoding {@code fsst{symbol_table, values:
 * variable{offsets: flat{32|64}}}}.
 *
 * <p>When compression would not shrink the page (random bytes, or a page too small to teach the
 * table anything) the table's switch is turned off and the values are stored as they are, which
 * Lance's reader copies through.
 */
public final class FsstCodec implements MiniBlockCompressor, PerValueCompressor {

    public static final FsstCodec INSTANCE = new FsstCodec(FsstKernels.get());

    private final FsstKernels kernels;
    private final VariableCodec chunking;

    /** A codec running {@code kernels} (tests pin the scalar or the vector kernels). */
    public FsstCodec(FsstKernels kernels) {
        this(kernels, VariableCodec.INSTANCE);
    }

    private FsstCodec(FsstKernels kernels, VariableCodec chunking) {
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        this.chunking = Objects.requireNonNull(chunking, "chunking");
    }

    /**
     * This codec with mini-block chunks of compressed values cut by {@code chunking} (e.g. for
     * {@code lance-encoding:minichunk-size}, which official Lance applies to FSST chunks too).
     */
    public FsstCodec withChunking(VariableCodec chunking) {
        return chunking == this.chunking ? this : new FsstCodec(kernels, chunking);
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
        int w = block.bytesPerOffset();
        try (OffHeapArena scratch = OffHeapArena.open("fsst scratch")) {
            // every byte escaped doubles the input: the kernel's worst case
            MemorySegment codes = scratch.allocate(2 * raw);
            MemorySegment offsets = scratch.allocate((n + 1) * w);
            long size = kernels.compress(work.matchTables(table), block.data().segment(), block.offsets().segment(), w,
                    n, codes, offsets);
            if (size >= raw) {
                return new Compressed(block, FsstSymbolTable.PASS_THROUGH);
            }
            VariableWidthBlock out = new VariableWidthBlock(new LanceBuffer(arena.copyOf(offsets)),
                    new LanceBuffer(arena.copyOf(codes.asSlice(0, size))), block.bitsPerOffset(), n);
            return new Compressed(out, table);
        }
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
