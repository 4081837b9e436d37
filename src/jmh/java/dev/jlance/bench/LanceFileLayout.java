package dev.jlance.bench;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.jlance.format.pb.Encodings21;
import dev.jlance.format.pb.Encodings21.CompressiveEncoding;
import dev.jlance.format.pb.File2Protos;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a Lance 2.x file holds per column, read from its footer and column metadata (NOTES §1, §3):
 * pages, their buffer sizes and, decoded from each page's encoding, the page layout and the value
 * encoding chain. Any writer's file can be read, so jlance's and official Lance's choices can be put
 * side by side.
 *
 * @param path the file
 * @param fileBytes its size
 * @param major footer major version
 * @param minor footer minor version
 * @param columns one entry per column, in column order
 */
public record LanceFileLayout(Path path, long fileBytes, int major, int minor, List<Column> columns) {

    private static final int FOOTER_BYTES = 40;

    /**
     * One column.
     *
     * @param index column index
     * @param bufferBytes bytes of all its page buffers and column buffers (no alignment padding)
     * @param pages its pages
     */
    public record Column(int index, long bufferBytes, List<Page> pages) {

        public long rows() {
            return pages.stream().mapToLong(Page::rows).sum();
        }

        /**
         * Distinct page descriptions in first-use order, e.g. {@code "mini-block inline_bitpacking(64)"};
         * when pages differ, each prefixed with its page count ({@code "2× full-zip ..., 1× mini-block ..."}).
         */
        public String encodingSummary() {
            Map<String, Long> counts = pages.stream().collect(Collectors.groupingBy(Page::summary,
                    LinkedHashMap::new, Collectors.counting()));
            if (counts.size() == 1) {
                return counts.keySet().iterator().next();
            }
            return counts.entrySet().stream().map(e -> e.getValue() + "× " + e.getKey())
                    .collect(Collectors.joining(", "));
        }
    }

    /**
     * One page.
     *
     * @param rows rows in the page
     * @param bufferSizes sizes of its buffers, in buffer order
     * @param layout "mini-block", "full-zip", "all-null", "constant", "blob" or "2.0" / "unknown"
     * @param values the value encoding chain, e.g. {@code "fsst(variable(32))"} (for dictionary pages
     *     {@code "dict[<items>] <indices>"})
     * @param levels how repetition/definition levels are stored, or "" when the page has none
     */
    public record Page(long rows, List<Long> bufferSizes, String layout, String values, String levels) {

        /** Layout, values and levels in one line, e.g. {@code mini-block flat(32); def flat(16)}. */
        public String summary() {
            String s = values.isEmpty() ? layout : layout + " " + values;
            return levels.isEmpty() ? s : s + "; " + levels;
        }
    }

    public static LanceFileLayout read(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer footer = readFully(ch, size - FOOTER_BYTES, FOOTER_BYTES);
            byte[] magic = new byte[4];
            footer.position(36).get(magic).position(0);
            if (!new String(magic, StandardCharsets.US_ASCII).equals("LANC")) {
                throw new IOException(path + " does not end in LANC: not a Lance file");
            }
            long cmoStart = footer.getLong(8);
            int numColumns = footer.getInt(28);
            int major = Short.toUnsignedInt(footer.getShort(32));
            int minor = Short.toUnsignedInt(footer.getShort(34));
            ByteBuffer cmo = readFully(ch, cmoStart, 16 * numColumns);
            List<Column> columns = new ArrayList<>();
            for (int c = 0; c < numColumns; c++) {
                long pos = cmo.getLong(16 * c);
                int len = Math.toIntExact(cmo.getLong(16 * c + 8));
                File2Protos.ColumnMetadata meta = File2Protos.ColumnMetadata.parseFrom(readFully(ch, pos, len));
                columns.add(column(c, meta));
            }
            return new LanceFileLayout(path, size, major, minor, List.copyOf(columns));
        }
    }

    private static Column column(int index, File2Protos.ColumnMetadata meta) throws InvalidProtocolBufferException {
        long bytes = meta.getBufferSizesList().stream().mapToLong(Long::longValue).sum();
        List<Page> pages = new ArrayList<>();
        for (File2Protos.ColumnMetadata.Page p : meta.getPagesList()) {
            bytes += p.getBufferSizesList().stream().mapToLong(Long::longValue).sum();
            pages.add(page(p));
        }
        return new Column(index, bytes, List.copyOf(pages));
    }

    private static Page page(File2Protos.ColumnMetadata.Page p) throws InvalidProtocolBufferException {
        List<Long> sizes = List.copyOf(p.getBufferSizesList());
        if (!p.getEncoding().hasDirect()) {
            return new Page(p.getLength(), sizes, "unknown", p.getEncoding().getLocationCase().toString(), "");
        }
        Any any = Any.parseFrom(p.getEncoding().getDirect().getEncoding());
        if (!any.getTypeUrl().endsWith("lance.encodings21.PageLayout")) {
            return new Page(p.getLength(), sizes, "2.0", any.getTypeUrl(), "");
        }
        return describe(p.getLength(), sizes, Encodings21.PageLayout.parseFrom(any.getValue()));
    }

    private static Page describe(long rows, List<Long> sizes, Encodings21.PageLayout layout) {
        return switch (layout.getLayoutCase()) {
            case MINI_BLOCK_LAYOUT -> {
                Encodings21.MiniBlockLayout m = layout.getMiniBlockLayout();
                String values = describe(m.getValueCompression());
                if (m.hasDictionary()) {
                    values = "dict[" + describe(m.getDictionary()) + "] " + values;
                }
                yield new Page(rows, sizes, "mini-block", values,
                        levels(m.hasRepCompression() ? m.getRepCompression() : null,
                                m.hasDefCompression() ? m.getDefCompression() : null));
            }
            case FULL_ZIP_LAYOUT -> {
                Encodings21.FullZipLayout f = layout.getFullZipLayout();
                String values = f.hasValueCompression() ? describe(f.getValueCompression())
                        : f.getDetailsCase() == Encodings21.FullZipLayout.DetailsCase.BITS_PER_OFFSET
                                ? "offsets(" + f.getBitsPerOffset() + ")" : "bits(" + f.getBitsPerValue() + ")";
                List<String> parts = new ArrayList<>(); // full-zip levels are inline, in a fixed width
                if (f.getBitsRep() > 0) {
                    parts.add("rep " + f.getBitsRep() + " bits inline");
                }
                if (f.getBitsDef() > 0) {
                    parts.add("def " + f.getBitsDef() + " bits inline");
                }
                String levels = String.join(", ", parts);
                yield new Page(rows, sizes, "full-zip", values, levels);
            }
            case ALL_NULL_LAYOUT -> {
                Encodings21.AllNullLayout a = layout.getAllNullLayout();
                yield new Page(rows, sizes, a.hasInlineValue() ? "constant" : "all-null", "",
                        levels(a.hasRepCompression() ? a.getRepCompression() : null,
                                a.hasDefCompression() ? a.getDefCompression() : null));
            }
            case BLOB_LAYOUT -> {
                Page inner = describe(rows, sizes, layout.getBlobLayout().getInnerLayout());
                yield new Page(rows, sizes, "blob", inner.layout() + " " + inner.values(), inner.levels());
            }
            case LAYOUT_NOT_SET -> new Page(rows, sizes, "unknown", "", "");
        };
    }

    private static String levels(CompressiveEncoding rep, CompressiveEncoding def) {
        List<String> parts = new ArrayList<>();
        if (rep != null) {
            parts.add("rep " + describe(rep));
        }
        if (def != null) {
            parts.add("def " + describe(def));
        }
        return String.join(", ", parts);
    }

    /** A compressive encoding chain in one line, e.g. {@code general(zstd, flat(64))}. */
    public static String describe(CompressiveEncoding e) {
        return switch (e.getCompressionCase()) {
            case FLAT -> "flat(" + e.getFlat().getBitsPerValue() + ")"
                    + (e.getFlat().hasData() ? compression(e.getFlat().getData()) : "");
            case VARIABLE -> {
                CompressiveEncoding offsets = e.getVariable().getOffsets();
                String inner = offsets.hasFlat() && !offsets.getFlat().hasData()
                        ? Long.toString(offsets.getFlat().getBitsPerValue()) : describe(offsets);
                yield "variable(" + inner + ")" + (e.getVariable().hasValues()
                        ? compression(e.getVariable().getValues()) : "");
            }
            case CONSTANT -> "constant";
            case OUT_OF_LINE_BITPACKING -> "out_of_line_bitpacking("
                    + e.getOutOfLineBitpacking().getUncompressedBitsPerValue() + ", "
                    + describe(e.getOutOfLineBitpacking().getValues()) + ")";
            case INLINE_BITPACKING -> "inline_bitpacking(" + e.getInlineBitpacking().getUncompressedBitsPerValue() + ")"
                    + (e.getInlineBitpacking().hasValues() ? compression(e.getInlineBitpacking().getValues()) : "");
            case FSST -> "fsst(" + describe(e.getFsst().getValues()) + ")";
            case DICTIONARY -> "dictionary(" + describe(e.getDictionary().getIndices()) + ", "
                    + describe(e.getDictionary().getItems()) + ")";
            case RLE -> "rle(" + describe(e.getRle().getValues()) + ", " + describe(e.getRle().getRunLengths()) + ")";
            case BYTE_STREAM_SPLIT -> "bss(" + describe(e.getByteStreamSplit().getValues()) + ")";
            case GENERAL -> "general(" + scheme(e.getGeneral().getCompression()) + ", "
                    + describe(e.getGeneral().getValues()) + ")";
            case FIXED_SIZE_LIST -> "fsl(" + e.getFixedSizeList().getItemsPerValue() + ", "
                    + describe(e.getFixedSizeList().getValues()) + ")";
            case PACKED_STRUCT -> "packed_struct(" + e.getPackedStruct().getBitsPerValueList() + ", "
                    + describe(e.getPackedStruct().getValues()) + ")";
            case VARIABLE_PACKED_STRUCT -> "variable_packed_struct(" + e.getVariablePackedStruct().getFieldsCount()
                    + " fields)";
            case COMPRESSION_NOT_SET -> "none";
        };
    }

    private static String compression(Encodings21.BufferCompression c) {
        return "+" + scheme(c);
    }

    private static String scheme(Encodings21.BufferCompression c) {
        String name = switch (c.getScheme()) {
            case COMPRESSION_ALGORITHM_ZSTD -> "zstd";
            case COMPRESSION_ALGORITHM_LZ4 -> "lz4";
            default -> c.getScheme().toString();
        };
        return c.hasLevel() ? name + ":" + c.getLevel() : name;
    }

    private static ByteBuffer readFully(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                throw new IOException("unexpected end of file at " + (position + b.position()));
            }
        }
        return b.flip();
    }
}
