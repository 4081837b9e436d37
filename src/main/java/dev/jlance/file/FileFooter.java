package dev.jlance.file;

import dev.jlance.FormatVersion;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.schema.LanceSchema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
        // Everything before is padded, so the schema starts aligned as 2.1 readers require.
        byte[] descriptor = SchemaDescriptors.fileDescriptor(schema, rows).toByteArray();
        long schemaPos = sink.writeUnpadded(LanceBuffer.wrap(descriptor));

        long[][] cmo = new long[columns.size()][];
        long columnMetaStart = sink.position();
        for (int i = 0; i < columns.size(); i++) {
            byte[] meta = columns.get(i).metadata().toByteArray();
            cmo[i] = new long[] {sink.writeUnpadded(LanceBuffer.wrap(meta)), meta.length};
        }

        ByteBuffer tables = ByteBuffer.allocate(16 * columns.size() + 16).order(ByteOrder.LITTLE_ENDIAN);
        for (long[] entry : cmo) {
            tables.putLong(entry[0]).putLong(entry[1]);
        }
        tables.putLong(schemaPos).putLong(descriptor.length);
        long cmoStart = sink.writeUnpadded(LanceBuffer.wrap(tables.array()));
        long gboStart = cmoStart + 16L * columns.size();

        ByteBuffer footer = ByteBuffer.allocate(FOOTER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        footer.putLong(columnMetaStart).putLong(cmoStart).putLong(gboStart)
                .putInt(1).putInt(columns.size())
                .putShort((short) version.footerMajor()).putShort((short) version.footerMinor())
                .put(MAGIC);
        sink.writeUnpadded(LanceBuffer.wrap(footer.array()));
        return sink.position();
    }
}
