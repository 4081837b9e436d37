package dev.jlance.file;

import dev.jlance.encoder.EncodedBatch;
import dev.jlance.encoder.EncodedPage;
import dev.jlance.format.ColumnMetadataWire;
import dev.jlance.format.pb.Encodings20.ColumnEncoding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Everything the writer must remember about one column until the footer: pages and a summary. */
final class ColumnRecorder {

    final int index;
    final String path;
    final String logicalType;
    long bytesIn;
    ColumnEncoding encoding;
    /** Each page's serialized {@code ColumnMetadata.Page}, written out as it is by the footer. */
    private final List<byte[]> pages = new ArrayList<>();
    private long[] columnBufferOffsets = new long[0];
    private long[] columnBufferSizes = new long[0];
    private final Set<String> layouts = new LinkedHashSet<>();
    private final Set<String> encodings = new LinkedHashSet<>();
    private long rows;
    private long bytesOut;

    ColumnRecorder(int index, String path, String logicalType) {
        this.index = index;
        this.path = path;
        this.logicalType = logicalType;
    }

    void addPage(EncodedBatch.PageInfo info, EncodedPage page) {
        pages.add(ColumnMetadataWire.page(info.bufferOffsets(), info.bufferSizes(), info.numRows(), info.priority(),
                info.encoding()));
        rows += page.numRows();
        bytesOut += page.dataBytes();
        layouts.add(page.layoutName());
        encodings.add(page.encodingName());
    }

    void addColumnBuffer(long offset, long size) {
        int n = columnBufferOffsets.length;
        columnBufferOffsets = java.util.Arrays.copyOf(columnBufferOffsets, n + 1);
        columnBufferSizes = java.util.Arrays.copyOf(columnBufferSizes, n + 1);
        columnBufferOffsets[n] = offset;
        columnBufferSizes[n] = size;
        bytesOut += size;
    }

    /** The column's {@code ColumnMetadata}, for the footer. */
    ColumnMetadataWire.Column column() {
        ColumnEncoding enc = encoding != null ? encoding
                : ColumnEncoding.newBuilder().setValues(com.google.protobuf.Empty.getDefaultInstance()).build();
        return new ColumnMetadataWire.Column(enc, pages, columnBufferOffsets, columnBufferSizes);
    }

    ColumnSummary summary() {
        return new ColumnSummary(index, path, logicalType, rows, pages.size(), List.copyOf(layouts),
                List.copyOf(encodings), bytesIn, bytesOut);
    }
}
