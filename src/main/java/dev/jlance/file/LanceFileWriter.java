package dev.jlance.file;

import dev.jlance.encoder.BatchEncoder;
import dev.jlance.encoder.EncodeTask;
import dev.jlance.encoder.EncodedColumn;
import dev.jlance.encoder.EncodedPage;
import dev.jlance.encoder.EncodingStrategies;
import dev.jlance.encoder.FieldEncoder;
import dev.jlance.encoder.OutOfLineBuffers;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.repdef.NestingPath;
import dev.jlance.schema.LanceSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes Arrow batches into one Lance file.
 *
 * <pre>{@code
 * try (LanceFileWriter writer = LanceFileWriter.open(path, schema, WriteOptions.defaults())) {
 *     writer.write(root);   // as often as needed
 * }
 * }</pre>
 *
 * <p>The file appears at {@code path} only when {@link #close()} succeeds; until then the data goes
 * to a hidden temporary file beside it. If a write fails, the writer releases its memory, deletes
 * the temporary file and refuses further use.
 *
 * <p>Dictionary-encoded fields (Arrow Java's form: the field's type is the index type and its
 * {@code DictionaryEncoding} names the dictionary) need the {@link DictionaryProvider} that holds
 * their values: pass it to {@link #open(Path, Schema, WriteOptions, DictionaryProvider)}.
 *
 * <p>Not thread-safe: call it from one thread at a time. Encoding runs in parallel on the executor of
 * the {@link WriteOptions}, behind the caller: {@code write} buffers its batch (a copy, unless the
 * options keep the caller's arrays), hands the pages it completes to encode tasks and returns; the
 * pages reach the file in order during later calls. It waits only when more than
 * {@link WriteOptions#effectiveBytesInFlight()} bytes of input are still being encoded, so memory
 * stays bounded whatever the input size. An encoding failure therefore surfaces from a later
 * {@code write} or from {@code close}, and abandons the file as any failure does.
 */
public final class LanceFileWriter implements AutoCloseable {

    private enum State { OPEN, CLOSED, FAILED }

    private final Schema schema;
    private final DictionaryProvider dictionaries;
    private final LanceSchema lanceSchema;
    private final WriteOptions options;
    /** The pool this writer started for itself (options' encodeThreads), or null. */
    private final ExecutorService ownPool;
    /** The slots this writer's thread takes while it works, so the pool's threads leave it a core. */
    private final CoreSlots slots;
    private final EncodePipeline pipeline;
    private final FieldFeeder feeder;
    /** Whether some field writes buffers outside its pages (blobs) as batches arrive. */
    private final boolean writesOutOfLine;
    private final long bytesInFlight;
    private final BatchEncoder encoder;
    private final FileSink sink;
    private final List<ColumnRecorder> columns = new ArrayList<>();
    /** The column metadata the footer will hold (page records), until the file is done or abandoned. */
    private final OffHeapArena metadata;
    private long rowsWritten;
    private State state = State.OPEN;
    private Throwable failure;
    private WriteSummary summary;

    /** 2.1+ readers assert that every page and global buffer starts at a multiple of this. */
    static final int MIN_FILE_ALIGNMENT = 64;

    private LanceFileWriter(Schema schema, DictionaryProvider dictionaries, LanceSchema lanceSchema,
            WriteOptions options, BatchEncoder encoder, FileSink sink) {
        this.schema = schema;
        this.dictionaries = dictionaries;
        this.lanceSchema = lanceSchema;
        this.options = options;
        this.ownPool = options.executor().isEmpty() && options.encodeThreads() > 0
                ? EncodeExecutors.ownPool(options.encodeThreads()) : null;
        Executor executor = options.executor().orElseGet(() -> ownPool != null ? ownPool : EncodeExecutors.shared());
        // jlance's pools share the machine's core slots with the writers feeding them; a caller's
        // executor schedules its own threads
        this.slots = options.executor().isPresent() ? CoreSlots.NONE : CoreSlots.MACHINE;
        this.pipeline = new EncodePipeline(executor, this::writePage, slots);
        this.feeder = new FieldFeeder(executor, slots);
        this.writesOutOfLine = encoder.fieldEncoders().stream().anyMatch(FieldEncoder::writesOutOfLine);
        this.bytesInFlight = options.effectiveBytesInFlight();
        this.encoder = encoder;
        this.sink = sink;
        if (lanceSchema.leafColumns().size() != encoder.numColumns()) {
            throw new IllegalStateException("schema has " + lanceSchema.leafColumns().size()
                    + " leaf columns but the encoders write " + encoder.numColumns());
        }
        this.metadata = OffHeapArena.open("column metadata of " + sink.targetPath());
        for (var f : lanceSchema.leafColumns()) {
            columns.add(new ColumnRecorder(columns.size(), f.path(), f.logicalType(), metadata));
        }
    }

    /**
     * Opens a writer. Every field is checked first: an unsupported type fails here, before any byte
     * is written.
     *
     * @throws dev.jlance.UnsupportedTypeException for a field jlance cannot write, naming it and its type
     * @throws IllegalArgumentException for an invalid schema or encoding metadata, or a buffer
     *     alignment under 64 bytes (Lance readers require 64)
     * @throws UnsupportedOperationException for a format version or encoding request not supported yet
     * @throws IOException if the temporary file cannot be created
     */
    public static LanceFileWriter open(Path path, Schema schema, WriteOptions options) throws IOException {
        return open(path, schema, options, null);
    }

    /**
     * Opens a writer for a schema with dictionary-encoded fields, whose values {@code dictionaries}
     * holds (as for Arrow's {@code ArrowWriter} and the official {@code LanceFileWriter.open(path,
     * allocator, provider)}). The provider is read when the writer opens, for the type of each
     * dictionary's values, and again by every {@link #write}, for the values of that batch: a
     * dictionary may change between batches (its type may not). Each dictionary-encoded column is
     * stored as official Lance stores Arrow dictionaries: mini-block pages of the keys, as wide as
     * the index type, with the dictionary of the page; nulls among the values become null keys.
     *
     * @param dictionaries the dictionaries of the schema's dictionary-encoded fields; may be null
     *     when there are none
     * @throws dev.jlance.UnsupportedTypeException for a field jlance cannot write, naming it and its
     *     type (for dictionaries: values that are nested, null, or of a type whose Lance logical type
     *     has parameters, such as decimals and timestamps)
     * @throws IllegalArgumentException for an invalid schema or encoding metadata, a
     *     dictionary-encoded field whose dictionary the provider lacks, or a buffer alignment under
     *     64 bytes
     * @throws UnsupportedOperationException for a format version or encoding request not supported yet
     * @throws IOException if the temporary file cannot be created
     */
    public static LanceFileWriter open(Path path, Schema schema, WriteOptions options, DictionaryProvider dictionaries)
            throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(options, "options");
        int alignment = options.encoding().bufferAlignment();
        if (alignment < MIN_FILE_ALIGNMENT) {
            throw new IllegalArgumentException("buffer alignment " + alignment + " is too small for a Lance "
                    + options.formatVersion() + " file: its reader requires buffers aligned to at least "
                    + MIN_FILE_ALIGNMENT + " bytes");
        }
        LanceSchema lanceSchema = LanceSchema.of(schema, dictionaries);
        BatchEncoder encoder = new BatchEncoder(lanceSchema,
                options.compression()
                        .map(c -> EncodingStrategies.structuralEncodingStrategy(options.formatVersion(), c))
                        .orElseGet(() -> EncodingStrategies.defaultEncodingStrategy(options.formatVersion())),
                options.encoding());
        FileSink sink;
        try {
            sink = FileSink.create(path, options.encoding().bufferAlignment());
        } catch (IOException | RuntimeException e) {
            encoder.close();
            throw e;
        }
        return new LanceFileWriter(schema, dictionaries, lanceSchema, options, encoder, sink);
    }

    /**
     * Writes one batch. Its schema must equal the writer's. With the default options the batch's
     * vectors, and the dictionaries its dictionary-encoded columns use, may be reused or cleared as
     * soon as this returns.
     *
     * <p>Any failure, a rejected batch included, abandons the file: the writer releases its memory,
     * deletes the temporary file and refuses further use, so that a {@code close()} that follows
     * (as in try-with-resources) cannot publish a file missing the rejected data.
     *
     * @throws dev.jlance.SchemaMismatchException if the batch's schema differs, or a dictionary's
     *     values changed type
     * @throws IllegalArgumentException if the provider has no dictionary for a dictionary-encoded
     *     column, or a key lies outside its dictionary (both name the column)
     * @throws IllegalStateException after {@link #close()} or after an earlier failure
     */
    public void write(VectorSchemaRoot root) throws IOException {
        Objects.requireNonNull(root, "root");
        requireOpen();
        slots.writerWorks();
        try {
            writeBatch(root);
        } finally {
            slots.writerRests();
        }
    }

    private void writeBatch(VectorSchemaRoot root) throws IOException {
        long start = System.nanoTime();
        try {
            SchemaCheck.requireSame(schema, root.getSchema());
            long rows = root.getRowCount();
            if (rows == 0) {
                return;
            }
            for (FieldVector v : root.getFieldVectors()) {
                if (v.getValueCount() != rows) {
                    throw new IllegalArgumentException("column '" + v.getName() + "' has " + v.getValueCount()
                            + " values but the batch has " + rows + " rows");
                }
            }
            List<FieldEncoder> encoders = encoder.fieldEncoders();
            int column = 0;
            // what goes through the encode pipeline: blob fields write their bytes to the file at once
            long inLineBytes = 0;
            for (int i = 0; i < encoders.size(); i++) {
                addBytesIn(root.getVector(i), lanceSchema.fields().get(i), column);
                column += encoders.get(i).numColumns();
                if (!encoders.get(i).writesOutOfLine()) {
                    inLineBytes += root.getVector(i).getBufferSize();
                }
            }
            submitInFieldOrder(feedFields(root, rows, inLineBytes));
            rowsWritten += rows;
            pipeline.pace(start, inLineBytes, bytesInFlight / 2, bytesInFlight);
        } catch (IOException | RuntimeException | Error e) {
            fail(e);
            throw e;
        }
    }

    /**
     * Gives every field its vector of the batch and returns the tasks each made, by field. Fields
     * with out-of-line buffers write those to the file as they go, so they are fed first, in order,
     * here; the others ({@code inLineBytes} of buffers) go through the {@link FieldFeeder}, several
     * at once for a large batch. On a failure every task made is discarded.
     */
    private List<List<EncodeTask>> feedFields(VectorSchemaRoot root, long rows, long inLineBytes)
            throws IOException {
        List<FieldEncoder> encoders = encoder.fieldEncoders();
        List<List<EncodeTask>> made = new ArrayList<>(Collections.nCopies(encoders.size(), List.of()));
        if (writesOutOfLine) {
            // Official Lance writes a batch's pages before the next batch's out-of-line buffers;
            // so does jlance, which keeps the two writers' files the same bytes.
            pipeline.writeAll();
        }
        try {
            int[] inLine = new int[encoders.size()];
            int inLineCount = 0;
            for (int i = 0; i < encoders.size(); i++) {
                FieldVector vector = root.getVector(i);
                if (!encoders.get(i).writesOutOfLine()) {
                    inLine[inLineCount++] = i;
                    continue;
                }
                OutOfLineBuffers external = new OutOfLineBuffers(sink.position(), options.encoding().bufferAlignment());
                made.set(i, encoders.get(i).maybeEncode(vector, dictionaries, external, NestingPath.top(), rowsWritten,
                        rows));
                writeExternal(external);
            }
            int[] fields = Arrays.copyOf(inLine, inLineCount);
            List<List<EncodeTask>> fed = feeder.feed(fields, inLineBytes, i -> feedInLine(encoders.get(i),
                    root.getVector(i), rows));
            for (int k = 0; k < fields.length; k++) {
                made.set(fields[k], fed.get(k));
            }
            return made;
        } catch (IOException | RuntimeException | Error e) {
            made.forEach(tasks -> tasks.forEach(EncodeTask::discard));
            throw e;
        }
    }

    /** Feeds a field that keeps no buffers out of line; may run on any thread. */
    private List<EncodeTask> feedInLine(FieldEncoder fieldEncoder, FieldVector vector, long rows) {
        OutOfLineBuffers none = new OutOfLineBuffers(0, options.encoding().bufferAlignment());
        List<EncodeTask> tasks = fieldEncoder.maybeEncode(vector, dictionaries, none, NestingPath.top(), rowsWritten,
                rows);
        if (!none.isEmpty()) {
            tasks.forEach(EncodeTask::discard);
            throw new IllegalStateException("the encoder of column '" + vector.getName()
                    + "' wrote out-of-line buffers but does not declare it");
        }
        return tasks;
    }

    /**
     * Submits each field's tasks in field order, the order of their pages in the file; should the
     * pipeline refuse some, the ones not submitted yet are discarded.
     */
    private void submitInFieldOrder(List<List<EncodeTask>> made) {
        int i = 0;
        try {
            for (; i < made.size(); i++) {
                pipeline.submit(made.get(i));
            }
        } catch (RuntimeException | Error e) {
            for (i++; i < made.size(); i++) {
                made.get(i).forEach(EncodeTask::discard);
            }
            throw e;
        }
    }

    /**
     * Credits each leaf column with its vector's Arrow bytes; a struct's or list's own buffers
     * (validity, offsets) go to its first leaf column. Returns the next column index.
     */
    private int addBytesIn(FieldVector vector, dev.jlance.schema.LanceField field, int column) {
        if (field.isLeafColumn()) {
            columns.get(column).bytesIn += vector.getBufferSize();
            return column + 1;
        }
        long own = vector.getBufferSize();
        List<FieldVector> children = vector.getChildrenFromFields();
        for (FieldVector c : children) {
            own -= c.getBufferSize();
        }
        columns.get(column).bytesIn += Math.max(own, 0);
        int next = column;
        for (int c = 0; c < children.size(); c++) {
            next = addBytesIn(children.get(c), field.children().get(c), next);
        }
        return next;
    }

    /** Rows accepted so far. */
    public long rowsWritten() {
        return rowsWritten;
    }

    /** The schema the writer was opened with. */
    public Schema schema() {
        return schema;
    }

    /**
     * What was written, per column.
     *
     * @throws IllegalStateException before the writer has been closed successfully
     */
    public WriteSummary summary() {
        if (summary == null) {
            throw new IllegalStateException("the summary is available once the writer has been closed successfully");
        }
        return summary;
    }

    /**
     * Encodes what is still buffered, writes the metadata and footer and moves the file into place.
     * Does nothing when already closed or after a failure (whose exception the caller already saw).
     */
    @Override
    public void close() throws IOException {
        if (state != State.OPEN) {
            return;
        }
        slots.writerWorks();
        try {
            finishFile();
        } finally {
            slots.writerRests();
        }
    }

    private void finishFile() throws IOException {
        try {
            for (FieldEncoder fe : encoder.fieldEncoders()) {
                OutOfLineBuffers external = new OutOfLineBuffers(sink.position(), options.encoding().bufferAlignment());
                pipeline.submit(fe.flush(external));
                writeExternal(external);
            }
            pipeline.writeAll();
            int column = 0;
            for (FieldEncoder fe : encoder.fieldEncoders()) {
                OutOfLineBuffers external = new OutOfLineBuffers(sink.position(), options.encoding().bufferAlignment());
                List<EncodedColumn> finished = fe.finish(external);
                writeExternal(external);
                for (EncodedColumn c : finished) {
                    ColumnRecorder rec = columns.get(column++);
                    rec.encoding = c.encoding();
                    for (LanceBuffer b : c.columnBuffers()) {
                        rec.addColumnBuffer(sink.writeAligned(b), b.size());
                    }
                    writePages(c.finalPages());
                }
            }
            long fileBytes = FileFooter.write(sink, lanceSchema, rowsWritten, columns, options.formatVersion());
            metadata.close();
            sink.commit(options.syncOnClose());
            state = State.CLOSED;
            encoder.close();
            stopOwnPool();
            summary = new WriteSummary(sink.targetPath(), options.formatVersion(), rowsWritten, fileBytes,
                    columns.stream().map(ColumnRecorder::summary).toList());
        } catch (IOException | RuntimeException | Error e) {
            fail(e);
            throw e;
        }
    }

    private void writeExternal(OutOfLineBuffers external) throws IOException {
        for (LanceBuffer b : external.takeBuffers()) {
            sink.writeAligned(b);
        }
    }

    /** Writes the pages of {@code finish}, which are not encode tasks; closes each. */
    private void writePages(List<EncodedPage> pages) throws IOException {
        int i = 0;
        try {
            for (; i < pages.size(); i++) {
                try (EncodedPage page = pages.get(i)) {
                    writePage(page);
                }
            }
        } finally {
            for (i++; i < pages.size(); i++) {
                pages.get(i).close();
            }
        }
    }

    /** Appends one page to the file and records it; the caller closes the page. */
    private void writePage(EncodedPage page) throws IOException {
        ColumnRecorder rec = columns.get(page.columnIndex());
        rec.addPage(sink.writePage(page), page);
        options.progress().pageWritten(rec.path, page.numRows(), rowsWritten, sink.position());
    }

    private void stopOwnPool() {
        if (ownPool != null) {
            ownPool.shutdown();
        }
    }

    private void requireOpen() {
        switch (state) {
            case OPEN -> { }
            case CLOSED -> throw new IllegalStateException("the writer is closed");
            case FAILED -> throw new IllegalStateException("the writer failed earlier and cannot be used: " + failure,
                    failure);
        }
    }

    /** Releases everything and deletes the temporary file; the target path is left untouched. */
    private void fail(Throwable cause) {
        if (state != State.OPEN) {
            return;
        }
        state = State.FAILED;
        failure = cause;
        pipeline.abort(cause);
        stopOwnPool();
        metadata.close();
        try {
            encoder.close();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
        try {
            sink.close();
        } catch (IOException | UncheckedIOException e) {
            cause.addSuppressed(e);
        }
    }
}
