package dev.jlance.file;

import dev.jlance.encoder.BufferSink;
import dev.jlance.encoder.EncodedBatch;
import dev.jlance.encoder.EncodedPage;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.Layouts;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The bytes of a file being written. They go to a hidden temporary file next to the target, which
 * only {@link #commit()} renames into place: until then no file at the target path looks like a
 * finished Lance file, whatever happens to the write.
 */
final class FileSink implements BufferSink, AutoCloseable {

    /** Lance pads with 'H'. */
    static final byte PAD = 0x48;
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final long alignment;
    /** One alignment's worth of pad bytes: padding after a buffer is always shorter. */
    private final ByteBuffer padding;
    /** Reused by {@link #writePage} (only the writer's thread writes): the parts of one gathering write. */
    private ByteBuffer[] gather = new ByteBuffer[0];
    /** Reused pad views, one per buffer index of a page. */
    private ByteBuffer[] pads = new ByteBuffer[0];
    private long position;
    private boolean done;

    private FileSink(Path target, Path temp, FileChannel channel, long alignment) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.alignment = alignment;
        byte[] pad = new byte[Math.toIntExact(alignment)];
        java.util.Arrays.fill(pad, PAD);
        this.padding = ByteBuffer.wrap(pad).asReadOnlyBuffer();
    }

    static FileSink create(Path target, long alignment) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new java.nio.file.NoSuchFileException(dir.toString(), null, "directory of the output file does not exist");
        }
        if (Files.isDirectory(abs)) {
            throw new IOException("output path is a directory: " + abs);
        }
        String name = "." + abs.getFileName() + ".jlance-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp";
        Path temp = dir == null ? Path.of(name) : dir.resolve(name);
        FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new FileSink(abs, temp, ch, alignment);
    }

    /** Where the file lands on commit. */
    Path targetPath() {
        return target;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public long writeAligned(LanceBuffer buffer) throws IOException {
        long at = position;
        int pad = (int) Layouts.padding(buffer.size(), alignment);
        writeFully(buffer.segment().asByteBuffer(), pad);
        position += buffer.size() + pad;
        return at;
    }

    /**
     * Writes a page's buffers, each followed by its padding, in one gathering write: one system
     * call and no copy per page instead of one per buffer.
     */
    @Override
    public EncodedBatch.PageInfo writePage(EncodedPage page) throws IOException {
        List<LanceBuffer> buffers = page.buffers();
        int n = buffers.size();
        long[] offsets = new long[n];
        long[] sizes = new long[n];
        if (gather.length < 2 * n) {
            gather = new ByteBuffer[2 * n];
            pads = Arrays.copyOf(pads, n);
        }
        int parts = 0;
        long at = position;
        for (int i = 0; i < n; i++) {
            LanceBuffer b = buffers.get(i);
            int pad = (int) Layouts.padding(b.size(), alignment);
            offsets[i] = at;
            sizes[i] = b.size();
            gather[parts++] = b.segment().asByteBuffer();
            if (pad > 0) {
                // one pad view per buffer of the page: a view used twice in one write would be drained by the first
                if (pads[i] == null) {
                    pads[i] = padding.duplicate();
                }
                gather[parts++] = pads[i].limit(pad).position(0);
            }
            at += b.size() + pad;
        }
        try {
            long left = at - position;
            while (left > 0) {
                left -= channel.write(gather, 0, parts);
            }
        } finally {
            Arrays.fill(gather, 0, parts, null); // the page's memory goes back to its pool after this
        }
        position = at;
        return new EncodedBatch.PageInfo(offsets, sizes, page.numRows(), page.rowNumber(), page.encoding());
    }

    /** Writes {@code buffer} without padding after it; returns its position. */
    long writeUnpadded(LanceBuffer buffer) throws IOException {
        long at = position;
        writeFully(buffer.segment().asByteBuffer(), 0);
        position += buffer.size();
        return at;
    }

    private void writeFully(ByteBuffer data, int pad) throws IOException {
        ByteBuffer tail = padding.duplicate().limit(pad);
        ByteBuffer[] both = {data, tail};
        while (data.hasRemaining() || tail.hasRemaining()) {
            channel.write(both);
        }
    }

    /**
     * Moves the file into place, first forcing its bytes to the device when {@code sync} (without
     * it, as with official Lance, the rename still keeps a partial file from ever appearing at the
     * target path, but a crash of the machine may lose recently written data).
     */
    void commit(boolean sync) throws IOException {
        if (sync) {
            channel.force(true);
        }
        channel.close();
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        done = true;
    }

    /** Abandons the file: closes and deletes the temporary file. Does nothing after commit. */
    @Override
    public void close() throws IOException {
        if (done) {
            return;
        }
        done = true;
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
