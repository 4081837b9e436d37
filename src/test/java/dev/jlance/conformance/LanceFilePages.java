package dev.jlance.conformance;

import com.google.protobuf.Any;
import dev.jlance.format.pb.Encodings21.PageLayout;
import dev.jlance.format.pb.File2Protos.ColumnMetadata;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the pages of a 2.1/2.2 Lance file straight from its bytes (footer, column-metadata offset
 * table, {@code ColumnMetadata} protobufs), so tests can compare page buffers and page layouts of a
 * jlance file with an official one byte for byte.
 */
public final class LanceFilePages {

    /** One page: its layout and the bytes of each of its buffers. */
    public record Page(long rows, long priority, PageLayout layout, List<byte[]> buffers) {
    }

    private final byte[] file;
    private final List<ColumnMetadata> columns = new ArrayList<>();

    private LanceFilePages(byte[] file) throws IOException {
        this.file = file;
        ByteBuffer footer = ByteBuffer.wrap(file, file.length - 40, 40).order(ByteOrder.LITTLE_ENDIAN);
        footer.getLong(); // column_meta_start
        long cmoStart = footer.getLong();
        footer.getLong(); // gbo_table_start
        footer.getInt(); // global buffers
        int numColumns = footer.getInt();
        if (!new String(file, file.length - 4, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("LANC")) {
            throw new IOException("not a Lance file");
        }
        ByteBuffer cmo = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < numColumns; c++) {
            long pos = cmo.getLong((int) cmoStart + 16 * c);
            long size = cmo.getLong((int) cmoStart + 16 * c + 8);
            columns.add(ColumnMetadata.parseFrom(Arrays.copyOfRange(file, (int) pos, (int) (pos + size))));
        }
    }

    public static LanceFilePages read(Path path) throws IOException {
        return new LanceFilePages(Files.readAllBytes(path));
    }

    public int numColumns() {
        return columns.size();
    }

    public int numPages(int column) {
        return columns.get(column).getPagesCount();
    }

    public Page page(int column, int page) throws IOException {
        ColumnMetadata.Page p = columns.get(column).getPages(page);
        Any any = Any.parseFrom(p.getEncoding().getDirect().getEncoding());
        PageLayout layout = PageLayout.parseFrom(any.getValue());
        List<byte[]> buffers = new ArrayList<>();
        for (int b = 0; b < p.getBufferOffsetsCount(); b++) {
            int off = (int) p.getBufferOffsets(b);
            buffers.add(Arrays.copyOfRange(file, off, off + (int) p.getBufferSizes(b)));
        }
        return new Page(p.getLength(), p.getPriority(), layout, buffers);
    }

    /** All pages of a column. */
    public List<Page> pages(int column) throws IOException {
        List<Page> out = new ArrayList<>();
        for (int p = 0; p < numPages(column); p++) {
            out.add(page(column, p));
        }
        return out;
    }
}
