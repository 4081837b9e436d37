package dev.jlance.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import dev.jlance.format.pb.Encodings20.ColumnEncoding;
import dev.jlance.format.pb.Encodings21;
import dev.jlance.format.pb.Encodings21.CompressiveEncoding;
import dev.jlance.format.pb.File2Protos;
import dev.jlance.memory.OffHeapArena;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written metadata must be exactly what the generated messages serialize to. */
class ColumnMetadataWireTest {

    private static final long[] EDGES = {0, 1, 127, 128, 16_383, 16_384, (1L << 32) - 1, 1L << 32, Long.MAX_VALUE,
        -1L};

    private static long value(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> EDGES[r.nextInt(EDGES.length)];
            case 1 -> r.nextLong(1 << 20);
            default -> r.nextLong();
        };
    }

    private static Message encoding(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> CompressiveEncodings.flat(8 << r.nextInt(4));
            case 1 -> CompressiveEncodings.variable(32);
            case 2 -> {
                byte[] table = new byte[2312];
                r.nextBytes(table);
                yield CompressiveEncoding.newBuilder()
                        .setFsst(Encodings21.Fsst.newBuilder().setSymbolTable(ByteString.copyFrom(table))
                                .setValues(CompressiveEncodings.variable(32)))
                        .build();
            }
            case 3 -> CompressiveEncoding.getDefaultInstance(); // serializes to nothing: Any without a value
            default -> Encodings21.PageLayout.newBuilder().setMiniBlockLayout(Encodings21.MiniBlockLayout.newBuilder()
                    .setNumItems(r.nextLong(1 << 20)).setValueCompression(CompressiveEncodings.flat(32))).build();
        };
    }

    private static long[] values(SplittableRandom r, int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = value(r);
        }
        return v;
    }

    /** {@code Encoding{direct{encoding: Any(message)}}}, built by the generated code. */
    private static File2Protos.Encoding direct(Message message) {
        return File2Protos.Encoding.newBuilder().setDirect(File2Protos.DirectEncoding.newBuilder()
                .setEncoding(ProtoAnyTest.generatedAny(message).toByteString())).build();
    }

    private static File2Protos.ColumnMetadata.Page generatedPage(long[] offsets, long[] sizes, long length,
            long priority, Message encoding) {
        File2Protos.ColumnMetadata.Page.Builder b = File2Protos.ColumnMetadata.Page.newBuilder()
                .setLength(length).setPriority(priority).setEncoding(direct(encoding));
        for (int i = 0; i < offsets.length; i++) {
            b.addBufferOffsets(offsets[i]).addBufferSizes(sizes[i]);
        }
        return b.build();
    }

    /** One pages entry, written into an array of its size (placed at an odd offset of a larger one). */
    private static byte[] pageField(long[] offsets, long[] sizes, long length, long priority, Message encoding) {
        int size = ColumnMetadataWire.pageFieldSize(offsets, sizes, length, priority, encoding);
        byte[] room = new byte[size + 3];
        ColumnMetadataWire.writePageField(MemorySegment.ofArray(room).asSlice(3, size), offsets, sizes, length,
                priority, encoding);
        return Arrays.copyOfRange(room, 3, 3 + size);
    }

    @Test
    void pagesAreTheGeneratedMessagesBytes() {
        SplittableRandom r = new SplittableRandom(17);
        for (int i = 0; i < 2000; i++) {
            int n = r.nextInt(6); // 0 buffers happens for an all-null page
            long[] offsets = values(r, n);
            long[] sizes = values(r, n);
            long length = r.nextInt(4) == 0 ? 0 : value(r);
            long priority = r.nextInt(4) == 0 ? 0 : value(r);
            Message encoding = encoding(r);
            byte[] ours = pageField(offsets, sizes, length, priority, encoding);
            // a pages entry: field 2's tag and length, then the page
            byte[] want = File2Protos.ColumnMetadata.newBuilder()
                    .addPages(generatedPage(offsets, sizes, length, priority, encoding)).build().toByteArray();
            assertArrayEquals(want, ours, "page " + i);
        }
        assertThrows(IllegalArgumentException.class,
                () -> ColumnMetadataWire.pageFieldSize(new long[2], new long[1], 1, 0, CompressiveEncodings.flat(8)));
    }

    @Test
    void columnsAreTheGeneratedMessagesBytesAndTheirSize() throws Exception {
        SplittableRandom r = new SplittableRandom(23);
        for (int i = 0; i < 500; i++) {
            try (OffHeapArena arena = OffHeapArena.open("column metadata test")) {
                checkColumn(r, i, arena);
            }
        }
    }

    private static void checkColumn(SplittableRandom r, int i, OffHeapArena arena) throws Exception {
        Message columnEncoding = switch (r.nextInt(3)) {
            case 0 -> ColumnEncoding.newBuilder().setValues(Empty.getDefaultInstance()).build();
            case 1 -> ColumnEncoding.getDefaultInstance();
            default -> encoding(r);
        };
        File2Protos.ColumnMetadata.Builder expected = File2Protos.ColumnMetadata.newBuilder()
                .setEncoding(direct(columnEncoding));
        ByteArrayOutputStream pages = new ByteArrayOutputStream();
        int numPages = r.nextInt(5) == 0 ? 0 : 1 + r.nextInt(40);
        for (int p = 0; p < numPages; p++) {
            int n = r.nextInt(4);
            long[] offsets = values(r, n);
            long[] sizes = values(r, n);
            long length = value(r);
            long priority = value(r);
            Message encoding = encoding(r);
            pages.writeBytes(pageField(offsets, sizes, length, priority, encoding));
            expected.addPages(generatedPage(offsets, sizes, length, priority, encoding));
        }
        int numBuffers = r.nextInt(3);
        long[] offsets = values(r, numBuffers);
        long[] sizes = values(r, numBuffers);
        for (int b = 0; b < numBuffers; b++) {
            expected.addBufferOffsets(offsets[b]).addBufferSizes(sizes[b]);
        }
        // the page records off the heap, as the writer keeps them
        var column = new ColumnMetadataWire.Column(columnEncoding, arena.copyOf(MemorySegment.ofArray(
                pages.toByteArray())), offsets, sizes);
        byte[] want = expected.build().toByteArray();
        assertEquals(want.length, ColumnMetadataWire.size(column), "size of column " + i);
        byte[] ours = new byte[want.length];
        CodedOutputStream out = CodedOutputStream.newInstance(ours);
        ColumnMetadataWire.write(column, out);
        out.checkNoSpaceLeft();
        assertArrayEquals(want, ours, "column " + i);
        assertEquals(expected.build(), File2Protos.ColumnMetadata.parseFrom(ours));
    }
}
