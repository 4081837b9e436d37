package dev.jlance.encoder;

import dev.jlance.format.pb.Encodings20.ColumnEncoding;
import dev.jlance.memory.LanceBuffer;
import java.util.List;

/**
 * What a field encoder has left for a column once all data is in: column-level buffers, the column
 * encoding and any last pages.
 */
public record EncodedColumn(List<LanceBuffer> columnBuffers, ColumnEncoding encoding, List<EncodedPage> finalPages) {

    /** A plain values column: no column buffers, no final pages. */
    public static EncodedColumn values() {
        return new EncodedColumn(List.of(), ColumnEncoding.newBuilder()
                .setValues(com.google.protobuf.Empty.getDefaultInstance()).build(), List.of());
    }

    public EncodedColumn {
        columnBuffers = List.copyOf(columnBuffers);
        finalPages = List.copyOf(finalPages);
    }
}
