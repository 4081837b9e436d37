package dev.jlance.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import dev.jlance.compression.MiniBlockChunk;
import dev.jlance.compression.MiniBlockCompressed;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.data.VariableWidthBlock;
import dev.jlance.format.pb.Encodings21.CompressiveEncoding;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.OffHeapArena;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import net.jpountz.lz4.LZ4Factory;

/**
 * Test-side decoders written from the format notes, independent of the codecs under test: they
 * undo zstd/lz4 frames, RLE, byte-stream-split and flat chunk by chunk, and are stricter than the
 * official reader (an RLE chunk must expand to exactly its value count, a frame's length prefix must
 * match what it holds).
 */
final class CodecTestSupport {

    private CodecTestSupport() {
    }

    /** Values of {@code bits} bits (8/16/32/64, little-endian) in an exact-size off-heap block. */
    static FixedWidthBlock fixed(OffHeapArena arena, int bits, long[] values) {
        int w = bits / 8;
        MemorySegment s = arena.allocate((long) values.length * w);
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < w; j++) {
                s.set(ValueLayout.JAVA_BYTE, (long) i * w + j, (byte) (values[i] >>> (8 * j)));
            }
        }
        return new FixedWidthBlock(new LanceBuffer(s), bits, values.length);
    }

    static VariableWidthBlock variable(OffHeapArena arena, List<byte[]> values, int bitsPerOffset) {
        int w = bitsPerOffset / 8;
        long total = values.stream().mapToLong(v -> v.length).sum();
        MemorySegment offsets = arena.allocate((values.size() + 1L) * w);
        MemorySegment data = arena.allocate(total);
        long pos = 0;
        for (int i = 0; i <= values.size(); i++) {
            if (w == 4) {
                offsets.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), i, (int) pos);
            } else {
                offsets.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), i, pos);
            }
            if (i < values.size()) {
                MemorySegment.copy(MemorySegment.ofArray(values.get(i)), 0, data, pos, values.get(i).length);
                pos += values.get(i).length;
            }
        }
        return new VariableWidthBlock(new LanceBuffer(offsets), new LanceBuffer(data), bitsPerOffset, values.size());
    }

    static byte[] bytes(MemorySegment s) {
        return s.toArray(ValueLayout.JAVA_BYTE);
    }

    static byte[] bytes(FixedWidthBlock b) {
        return bytes(b.data().segment().asSlice(0, b.numValues() * b.bitsPerValue() / 8));
    }

    /** Undoes one frame; checks the length prefix against the decompressed size. */
    static byte[] unframe(GeneralCompression.Scheme scheme, byte[] framed) {
        ByteBuffer bb = ByteBuffer.wrap(framed).order(ByteOrder.LITTLE_ENDIAN);
        return switch (scheme) {
            case ZSTD -> {
                long len = bb.getLong(0);
                byte[] frame = java.util.Arrays.copyOfRange(framed, 8, framed.length);
                assertEquals(len, Zstd.getFrameContentSize(frame), "the frame header carries the content size");
                byte[] out = Zstd.decompress(frame, Math.toIntExact(len));
                assertEquals(len, out.length);
                yield out;
            }
            case LZ4 -> {
                int len = bb.getInt(0);
                byte[] out = new byte[len];
                int n = LZ4Factory.safeInstance().safeDecompressor().decompress(framed, 4, framed.length - 4, out, 0);
                assertEquals(len, n);
                yield out;
            }
        };
    }

    /** Decodes every chunk of a mini-block page and concatenates the value bytes. */
    static byte[] decodeMiniBlock(MiniBlockCompressed page, int bitsPerValue) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] pos = new long[page.buffers().size()];
        long before = 0;
        for (int c = 0; c < page.chunks().size(); c++) {
            MiniBlockChunk chunk = page.chunks().get(c);
            long values = page.chunkValues(c, before);
            if (c < page.chunks().size() - 1) {
                assertTrue(chunk.logNumValues() >= 1 && chunk.logNumValues() <= 12, "non-last chunk log");
            }
            List<byte[]> buffers = new ArrayList<>();
            for (int b = 0; b < page.buffers().size(); b++) {
                buffers.add(bytes(page.buffers().get(b).asSlice(pos[b], chunk.bufferSize(b))));
                pos[b] += chunk.bufferSize(b);
            }
            byte[] decoded = decodeChunk(page.encoding(), buffers, values);
            assertEquals(values * bitsPerValue / 8, decoded.length, "chunk " + c + " decodes to its value count");
            out.writeBytes(decoded);
            before += values;
        }
        assertEquals(page.numValues(), before);
        for (int b = 0; b < pos.length; b++) {
            assertEquals(page.buffers().get(b).byteSize(), pos[b], "chunks use all of buffer " + b);
        }
        return out.toByteArray();
    }

    static byte[] decodeChunk(CompressiveEncoding e, List<byte[]> buffers, long n) {
        return switch (e.getCompressionCase()) {
            case FLAT -> {
                assertEquals(1, buffers.size());
                yield buffers.getFirst();
            }
            case GENERAL -> {
                GeneralCompression.Scheme scheme = switch (e.getGeneral().getCompression().getScheme()) {
                    case COMPRESSION_ALGORITHM_ZSTD -> GeneralCompression.Scheme.ZSTD;
                    case COMPRESSION_ALGORITHM_LZ4 -> GeneralCompression.Scheme.LZ4;
                    default -> throw new AssertionError("scheme " + e.getGeneral().getCompression());
                };
                List<byte[]> inner = new ArrayList<>(buffers);
                inner.set(0, unframe(scheme, buffers.getFirst()));
                yield decodeChunk(e.getGeneral().getValues(), inner, n);
            }
            case RLE -> {
                int w = (int) e.getRle().getValues().getFlat().getBitsPerValue() / 8;
                assertEquals(8, e.getRle().getRunLengths().getFlat().getBitsPerValue());
                byte[] values = buffers.get(0);
                byte[] lengths = buffers.get(1);
                assertEquals(values.length, lengths.length * w, "one value per run length");
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int r = 0; r < lengths.length; r++) {
                    int len = lengths[r] & 0xFF;
                    assertTrue(len > 0, "no empty runs");
                    for (int k = 0; k < len; k++) {
                        out.write(values, r * w, w);
                    }
                }
                // Like official Lance, a chunk's last run may go on past its count (the run that
                // crossed the cut); it must still cover the count, and only that run may overhang.
                long lastRun = 0; // a run longer than 255 spans several entries of the same value
                for (int r = lengths.length - 1; r >= 0 && java.util.Arrays.equals(values, r * w, r * w + w,
                        values, (lengths.length - 1) * w, lengths.length * w); r--) {
                    lastRun += lengths[r] & 0xFF;
                }
                assertTrue(out.size() >= n * w, "runs cover the chunk's values");
                assertTrue(out.size() - (long) n * w < Math.max(lastRun, 1) * w,
                        "only the last run goes past the chunk's values");
                yield java.util.Arrays.copyOf(out.toByteArray(), (int) (n * w));
            }
            case BYTE_STREAM_SPLIT -> {
                int w = (int) e.getByteStreamSplit().getValues().getFlat().getBitsPerValue() / 8;
                byte[] in = buffers.getFirst();
                assertEquals(n * w, in.length);
                byte[] out = new byte[in.length];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < w; j++) {
                        out[i * w + j] = in[(int) (j * n + i)];
                    }
                }
                yield out;
            }
            default -> throw new AssertionError("test decoder lacks " + e.getCompressionCase());
        };
    }
}
