package dev.jlance.file;

import dev.jlance.FormatVersion;
import com.google.protobuf.CodedOutputStream;
import dev.jlance.format.ColumnMetadataWire;
import dev.jlance.schema.LanceSchema;
import java.io.IOException;
import java.util.List;

/**
 * Writes the end of a Lance file after the data: the schema (global buffer 0), the column
 * metadatas back to back, the column-metadata offset table, the global-buffer offset table and the
 * 40-byte footer ending in "LANC".
 */
final class FileFooter {

    static final byte[] MAGIC = {'L', 'A', 'N', 'C'};
    static final int FOOTER_BYTES = 40;
    /** The footer stream's buffer: most files' footers fit, and larger ones go out in pieces this big. */
    private static final int STREAM_BUFFER_BYTES = 8192;

    private FileFooter() {
    }

    /** Returns the size of the finished file. */
    static long write(FileSink sink, LanceSchema schema, long rows, List<ColumnRecorder> columns, FormatVersion version)
            throws IOException {
        // One buffered stream for all of it: the column metadatas go out as the recorders hold them,
        // without a copy of each on the heap. Everything before is padded, so the schema starts
        // aligned as 2.1 readers require.
        CodedOutputStream out = CodedOutputStream.newInstance(sink.unpaddedStream(), STREAM_BUFFER_BYTES);
        long schemaPos = sink.position();
        var descriptor = SchemaDescriptors.fileDescriptor(schema, rows);
        long schemaSize = descriptor.getSerializedSize();
        descriptor.writeTo(out);

        long columnMetaStart = schemaPos + schemaSize;
        long[] cmoPositions = new long[columns.size()];
        long[] cmoSizes = new long[columns.size()];
        long at = columnMetaStart;
        for (int i = 0; i < columns.size(); i++) {
            ColumnMetadataWire.Column column = columns.get(i).column();
            cmoPositions[i] = at;
            cmoSizes[i] = ColumnMetadataWire.size(column);
            ColumnMetadataWire.write(column, out);
            at += cmoSizes[i];
        }

        long cmoStart = at;
        for (int i = 0; i < columns.size(); i++) {
            out.writeFixed64NoTag(cmoPositions[i]);
            out.writeFixed64NoTag(cmoSizes[i]);
        }
        long gboStart = cmoStart + 16L * columns.size();
        out.writeFixed64NoTag(schemaPos);
        out.writeFixed64NoTag(schemaSize);

        out.writeFixed64NoTag(columnMetaStart);
        out.writeFixed64NoTag(cmoStart);
        out.writeFixed64NoTag(gboStart);
        out.writeFixed32NoTag(1);
        out.writeFixed32NoTag(columns.size());
        out.writeRawByte((byte) version.footerMajor());
        out.writeRawByte((byte) (version.footerMajor() >>> 8));
        out.writeRawByte((byte) version.footerMinor());
        out.writeRawByte((byte) (version.footerMinor() >>> 8));
        out.writeRawBytes(MAGIC);
        out.flush();
        long end = gboStart + 16 + FOOTER_BYTES;
        if (sink.position() != end) {
            throw new IllegalStateException("footer ends at " + sink.position() + ", planned " + end);
        }
        return end;
    }
}
