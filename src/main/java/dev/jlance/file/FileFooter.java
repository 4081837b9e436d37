package dev.jlance.file;

import com.google.protobuf.CodedOutputStream;
import dev.jlance.FormatVersion;
import dev.jlance.format.ColumnMetadataWire;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.schema.LanceSchema;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the end of a Lance file after the data: the schema (global buffer 0), the column
 * metadatas back to back, the column-metadata offset table, the global-buffer offset table and the
 * 40-byte footer ending in "LANC".
 */
final class FileFooter {

    static final byte[] MAGIC = {'L', 'A', 'N', 'C'};
    static final int FOOTER_BYTES = 40;

    private FileFooter() {
    }

    /** Returns the size of the finished file. */
    static long write(FileSink sink, LanceSchema schema, long rows, List<ColumnRecorder> columns, FormatVersion version)
            throws IOException {
        var descriptor = SchemaDescriptors.fileDescriptor(schema, rows);
        long schemaSize = descriptor.getSerializedSize();
        List<ColumnMetadataWire.Column> metadata = new ArrayList<>(columns.size());
        long[] metadataSizes = new long[columns.size()];
        long metadataBytes = 0;
        for (int i = 0; i < columns.size(); i++) {
            metadata.add(columns.get(i).column());
            metadataSizes[i] = ColumnMetadataWire.size(metadata.get(i));
            metadataBytes += metadataSizes[i];
        }
        // Everything before is padded, so the schema starts aligned as 2.1 readers require.
        long schemaPos = sink.position();
        long columnMetaStart = schemaPos + schemaSize;
        long cmoStart = columnMetaStart + metadataBytes;
        long gboStart = cmoStart + 16L * columns.size();
        long end = gboStart + 16 + FOOTER_BYTES;

        // The whole footer is serialized off the heap, into memory of its exact size, and written at once.
        try (OffHeapArena arena = OffHeapArena.open("footer")) {
            MemorySegment bytes = arena.allocateUninitialized(end - schemaPos);
            CodedOutputStream out = CodedOutputStream.newInstance(bytes.asByteBuffer());
            descriptor.writeTo(out);
            for (ColumnMetadataWire.Column column : metadata) {
                ColumnMetadataWire.write(column, out);
            }
            long at = columnMetaStart;
            for (long size : metadataSizes) {
                out.writeFixed64NoTag(at);
                out.writeFixed64NoTag(size);
                at += size;
            }
            out.writeFixed64NoTag(schemaPos);
            out.writeFixed64NoTag(schemaSize);

            out.writeFixed64NoTag(columnMetaStart);
            out.writeFixed64NoTag(cmoStart);
            out.writeFixed64NoTag(gboStart);
            out.writeFixed32NoTag(1);
            out.writeFixed32NoTag(columns.size());
            out.writeFixed32NoTag((version.footerMajor() & 0xFFFF) | version.footerMinor() << 16); // two u16
            out.writeRawBytes(MAGIC);
            out.flush();
            out.checkNoSpaceLeft();
            sink.writeUnpadded(new LanceBuffer(bytes));
        }
        if (sink.position() != end) {
            throw new IllegalStateException("footer ends at " + sink.position() + ", planned " + end);
        }
        return end;
    }
}
