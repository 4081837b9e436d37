package dev.jlance.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads the record batches of an Arrow IPC file or stream, in order, one at a time into the same
 * {@link VectorSchemaRoot}. Which of the two it is comes from the first bytes, not from the name.
 */
final class ArrowInput implements BatchSource {

    /** The two Arrow IPC formats. */
    enum Kind {
        /** Random-access file: "ARROW1" magic, batches, footer, magic again. */
        FILE,
        /** Sequential stream: messages, each prefixed by a length (and, since 0.15, a continuation marker). */
        STREAM;

        /** "file" or "stream". */
        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final byte[] FILE_MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);
    private static final int CONTINUATION = 0xFFFFFFFF;

    private final Path path;
    private final Kind kind;
    private final ArrowReader reader;
    private final VectorSchemaRoot root;
    private final Iterator<ArrowBlock> blocks;
    private long batches;

    private ArrowInput(Path path, Kind kind, ArrowReader reader, Iterator<ArrowBlock> blocks) throws IOException {
        this.path = path;
        this.kind = kind;
        this.reader = reader;
        this.root = reader.getVectorSchemaRoot();
        this.blocks = blocks;
    }

    /**
     * Opens {@code path} and reads its schema.
     *
     * @throws CliException (failure) when the file is missing, unreadable or not Arrow IPC
     */
    static ArrowInput open(Path path, BufferAllocator allocator) throws CliException {
        if (!Files.exists(path)) {
            throw CliException.failure("input '" + path + "' does not exist");
        }
        if (!Files.isRegularFile(path)) {
            throw CliException.failure("input '" + path + "' is not a regular file");
        }
        Kind kind = detect(path);
        ArrowReader reader = null;
        try {
            Iterator<ArrowBlock> blocks = null;
            if (kind == Kind.FILE) {
                ArrowFileReader fileReader = new ArrowFileReader(FileChannel.open(path), allocator);
                reader = fileReader;
                blocks = List.copyOf(fileReader.getRecordBlocks()).iterator();
            } else {
                reader = new ArrowStreamReader(Files.newInputStream(path), allocator);
            }
            return new ArrowInput(path, kind, reader, blocks);
        } catch (IOException | RuntimeException e) {
            closeQuietly(reader);
            throw CliException.failure("cannot read '" + path + "' as an Arrow IPC " + kind.label() + ": "
                    + Messages.oneLine(e), e);
        }
    }

    /**
     * Tells an Arrow IPC file from a stream by the first bytes; anything that is neither is rejected
     * here, before Arrow's reader would try to allocate a message of whatever length garbage encodes.
     */
    static Kind detect(Path path) throws CliException {
        byte[] head = new byte[8];
        long size;
        int read;
        try (InputStream in = Files.newInputStream(path, StandardOpenOption.READ)) {
            size = Files.size(path);
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw CliException.failure("cannot read input '" + path + "': " + Messages.oneLine(e), e);
        }
        if (read == 0) {
            throw CliException.failure("input '" + path + "' is empty, not an Arrow IPC file or stream");
        }
        if (read >= FILE_MAGIC.length && Arrays.equals(head, 0, FILE_MAGIC.length, FILE_MAGIC, 0, FILE_MAGIC.length)) {
            return Kind.FILE;
        }
        if (read == head.length) {
            ByteBuffer words = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
            int first = words.getInt(0);
            if (first == CONTINUATION && fits(words.getInt(4), size - 8)) {
                return Kind.STREAM;
            }
            // Streams written before Arrow 0.15 have no continuation marker.
            if (first != CONTINUATION && fits(first, size - 4)) {
                return Kind.STREAM;
            }
        }
        throw CliException.failure("input '" + path + "' is not an Arrow IPC file or stream");
    }

    /** A schema message's length: positive (a flatbuffer needs more than 8 bytes), within the file. */
    private static boolean fits(int messageLength, long bytesLeft) {
        return messageLength > 8 && messageLength <= bytesLeft;
    }

    Kind kind() {
        return kind;
    }

    /**
     * The reader itself: it holds the dictionaries of the batch last loaded (a stream may replace
     * them between batches), and their types from the moment the schema is read.
     */
    @Override
    public DictionaryProvider dictionaries() {
        return reader;
    }

    @Override
    public Schema schema() {
        return root.getSchema();
    }

    @Override
    public VectorSchemaRoot root() {
        return root;
    }

    /** Loads the next record batch into {@link #root()}; false once there are no more. */
    @Override
    public boolean next() throws CliException {
        try {
            boolean loaded;
            if (kind == Kind.FILE) {
                loaded = blocks.hasNext() && ((ArrowFileReader) reader).loadRecordBatch(blocks.next());
            } else {
                loaded = reader.loadNextBatch();
            }
            if (loaded) {
                batches++;
            }
            return loaded;
        } catch (IOException | RuntimeException e) {
            throw CliException.failure("cannot read record batch " + (batches + 1) + " of '" + path + "': "
                    + Messages.oneLine(e), e);
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Already failing; the first error is the one worth reporting.
        }
    }
}
