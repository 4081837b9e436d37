package dev.jlance.conformance;

import com.google.protobuf.Any;
import dev.jlance.format.pb.Encodings21.PageLayout;
import dev.jlance.format.pb.File2Protos.ColumnMetadata;
import dev.jlance.format.pb.FileProtos.FileDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the structure of a Lance file (NOTES §1): its schema descriptor and the page layouts of a
 * column, so tests can assert which encoding a writer chose, for jlance's and the official files alike.
 */
final class LanceFileInspector {

    private final ByteBuffer file;

    private LanceFileInspector(byte[] bytes) {
        this.file = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    static LanceFileInspector open(Path path) throws IOException {
        return new LanceFileInspector(Files.readAllBytes(path));
    }

    private long footerLong(int at) {
        return file.getLong(file.capacity() - 40 + at);
    }

    private byte[] slice(long position, long size) {
        byte[] out = new byte[Math.toIntExact(size)];
        file.get(Math.toIntExact(position), out);
        return out;
    }

    FileDescriptor descriptor() throws IOException {
        long gbo = footerLong(16);
        return FileDescriptor.parseFrom(slice(file.getLong(Math.toIntExact(gbo)), file.getLong(Math.toIntExact(gbo) + 8)));
    }

    ColumnMetadata column(int index) throws IOException {
        long cmo = footerLong(8) + 16L * index;
        return ColumnMetadata.parseFrom(slice(file.getLong(Math.toIntExact(cmo)), file.getLong(Math.toIntExact(cmo) + 8)));
    }

    /** The page layouts of column {@code index}, in page order. */
    List<PageLayout> pageLayouts(int index) throws IOException {
        List<PageLayout> out = new ArrayList<>();
        for (ColumnMetadata.Page page : column(index).getPagesList()) {
            out.add(Any.parseFrom(page.getEncoding().getDirect().getEncoding()).unpack(PageLayout.class));
        }
        return out;
    }
}
