package dev.jlance.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-test Arrow allocator and temp directory. Every root a test creates is registered with
 * {@link #track} and closed after the test; then the allocator is closed, and
 * {@code RootAllocator.close()} throws (failing the test) if any Arrow memory is still held, e.g.
 * buffers the writer retained and never released.
 */
abstract class ConformanceTestBase {

    @TempDir
    Path tmp;

    BufferAllocator allocator;

    private final List<AutoCloseable> tracked = new ArrayList<>();

    @BeforeEach
    void openAllocator() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void closeAllocator() throws Exception {
        Exception first = null;
        for (int i = tracked.size() - 1; i >= 0; i--) {
            try {
                tracked.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        tracked.clear();
        // Throws IllegalStateException ("Memory was leaked ...") if anything is still allocated.
        allocator.close();
        if (first != null) {
            throw first;
        }
    }

    /** Registers {@code resource} to be closed after the test (before the leak check); returns it. */
    <T extends AutoCloseable> T track(T resource) {
        tracked.add(resource);
        return resource;
    }

    /** Registers all roots; returns the list. */
    List<VectorSchemaRoot> trackAll(List<VectorSchemaRoot> roots) {
        roots.forEach(this::track);
        return roots;
    }

    /** A fresh, empty sub-directory of the test's temp dir (so stray-file checks see only one write). */
    Path newDir(String name) throws IOException {
        return Files.createDirectories(tmp.resolve(name));
    }

    /** {@code <fresh dir>/<name>.lance}. */
    Path newFile(String name) throws IOException {
        return newDir(name).resolve(name + ".lance");
    }
}
