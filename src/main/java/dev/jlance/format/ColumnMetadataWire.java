package dev.jlance.format;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;

/**
 * Serializes file2.proto's {@code ColumnMetadata} and its {@code Page}s straight from what the
 * writer holds, byte for byte what the generated messages would serialize to (the tests compare
 * the two). Building those messages per page meant a builder, an {@code Encoding}, a
 * {@code DirectEncoding}, and a copy of the page's encoding packed into an {@code Any} that was
 * then copied again into the footer; an FSST page's encoding carries a 2.3 KB symbol table, so
 * that was most of what writing a file of few, large rows allocated on the heap. Here a page is
 * serialized once, into memory the caller gives (the writer's, off the heap), and the footer copies
 * a column's pages out as they are: a repeated message field is, on the wire, its elements' bytes
 * each behind a tag and a length.
 */
public final class ColumnMetadataWire {

    // file2.proto: ColumnMetadata.Page
    private static final int PAGE_BUFFER_OFFSETS = 1;
    private static final int PAGE_BUFFER_SIZES = 2;
    private static final int PAGE_LENGTH = 3;
    private static final int PAGE_ENCODING = 4;
    private static final int PAGE_PRIORITY = 5;
    // file2.proto: ColumnMetadata
    private static final int COLUMN_ENCODING = 1;
    private static final int COLUMN_PAGES = 2;
    private static final int COLUMN_BUFFER_OFFSETS = 3;
    private static final int COLUMN_BUFFER_SIZES = 4;
    // file2.proto: Encoding.direct and DirectEncoding.encoding
    private static final int ENCODING_DIRECT = 2;
    private static final int DIRECT_ENCODING_BYTES = 1;

    private ColumnMetadataWire() {
    }

    /**
     * Bytes of one entry of {@code ColumnMetadata.pages}: the tag, the length and the message
     * {@code Page{buffer_offsets, buffer_sizes, length, encoding: direct(Any(encoding)), priority}}.
     */
    public static int pageFieldSize(long[] bufferOffsets, long[] bufferSizes, long length, long priority,
            Message encoding) {
        return delimitedSize(COLUMN_PAGES, pageSize(bufferOffsets, bufferSizes, length, priority, encoding));
    }

    private static int pageSize(long[] bufferOffsets, long[] bufferSizes, long length, long priority,
            Message encoding) {
        if (bufferOffsets.length != bufferSizes.length) {
            throw new IllegalArgumentException(bufferOffsets.length + " buffer offsets but " + bufferSizes.length
                    + " sizes");
        }
        return packedFieldSize(PAGE_BUFFER_OFFSETS, packedDataSize(bufferOffsets), bufferOffsets.length)
                + packedFieldSize(PAGE_BUFFER_SIZES, packedDataSize(bufferSizes), bufferSizes.length)
                + (length != 0 ? CodedOutputStream.computeUInt64Size(PAGE_LENGTH, length) : 0)
                + delimitedSize(PAGE_ENCODING, directEncodingSize(ProtoAny.typeUrl(encoding), encoding))
                + (priority != 0 ? CodedOutputStream.computeUInt64Size(PAGE_PRIORITY, priority) : 0);
    }

    /**
     * Writes the {@code pages} entry of {@link #pageFieldSize} bytes into {@code into}, which has
     * exactly that many: a column's entries side by side are its pages as the footer stores them.
     */
    public static void writePageField(MemorySegment into, long[] bufferOffsets, long[] bufferSizes, long length,
            long priority, Message encoding) {
        String typeUrl = ProtoAny.typeUrl(encoding);
        CodedOutputStream s = CodedOutputStream.newInstance(into.asByteBuffer());
        try {
            s.writeTag(COLUMN_PAGES, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            s.writeUInt32NoTag(pageSize(bufferOffsets, bufferSizes, length, priority, encoding));
            writePacked(s, PAGE_BUFFER_OFFSETS, bufferOffsets, packedDataSize(bufferOffsets));
            writePacked(s, PAGE_BUFFER_SIZES, bufferSizes, packedDataSize(bufferSizes));
            if (length != 0) {
                s.writeUInt64(PAGE_LENGTH, length);
            }
            writeDirectEncoding(s, PAGE_ENCODING, typeUrl, encoding);
            if (priority != 0) {
                s.writeUInt64(PAGE_PRIORITY, priority);
            }
            s.flush();
            s.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("serializing into memory of its exact size cannot fail", e);
        }
    }

    /**
     * A column's metadata, ready to be measured and written.
     *
     * @param encoding the column encoding
     * @param pageFields the column's {@code pages} entries side by side ({@link #writePageField})
     * @param bufferOffsets where the column's buffers are
     * @param bufferSizes how long they are
     */
    public record Column(Message encoding, MemorySegment pageFields, long[] bufferOffsets, long[] bufferSizes) {
        public Column {
            if (bufferOffsets.length != bufferSizes.length) {
                throw new IllegalArgumentException(bufferOffsets.length + " buffer offsets but " + bufferSizes.length
                        + " sizes");
            }
        }
    }

    /** Bytes of {@code column}'s {@code ColumnMetadata} message. */
    public static long size(Column column) {
        return delimitedSize(COLUMN_ENCODING, directEncodingSize(ProtoAny.typeUrl(column.encoding()),
                column.encoding()))
                + column.pageFields().byteSize()
                + packedFieldSize(COLUMN_BUFFER_OFFSETS, packedDataSize(column.bufferOffsets()),
                        column.bufferOffsets().length)
                + packedFieldSize(COLUMN_BUFFER_SIZES, packedDataSize(column.bufferSizes()), column.bufferSizes().length);
    }

    /**
     * Writes {@code ColumnMetadata{encoding: direct(Any(column.encoding)), pages, buffer_offsets,
     * buffer_sizes}} ({@link #size} bytes).
     */
    public static void write(Column column, CodedOutputStream out) throws IOException {
        String typeUrl = ProtoAny.typeUrl(column.encoding());
        writeDirectEncoding(out, COLUMN_ENCODING, typeUrl, column.encoding());
        out.writeRawBytes(column.pageFields().asByteBuffer()); // a repeated message field's wire form
        writePacked(out, COLUMN_BUFFER_OFFSETS, column.bufferOffsets(), packedDataSize(column.bufferOffsets()));
        writePacked(out, COLUMN_BUFFER_SIZES, column.bufferSizes(), packedDataSize(column.bufferSizes()));
    }

    /** Bytes of {@code Encoding{direct: DirectEncoding{encoding: Any(message)}}}. */
    private static int directEncodingSize(String typeUrl, Message message) {
        int any = ProtoAny.packedSize(typeUrl, message);
        int direct = delimitedSize(DIRECT_ENCODING_BYTES, any);
        return delimitedSize(ENCODING_DIRECT, direct);
    }

    /** Writes field {@code field} holding {@code Encoding{direct: DirectEncoding{encoding: Any(message)}}}. */
    private static void writeDirectEncoding(CodedOutputStream s, int field, String typeUrl, Message message)
            throws IOException {
        int any = ProtoAny.packedSize(typeUrl, message);
        int direct = delimitedSize(DIRECT_ENCODING_BYTES, any);
        s.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        s.writeUInt32NoTag(delimitedSize(ENCODING_DIRECT, direct));
        s.writeTag(ENCODING_DIRECT, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        s.writeUInt32NoTag(direct);
        s.writeTag(DIRECT_ENCODING_BYTES, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        s.writeUInt32NoTag(any);
        ProtoAny.writePacked(s, typeUrl, message);
    }

    /** A length-delimited field of {@code size} bytes, with its tag and length. */
    private static int delimitedSize(int field, int size) {
        return CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(size) + size;
    }

    private static int packedDataSize(long[] values) {
        int size = 0;
        for (long v : values) {
            size += CodedOutputStream.computeUInt64SizeNoTag(v);
        }
        return size;
    }

    /** A packed repeated field; proto3 leaves an empty one out. */
    private static int packedFieldSize(int field, int dataSize, int count) {
        return count == 0 ? 0 : delimitedSize(field, dataSize);
    }

    private static void writePacked(CodedOutputStream s, int field, long[] values, int dataSize) throws IOException {
        if (values.length == 0) {
            return;
        }
        s.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        s.writeUInt32NoTag(dataSize);
        for (long v : values) {
            s.writeUInt64NoTag(v);
        }
    }
}
