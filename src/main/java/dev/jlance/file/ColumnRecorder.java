package dev.jlance.file;

import dev.jlance.encoder.EncodedBatch;
import dev.jlance.encoder.EncodedPage;
import dev.jlance.format.ProtoAny;
import dev.jlance.format.pb.Encodings20.ColumnEncoding;
import dev.jlance.format.pb.File2Protos;
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
    private final List<File2Protos.ColumnMetadata.Page> pages = new ArrayList<>();
    private final List<long[]> columnBuffers = new ArrayList<>();
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
        File2Protos.ColumnMetadata.Page.Builder b = File2Protos.ColumnMetadata.Page.newBuilder()
                .setLength(info.numRows())
                .setPriority(info.priority())
                .setEncoding(ProtoAny.direct(info.encoding()));
        for (int i = 0; i < info.bufferOffsets().length; i++) {
            b.addBufferOffsets(info.bufferOffsets()[i]);
            b.addBufferSizes(info.bufferSizes()[i]);
        }
        pages.add(b.build());
        rows += page.numRows();
        bytesOut += page.dataBytes();
        layouts.add(page.layoutName());
        encodings.add(page.encodingName());
    }

    void addColumnBuffer(long offset, long size) {
        columnBuffers.add(new long[] {offset, size});
        bytesOut += size;
    }

    File2Protos.ColumnMetadata metadata() {
        ColumnEncoding enc = encoding != null ? encoding
                : ColumnEncoding.newBuilder().setValues(com.google.protobuf.Empty.getDefaultInstance()).build();
        File2Protos.ColumnMetadata.Builder b = File2Protos.ColumnMetadata.newBuilder()
                .setEncoding(ProtoAny.direct(enc))
                .addAllPages(pages);
        for (long[] cb : columnBuffers) {
            b.addBufferOffsets(cb[0]);
            b.addBufferSizes(cb[1]);
        }
        return b.build();
    }

    ColumnSummary summary() {
        return new ColumnSummary(index, path, logicalType, rows, pages.size(), List.copyOf(layouts),
                List.copyOf(encodings), bytesIn, bytesOut);
    }
}
