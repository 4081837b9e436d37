package dev.jlance.codec.fsst;

import dev.jlance.format.pb.Encodings21;
import dev.jlance.format.pb.Encodings21.CompressiveEncoding;

/** Builds the {@code fsst} compressive encoding message. */
public final class FsstEncodings {

    private FsstEncodings() {
    }

    /** {@code fsst{symbol_table, values: inner}}: the compressed strings are stored as {@code inner} describes. */
    public static CompressiveEncoding fsst(FsstSymbolTable table, CompressiveEncoding inner) {
        return CompressiveEncoding.newBuilder()
                .setFsst(Encodings21.Fsst.newBuilder()
                        // the table's own bytes, which never change (a page's table: off the heap, as long as the page)
                        .setSymbolTable(table.serializedBytes())
                        .setValues(inner))
                .build();
    }
}
