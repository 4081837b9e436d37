package dev.jlance.codec;

import com.github.luben.zstd.ZstdCompressCtx;
import dev.jlance.memory.Layouts;
import dev.jlance.memory.OffHeapArena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/**
 * Compresses one buffer into the frame official Lance reads for a {@code general} encoding:
 * <ul>
 *   <li>zstd: the uncompressed length as u64 LE, then one zstd frame compressed in one shot (so the
 *       frame header carries the content size, as official 7.0.0 writes it);</li>
 *   <li>lz4: the uncompressed length as u32 LE, then one lz4 <em>block</em> (lz4's default, fast
 *       mode).</li>
 * </ul>
 * Both read and write off-heap memory directly (direct {@link ByteBuffer} views of the segments),
 * never copying through the heap. Not thread-safe: one compressor per task, closed when done.
 */
public sealed interface FrameCompressor extends AutoCloseable permits FrameCompressor.Zstd, FrameCompressor.Lz4 {

    /** Bytes {@link #compress} may write for {@code inputBytes} bytes of input, framing included. */
    long maxFrameSize(long inputBytes);

    /**
     * Compresses all of {@code src} into the start of {@code dst} and returns the bytes written.
     * Both must be native segments; {@code dst} must hold {@link #maxFrameSize} bytes.
     */
    long compress(MemorySegment src, MemorySegment dst);

    @Override
    void close();

    /** {@code segment} itself when it is off-heap, else a copy in {@code arena} (the native libraries need addresses). */
    static MemorySegment nativeOf(MemorySegment segment, OffHeapArena arena) {
        return segment.isNative() ? segment : arena.copyOf(segment);
    }

    private static ByteBuffer direct(MemorySegment segment, String what) {
        if (!segment.isNative()) {
            throw new IllegalArgumentException(what + " must be an off-heap segment");
        }
        if (segment.byteSize() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " of " + segment.byteSize() + " bytes is too large for one frame");
        }
        return segment.asByteBuffer();
    }

    /** zstd, one frame per buffer, through one reused compression context. */
    final class Zstd implements FrameCompressor {
        static final int PREFIX = 8;
        private final ZstdCompressCtx ctx = new ZstdCompressCtx();

        Zstd(int level) {
            // One-shot frames with the content size and no checksum: what official Lance writes.
            ctx.setLevel(level);
            ctx.setChecksum(false);
            ctx.setContentSize(true);
        }

        @Override
        public long maxFrameSize(long inputBytes) {
            return PREFIX + com.github.luben.zstd.Zstd.compressBound(inputBytes);
        }

        @Override
        public long compress(MemorySegment src, MemorySegment dst) {
            ByteBuffer in = direct(src, "input");
            MemorySegment body = dst.asSlice(PREFIX);
            ByteBuffer out = direct(body.asSlice(0, Math.min(body.byteSize(), Integer.MAX_VALUE)), "output");
            int n = ctx.compressDirectByteBuffer(out, 0, out.capacity(), in, 0, in.capacity());
            dst.set(Layouts.U64, 0, src.byteSize());
            return PREFIX + n;
        }

        @Override
        public void close() {
            ctx.close();
        }
    }

    /** lz4 blocks behind a u32 length. */
    final class Lz4 implements FrameCompressor {
        static final int PREFIX = 4;

        /**
         * The JNI build of lz4 (the C library official Lance also uses, so the bytes match), else
         * the pure-Java port; the two can compress the same input differently, so one JVM always
         * uses the same one.
         */
        private static final LZ4Compressor COMPRESSOR = chooseCompressor();

        private static LZ4Compressor chooseCompressor() {
            try {
                return LZ4Factory.nativeInstance().fastCompressor();
            } catch (LinkageError | RuntimeException e) { // no native library for this platform
                System.getLogger(FrameCompressor.class.getName()).log(System.Logger.Level.INFO,
                        "lz4: native library unavailable (" + e + "), using the Java port");
                return LZ4Factory.safeInstance().fastCompressor();
            }
        }

        @Override
        public long maxFrameSize(long inputBytes) {
            if (inputBytes > Integer.MAX_VALUE - PREFIX) {
                throw new IllegalArgumentException("lz4 frames hold at most 2 GiB, got " + inputBytes + " bytes");
            }
            return PREFIX + (long) COMPRESSOR.maxCompressedLength((int) inputBytes);
        }

        @Override
        public long compress(MemorySegment src, MemorySegment dst) {
            ByteBuffer in = direct(src, "input");
            MemorySegment body = dst.asSlice(PREFIX);
            ByteBuffer out = direct(body.asSlice(0, Math.min(body.byteSize(), Integer.MAX_VALUE)), "output");
            int n = COMPRESSOR.compress(in, 0, in.capacity(), out, 0, out.capacity());
            dst.set(Layouts.U32, 0, (int) src.byteSize());
            return PREFIX + n;
        }

        @Override
        public void close() {
            // stateless
        }
    }
}
