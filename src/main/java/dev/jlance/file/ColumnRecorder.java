package dev.jlance.file;

import dev.jlance.encoder.EncodedBatch;
import dev.jlance.encoder.EncodedPage;
import dev.jlance.format.ColumnMetadataWire;
import dev.jlance.format.pb.Encodings20.ColumnEncoding;
import dev.jlance.memory.OffHeapArena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Everything the writer must remember about one column until the footer: pages and a summary. */
final class ColumnRecorder {

    /** The first page records' room: a few plain pages (an FSST page's record alone is 2.4 KB). */
    private static final long MIN_RECORD_BYTES = 1024;

    final int index;
    final String path;
    final String logicalType;
    long bytesIn;
    ColumnEncoding encoding;
    /** Where the page records live: the writer's metadata arena, open until the file is done. */
    private final OffHeapArena metadata;
    /**
     * The {@code pages} entries of the column's metadata, serialized side by side as each page is
     * written ({@link ColumnMetadataWire#writePageField}); the footer copies them out as they are.
     */
    private MemorySegment pageFields = MemorySegment.NULL;
    private long pageFieldBytes;
    private long numPages;
    private long[] columnBufferOffsets = new long[0];
    private long[] columnBufferSizes = new long[0];
    /** Distinct layout and encoding names in first-seen order: a column has few, so lists do. */
    private final List<String> layouts = new ArrayList<>(2);
    private final List<String> encodings = new ArrayList<>(2);
    private long rows;
    private long bytesOut;

    ColumnRecorder(int index, String path, String logicalType, OffHeapArena metadata) {
        this.metadata = metadata;
        this.index = index;
        this.path = path;
        this.logicalType = logicalType;
    }

    void addPage(EncodedBatch.PageInfo info, EncodedPage page) {
        int size = ColumnMetadataWire.pageFieldSize(info.bufferOffsets(), info.bufferSizes(), info.numRows(),
                info.priority(), info.encoding());
        if (pageFieldBytes + size > pageFields.byteSize()) {
            // doubling keeps copies linear; outgrown records stay in the arena until the file is done
            MemorySegment grown = metadata.allocateUninitialized(Math.max(MIN_RECORD_BYTES,
                    Math.max(2 * pageFields.byteSize(), pageFieldBytes + size)));
            MemorySegment.copy(pageFields, 0, grown, 0, pageFieldBytes);
            pageFields = grown;
        }
        ColumnMetadataWire.writePageField(pageFields.asSlice(pageFieldBytes, size), info.bufferOffsets(),
                info.bufferSizes(), info.numRows(), info.priority(), info.encoding());
        pageFieldBytes += size;
        numPages++;
        rows += page.numRows();
        bytesOut += page.dataBytes();
        addDistinct(layouts, page.layoutName());
        addDistinct(encodings, page.encodingName());
    }

    private static void addDistinct(List<String> names, String name) {
        if (!names.contains(name)) {
            names.add(name);
        }
    }

    void addColumnBuffer(long offset, long size) {
        int n = columnBufferOffsets.length;
        columnBufferOffsets = Arrays.copyOf(columnBufferOffsets, n + 1);
        columnBufferSizes = Arrays.copyOf(columnBufferSizes, n + 1);
        columnBufferOffsets[n] = offset;
        columnBufferSizes[n] = size;
        bytesOut += size;
    }

    /** The column's {@code ColumnMetadata}, for the footer. */
    ColumnMetadataWire.Column column() {
        ColumnEncoding enc = encoding != null ? encoding
                : ColumnEncoding.newBuilder().setValues(com.google.protobuf.Empty.getDefaultInstance()).build();
        return new ColumnMetadataWire.Column(enc, pageFields.asSlice(0, pageFieldBytes), columnBufferOffsets,
                columnBufferSizes);
    }

    ColumnSummary summary() {
        return new ColumnSummary(index, path, logicalType, rows, numPages, List.copyOf(layouts),
                List.copyOf(encodings), bytesIn, bytesOut);
    }
}
