package dev.jlance.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jlance.file.LanceFileWriter;
import dev.jlance.file.WriteOptions;
import dev.jlance.file.WriteSummary;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.ByteFunctionHelpers;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.lance.file.LanceFileReader;

/**
 * Writes Arrow batches with jlance's {@link LanceFileWriter}, reads the file back with the official
 * Lance reader ({@code org.lance.file.LanceFileReader}, lance-core 7.0.0) and compares everything:
 * schema (names, types, nullability, field and schema metadata), row count and every value,
 * bit-exactly.
 *
 * <h2>Value comparison</h2>
 * Values are compared as the raw bytes Arrow holds for the slot: fixed-width types (ints, floats,
 * half floats, dates, times, timestamps, durations, decimals, fixed-size binary) compare their
 * little-endian data bytes, so NaN payloads, -0.0 vs 0.0 and ±Inf are distinguished;
 * variable-width types compare their byte strings; booleans their bit. Validity is compared for
 * every row; values under a null are not compared (Lance does not promise to keep them). Rows are
 * matched across batch boundaries: the reader's batches need not line up with the written ones,
 * and empty written batches are skipped.
 *
 * <h2>Schema comparison and its normalisation</h2>
 * The official reader does not return the Arrow schema the writer was given: it re-creates Arrow
 * types from the Lance logical type strings stored in the file (NOTES §2, §10). For the flat types
 * covered here the logical type determines the Arrow type completely (width, signedness, unit,
 * time zone, precision/scale, byte width, 32- vs 64-bit offsets), so types are compared with
 * {@code ArrowType.equals} without any normalisation. Names and nullability are compared as they
 * are. Field and schema metadata are compared as maps ({@link #normalizeMetadata}): Arrow Java
 * treats a missing metadata map and an empty one as different, and protobuf maps have no order
 * (NOTES §2), so both sides are reduced to sorted maps with null treated as empty. No other
 * normalisation is applied: in particular, keys the reader adds or drops are reported.
 */
public final class OfficialReaderHarness {

    /** Reader batch size used by default: deliberately not a divisor of the usual written sizes. */
    public static final int DEFAULT_READ_BATCH_SIZE = 997;

    /** At most this many mismatching rows are listed in a failure message (the total is always given). */
    private static final int MAX_REPORTED_MISMATCHES = 10;

    private OfficialReaderHarness() {
    }

    // ------------------------------------------------------------------------------------------
    // Writing
    // ------------------------------------------------------------------------------------------

    /**
     * Writes {@code batches} with jlance into {@code file}, closes the writer and returns its summary.
     * Checks the basic promises of a successful write: the summary's row count and file size agree
     * with the batches and the file, and the directory holds no leftover temp file.
     */
    public static WriteSummary writeJlance(Path file, Schema schema, List<VectorSchemaRoot> batches,
            WriteOptions options) throws IOException {
        DirSnapshot before = DirSnapshot.of(file.getParent());
        LanceFileWriter writer = LanceFileWriter.open(file, schema, options);
        try {
            for (VectorSchemaRoot batch : batches) {
                writer.write(batch);
            }
        } catch (IOException | RuntimeException | Error e) {
            try {
                writer.close();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        writer.close();
        WriteSummary summary = writer.summary();
        long rows = batches.stream().mapToLong(VectorSchemaRoot::getRowCount).sum();
        assertEquals(rows, summary.rows(), "WriteSummary.rows() of " + file);
        assertEquals(Files.size(file), summary.fileBytes(), "WriteSummary.fileBytes() vs the size of " + file);
        assertNoStrayFiles(file.getParent(), before, file);
        return summary;
    }

    /**
     * Writes {@code batches} with the OFFICIAL Lance writer (lance-core 7.0.0) for side-by-side tests.
     * The official Java writer takes the schema from the first batch and ignores the batch's
     * schema-level metadata, so {@code schema}'s metadata is added with {@code addSchemaMetadata}.
     * It cannot write a file without any batch ("Schema is unknown").
     */
    public static void writeOfficial(Path file, Schema schema, List<VectorSchemaRoot> batches,
            BufferAllocator allocator, String version) throws Exception {
        try (org.lance.file.LanceFileWriter writer = org.lance.file.LanceFileWriter.open(file.toString(), allocator,
                null, Optional.of(version), Map.of())) {
            for (VectorSchemaRoot batch : batches) {
                writer.write(batch);
            }
            Map<String, String> metadata = schema.getCustomMetadata();
            if (metadata != null && !metadata.isEmpty()) {
                writer.addSchemaMetadata(metadata);
            }
        }
    }

    public static void writeOfficial(Path file, Schema schema, List<VectorSchemaRoot> batches,
            BufferAllocator allocator) throws Exception {
        writeOfficial(file, schema, batches, allocator, "2.1");
    }

    /** Fails if {@code dir} holds any file other than those in {@code before} and {@code expected}. */
    public static void assertNoStrayFiles(Path dir, DirSnapshot before, Path expected) throws IOException {
        List<String> stray = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> !p.equals(expected) && !before.contains(p)).forEach(p -> stray.add(p.getFileName().toString()));
        }
        if (!stray.isEmpty()) {
            fail("directory " + dir + " holds unexpected files after the write: " + stray);
        }
    }

    /** The set of paths a directory held at some moment (to detect files a writer leaves behind). */
    public record DirSnapshot(List<Path> paths) {
        public static DirSnapshot of(Path dir) throws IOException {
            try (Stream<Path> s = Files.list(dir)) {
                return new DirSnapshot(s.toList());
            }
        }

        boolean contains(Path p) {
            return paths.contains(p);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Write + verify in one go
    // ------------------------------------------------------------------------------------------

    /**
     * Writes {@code batches} with jlance to {@code file} and verifies, through the official reader,
     * that the file holds exactly {@code batches}.
     */
    public static WriteSummary writeAndVerify(Path file, Schema schema, List<VectorSchemaRoot> batches,
            WriteOptions options, BufferAllocator allocator) throws Exception {
        WriteSummary summary = writeJlance(file, schema, batches, options);
        assertFileContains(file, schema, batches, allocator, DEFAULT_READ_BATCH_SIZE);
        return summary;
    }

    // ------------------------------------------------------------------------------------------
    // Reading back and comparing
    // ------------------------------------------------------------------------------------------

    /**
     * Reads {@code file} with the official reader and asserts that it has schema {@code expectedSchema}
     * and exactly the rows of {@code expected} (concatenated), bit for bit.
     */
    public static void assertFileContains(Path file, Schema expectedSchema, List<VectorSchemaRoot> expected,
            BufferAllocator allocator, int readBatchSize) throws Exception {
        long expectedRows = expected.stream().mapToLong(VectorSchemaRoot::getRowCount).sum();
        for (VectorSchemaRoot root : expected) { // batches may lack the schema-level metadata
            assertSchemaEquals(withoutMetadata(expectedSchema), withoutMetadata(root.getSchema()),
                    "test bug: expected batch schema");
        }
        try (LanceFileReader reader = LanceFileReader.open(file.toString(), allocator)) {
            assertSchemaEquals(expectedSchema, reader.schema(), "schema returned by LanceFileReader.schema() for "
                    + file);
            assertEquals(expectedRows, reader.numRows(), "LanceFileReader.numRows() for " + file);
            try (ArrowReader stream = reader.readAll(null, null, readBatchSize)) {
                RowCursor cursor = new RowCursor(expected);
                VectorSchemaRoot actual = stream.getVectorSchemaRoot();
                assertSchemaEquals(expectedSchema, actual.getSchema(), "schema of the batches read from " + file);
                while (stream.loadNextBatch()) {
                    cursor.compareNext(actual, file.toString());
                }
                cursor.assertExhausted(file.toString());
            }
        }
    }

    /**
     * Reads two files with the official reader and asserts they decode to the same schema and the
     * same values (bit-exact). Used to compare a jlance file with an official one written from the
     * same data.
     */
    public static void assertSameDecodedContent(Path expectedFile, Path actualFile, BufferAllocator allocator)
            throws Exception {
        try (LanceFileReader expected = LanceFileReader.open(expectedFile.toString(), allocator);
                LanceFileReader actual = LanceFileReader.open(actualFile.toString(), allocator)) {
            assertSchemaEquals(expected.schema(), actual.schema(), "schema of " + actualFile + " vs " + expectedFile);
            assertEquals(expected.numRows(), actual.numRows(), "numRows of " + actualFile + " vs " + expectedFile);
            List<VectorSchemaRoot> materialized = new ArrayList<>();
            try {
                try (ArrowReader stream = expected.readAll(null, null, 4096)) {
                    VectorSchemaRoot root = stream.getVectorSchemaRoot();
                    while (stream.loadNextBatch()) {
                        materialized.add(copyOf(root, allocator));
                    }
                }
                try (ArrowReader stream = actual.readAll(null, null, DEFAULT_READ_BATCH_SIZE)) {
                    RowCursor cursor = new RowCursor(materialized);
                    VectorSchemaRoot root = stream.getVectorSchemaRoot();
                    while (stream.loadNextBatch()) {
                        cursor.compareNext(root, actualFile + " (vs " + expectedFile + ")");
                    }
                    cursor.assertExhausted(actualFile + " (vs " + expectedFile + ")");
                }
            } finally {
                materialized.forEach(VectorSchemaRoot::close);
            }
        }
    }

    /**
     * Reads a whole file with the official reader into memory (one root per reader batch). The caller
     * closes the returned roots.
     */
    public static List<VectorSchemaRoot> readAll(Path file, BufferAllocator allocator, int batchSize)
            throws Exception {
        List<VectorSchemaRoot> out = new ArrayList<>();
        try (LanceFileReader reader = LanceFileReader.open(file.toString(), allocator);
                ArrowReader stream = reader.readAll(null, null, batchSize)) {
            VectorSchemaRoot root = stream.getVectorSchemaRoot();
            while (stream.loadNextBatch()) {
                out.add(takeAll(root, allocator));
            }
        } catch (Exception | Error e) {
            out.forEach(VectorSchemaRoot::close);
            throw e;
        }
        return out;
    }

    /**
     * Moves a root's buffers into new vectors (Arrow transfer pairs), leaving {@code root} empty.
     * Used for reader batches: unlike a value-by-value copy it works for every nesting (Arrow Java's
     * {@code copyFromSafe} cannot copy a large list inside a list).
     */
    static VectorSchemaRoot takeAll(VectorSchemaRoot root, BufferAllocator allocator) {
        List<FieldVector> vectors = new ArrayList<>();
        for (FieldVector v : root.getFieldVectors()) {
            var pair = v.getTransferPair(allocator);
            pair.transfer();
            vectors.add((FieldVector) pair.getTo());
        }
        return new VectorSchemaRoot(root.getSchema(), vectors, root.getRowCount());
    }

    /** A deep copy of a root into {@code allocator} (value by value, so it owns its buffers). */
    public static VectorSchemaRoot copyOf(VectorSchemaRoot root, BufferAllocator allocator) {
        return copyRows(root, 0, root.getRowCount(), allocator);
    }

    /**
     * A deep copy of rows {@code [start, start + length)} of {@code root} (value by value through
     * {@code copyFromSafe}: fresh, unshared buffers; no slicing involved).
     */
    public static VectorSchemaRoot copyRows(VectorSchemaRoot root, int start, int length, BufferAllocator allocator) {
        List<FieldVector> vectors = new ArrayList<>();
        try {
            for (FieldVector v : root.getFieldVectors()) {
                FieldVector copy = v.getField().createVector(allocator);
                vectors.add(copy);
                if (!(copy instanceof NullVector)) {
                    copy.allocateNew();
                    for (int i = 0; i < length; i++) {
                        copy.copyFromSafe(start + i, i, v);
                    }
                }
                copy.setValueCount(length);
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        return new VectorSchemaRoot(root.getSchema(), vectors, length);
    }

    /**
     * Rows {@code [start, start + length)} of {@code root} as Arrow Java slices them:
     * {@code getTransferPair(allocator).splitAndTransfer(start, length)} on every vector. Data buffers
     * of the result are slices of the source's memory (at a byte offset that is not 64-aligned for
     * most starts); validity is copied when {@code start} is not a multiple of 8. The source stays valid.
     */
    public static VectorSchemaRoot slice(VectorSchemaRoot root, int start, int length, BufferAllocator allocator) {
        List<FieldVector> vectors = new ArrayList<>();
        try {
            for (FieldVector v : root.getFieldVectors()) {
                var pair = v.getTransferPair(allocator);
                pair.splitAndTransfer(start, length);
                vectors.add((FieldVector) pair.getTo());
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        return new VectorSchemaRoot(root.getSchema(), vectors, length);
    }

    // ------------------------------------------------------------------------------------------
    // Schema comparison
    // ------------------------------------------------------------------------------------------

    /** Metadata as a sorted map; a missing map is the same as an empty one (see class comment). */
    public static Map<String, String> normalizeMetadata(Map<String, String> metadata) {
        return metadata == null ? new TreeMap<>() : new TreeMap<>(metadata);
    }

    static Schema withoutMetadata(Schema schema) {
        return new Schema(schema.getFields());
    }

    public static void assertSchemaEquals(Schema expected, Schema actual, String what) {
        List<String> problems = new ArrayList<>();
        List<Field> ef = expected.getFields();
        List<Field> af = actual.getFields();
        if (ef.size() != af.size()) {
            problems.add("expected " + ef.size() + " fields " + names(ef) + " but found " + af.size() + " "
                    + names(af));
        }
        for (int i = 0; i < Math.min(ef.size(), af.size()); i++) {
            compareField(ef.get(i), af.get(i), "field #" + i, problems);
        }
        Map<String, String> em = normalizeMetadata(expected.getCustomMetadata());
        Map<String, String> am = normalizeMetadata(actual.getCustomMetadata());
        if (!em.equals(am)) {
            problems.add("schema metadata: expected " + em + " but was " + am);
        }
        if (!problems.isEmpty()) {
            fail(what + " differs:\n  " + String.join("\n  ", problems) + "\n  expected schema: " + expected
                    + "\n  actual schema:   " + actual);
        }
    }

    private static void compareField(Field e, Field a, String where, List<String> problems) {
        String label = where + " '" + e.getName() + "'";
        if (!e.getName().equals(a.getName())) {
            problems.add(label + ": name: expected '" + e.getName() + "' but was '" + a.getName() + "'");
        }
        if (!e.getType().equals(a.getType())) {
            problems.add(label + ": type: expected " + e.getType() + " but was " + a.getType());
        }
        if (e.isNullable() != a.isNullable()) {
            problems.add(label + ": nullable: expected " + e.isNullable() + " but was " + a.isNullable());
        }
        Map<String, String> em = normalizeMetadata(e.getMetadata());
        Map<String, String> am = normalizeMetadata(a.getMetadata());
        if (!em.equals(am)) {
            problems.add(label + ": metadata: expected " + em + " but was " + am);
        }
        if (!Objects.equals(e.getDictionary(), a.getDictionary())) {
            problems.add(label + ": dictionary: expected " + e.getDictionary() + " but was " + a.getDictionary());
        }
        if (e.getChildren().size() != a.getChildren().size()) {
            problems.add(label + ": expected children " + names(e.getChildren()) + " but was "
                    + names(a.getChildren()));
        } else {
            for (int i = 0; i < e.getChildren().size(); i++) {
                compareField(e.getChildren().get(i), a.getChildren().get(i), label + " child #" + i, problems);
            }
        }
    }

    private static List<String> names(List<Field> fields) {
        return fields.stream().map(Field::getName).toList();
    }

    // ------------------------------------------------------------------------------------------
    // Row comparison across batch boundaries
    // ------------------------------------------------------------------------------------------

    /** Walks the expected batches row by row while actual batches of any size arrive. */
    static final class RowCursor {
        private final List<VectorSchemaRoot> expected;
        private final long expectedRows;
        private int batch;
        private int rowInBatch;
        private long globalRow;
        private final long[] mismatches;
        private final List<List<String>> reports;

        RowCursor(List<VectorSchemaRoot> expected) {
            this.expected = expected;
            this.expectedRows = expected.stream().mapToLong(VectorSchemaRoot::getRowCount).sum();
            int columns = expected.isEmpty() ? 0 : expected.get(0).getFieldVectors().size();
            this.mismatches = new long[columns];
            this.reports = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                reports.add(new ArrayList<>());
            }
        }

        void compareNext(VectorSchemaRoot actual, String file) {
            int n = actual.getRowCount();
            int ai = 0;
            while (ai < n) {
                while (batch < expected.size() && rowInBatch >= expected.get(batch).getRowCount()) {
                    batch++;
                    rowInBatch = 0;
                }
                if (batch >= expected.size()) {
                    fail(file + ": the reader returned more rows than were written: " + expectedRows
                            + " expected, row " + globalRow + " exists");
                }
                VectorSchemaRoot e = expected.get(batch);
                int run = Math.min(n - ai, e.getRowCount() - rowInBatch);
                List<FieldVector> ev = e.getFieldVectors();
                List<FieldVector> av = actual.getFieldVectors();
                if (ev.size() != av.size()) {
                    fail(file + ": expected " + ev.size() + " columns but a read batch has " + av.size());
                }
                for (int c = 0; c < ev.size(); c++) {
                    compareRun(c, ev.get(c), rowInBatch, av.get(c), ai, run);
                }
                ai += run;
                rowInBatch += run;
                globalRow += run;
            }
        }

        private void compareRun(int column, FieldVector e, int eStart, FieldVector a, int aStart, int run) {
            ArrowType type = e.getField().getType();
            for (int k = 0; k < run; k++) {
                int ei = eStart + k;
                int ai = aStart + k;
                boolean eNull = e.isNull(ei);
                boolean aNull = a.isNull(ai);
                String problem = null;
                if (eNull != aNull) {
                    problem = "expected " + (eNull ? "null" : render(type, valueBytes(e, ei))) + " but was "
                            + (aNull ? "null" : render(type, valueBytes(a, ai)));
                } else if (!eNull && !sameValue(e, ei, a, ai)) {
                    problem = "expected " + render(type, valueBytes(e, ei)) + " but was "
                            + render(type, valueBytes(a, ai));
                }
                if (problem != null) {
                    mismatches[column]++;
                    if (reports.get(column).size() < MAX_REPORTED_MISMATCHES) {
                        reports.get(column).add("row " + (globalRow + k) + ": " + problem);
                    }
                }
            }
        }

        void assertExhausted(String file) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < mismatches.length; c++) {
                if (mismatches[c] > 0) {
                    Field f = expected.get(0).getSchema().getFields().get(c);
                    sb.append("\n  column '").append(f.getName()).append("' (").append(f.getType()).append(", ")
                            .append(f.isNullable() ? "nullable" : "not null").append("): ").append(mismatches[c])
                            .append(" of ").append(expectedRows).append(" rows differ; first:");
                    for (String r : reports.get(c)) {
                        sb.append("\n    ").append(r);
                    }
                }
            }
            if (globalRow != expectedRows) {
                sb.append("\n  the reader returned ").append(globalRow).append(" rows but ").append(expectedRows)
                        .append(" were written");
            }
            if (!sb.isEmpty()) {
                fail(file + " does not hold the written data:" + sb);
            }
        }
    }

    /** Bit-exact equality of two non-null slots (fast path for fixed width: no allocation). */
    public static boolean sameValue(FieldVector e, int ei, FieldVector a, int ai) {
        if (e instanceof BaseFixedWidthVector fe && !(e instanceof BitVector)
                && a instanceof BaseFixedWidthVector fa && !(a instanceof BitVector)
                && fe.getTypeWidth() == fa.getTypeWidth()) {
            long w = fe.getTypeWidth();
            return ByteFunctionHelpers.equal(fe.getDataBuffer(), ei * w, ei * w + w, fa.getDataBuffer(), ai * w,
                    ai * w + w) == 1;
        }
        return java.util.Arrays.equals(valueBytes(e, ei), valueBytes(a, ai));
    }

    /** The bytes that make up the value at {@code i}: data bytes, byte string, or one byte for a bit. */
    public static byte[] valueBytes(FieldVector v, int i) {
        return switch (v) {
            case NullVector n -> new byte[0];
            case BitVector b -> new byte[] {(byte) b.get(i)};
            case BaseFixedWidthVector f -> {
                byte[] out = new byte[f.getTypeWidth()];
                f.getDataBuffer().getBytes((long) i * f.getTypeWidth(), out);
                yield out;
            }
            case VariableWidthFieldVector vw -> vw.get(i);
            case FixedSizeListVector l -> fixedSizeListBytes(l, i);
            default -> throw new IllegalArgumentException("harness cannot compare " + v.getClass().getName());
        };
    }

    /**
     * A fixed-size list row as bytes: per item a validity byte (1 valid, 0 null) followed, for a
     * valid item, by the item's own bytes (nested lists recursively), so item nulls and item values
     * are compared bit-exactly and values under null items are not.
     */
    private static byte[] fixedSizeListBytes(FixedSizeListVector l, int i) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        FieldVector items = l.getDataVector();
        int d = l.getListSize();
        for (int j = 0; j < d; j++) {
            int k = i * d + j;
            if (items.isNull(k)) {
                out.write(0);
            } else {
                out.write(1);
                out.writeBytes(valueBytes(items, k));
            }
        }
        return out.toByteArray();
    }

    // ------------------------------------------------------------------------------------------
    // Rendering values for failure messages
    // ------------------------------------------------------------------------------------------

    public static String render(ArrowType type, byte[] b) {
        try {
            return switch (type) {
                case ArrowType.Null n -> "<null-type value>";
                case ArrowType.Bool bool -> b[0] != 0 ? "true" : "false";
                case ArrowType.Int in -> {
                    long v = le(b);
                    String s = in.getIsSigned() ? Long.toString(signExtend(v, b.length))
                            : Long.toUnsignedString(v);
                    yield s + " (" + hex(b) + ")";
                }
                case ArrowType.FloatingPoint fp -> switch (fp.getPrecision()) {
                    case HALF -> Float.float16ToFloat((short) le(b)) + " (bits 0x"
                            + String.format("%04x", le(b)) + ")";
                    case SINGLE -> Float.intBitsToFloat((int) le(b)) + " (bits 0x"
                            + String.format("%08x", le(b)) + ")";
                    case DOUBLE -> Double.longBitsToDouble(le(b)) + " (bits 0x"
                            + String.format("%016x", le(b)) + ")";
                };
                case ArrowType.Decimal d -> new BigDecimal(new BigInteger(reverse(b)), d.getScale()).toPlainString();
                case ArrowType.Date d -> signExtend(le(b), b.length) + " " + d.getUnit();
                case ArrowType.Time t -> signExtend(le(b), b.length) + " " + t.getUnit();
                case ArrowType.Timestamp t -> signExtend(le(b), b.length) + " " + t.getUnit()
                        + (t.getTimezone() == null ? "" : " " + t.getTimezone());
                case ArrowType.Duration d -> signExtend(le(b), b.length) + " " + d.getUnit();
                case ArrowType.Utf8 u -> renderString(b);
                case ArrowType.LargeUtf8 u -> renderString(b);
                default -> renderBytes(b);
            };
        } catch (RuntimeException e) {
            return renderBytes(b);
        }
    }

    private static String renderString(byte[] b) {
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return "invalid UTF-8 " + renderBytes(b);
        }
        StringBuilder sb = new StringBuilder("\"");
        int shown = 0;
        int k = 0;
        for (; k < s.length() && shown < 60; k++, shown++) {
            char c = s.charAt(k);
            if (Character.isHighSurrogate(c) && k + 1 < s.length() && Character.isLowSurrogate(s.charAt(k + 1))) {
                sb.append(c).append(s.charAt(++k)); // never split a pair: a lone surrogate garbles the report
            } else if (c < 0x20 || c == '"' || c == '\\' || (c >= 0x7F && c < 0xA0) || Character.isSurrogate(c)
                    || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.NON_SPACING_MARK) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
        if (k < s.length()) {
            sb.append("...");
        }
        return sb + " (" + b.length + " bytes)";
    }

    private static String renderBytes(byte[] b) {
        int n = Math.min(b.length, 48);
        String h = HexFormat.of().formatHex(b, 0, n);
        return "0x" + h + (n < b.length ? "..." : "") + " (" + b.length + " bytes)";
    }

    private static String hex(byte[] b) {
        return "0x" + HexFormat.of().formatHex(reverse(b));
    }

    private static long le(byte[] b) {
        long v = 0;
        for (int k = Math.min(b.length, 8) - 1; k >= 0; k--) {
            v = (v << 8) | (b[k] & 0xFF);
        }
        return v;
    }

    private static long signExtend(long v, int width) {
        if (width >= 8) {
            return v;
        }
        int shift = 64 - 8 * width;
        return (v << shift) >> shift;
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int k = 0; k < b.length; k++) {
            r[k] = b[b.length - 1 - k];
        }
        return r;
    }
}
