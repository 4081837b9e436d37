package dev.jlance.repdef;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jlance.bench.data.Dataset;
import dev.jlance.bench.data.DatasetSize;
import dev.jlance.bench.data.Datasets;
import dev.jlance.bench.data.GeneratedData;
import dev.jlance.file.LanceFileWriter;
import dev.jlance.file.WriteOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shredder works in arrays a thread reuses from batch to batch, whose old contents it must
 * never let through: nested files written on the calling thread after its scratch was filled with
 * garbage (two different kinds) must equal the file written on the shared pool.
 */
class LevelScratchReuseTest {

    @TempDir
    Path tmp;

    @Test
    void garbageInTheScratchNeverReachesTheFile() throws Exception {
        // structs with nulls, lists of structs with lists, empty and null lists
        List<Dataset> nested = List.of(Datasets.named("nested"));
        try (BufferAllocator allocator = new RootAllocator()) {
            for (Dataset dataset : nested) {
                try (GeneratedData data = dataset.generate(new DatasetSize(20_000, 40_000_000, 3_000), allocator)) {
                    byte[] pool = write(dataset, data, tmp.resolve(dataset.name() + "-pool.lance"),
                            WriteOptions.defaults());
                    for (int garbage : new int[] {-1, 0x5A5A5A5A}) {
                        poison(garbage);
                        byte[] inline = write(dataset, data, tmp.resolve(dataset.name() + "-inline.lance"),
                                WriteOptions.builder().executor(Runnable::run).build());
                        assertEquals(-1, Arrays.mismatch(pool, inline),
                                dataset.name() + ": inline after scratch garbage " + Integer.toHexString(garbage));
                    }
                }
            }
        }
    }

    /** Fills the calling thread's scratch with arrays of many sizes holding {@code garbage}. */
    private static void poison(int garbage) {
        LevelScratch scratch = LevelScratch.get();
        for (int size = 64; size <= 1 << 20; size <<= 2) {
            short[] s = new short[size];
            Arrays.fill(s, (short) garbage);
            scratch.give(s);
            int[] i = new int[size];
            Arrays.fill(i, garbage);
            scratch.give(i);
        }
    }

    private static byte[] write(Dataset dataset, GeneratedData data, Path file, WriteOptions options)
            throws Exception {
        Files.deleteIfExists(file);
        try (LanceFileWriter w = LanceFileWriter.open(file, dataset.schema(), options)) {
            for (VectorSchemaRoot b : data.batches()) {
                w.write(b);
            }
        }
        return Files.readAllBytes(file);
    }
}
