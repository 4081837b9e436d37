package dev.jlance.bench;

import dev.jlance.bench.data.DatasetSize;
import dev.jlance.bench.data.Datasets;
import dev.jlance.bench.data.GeneratedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The arguments of the paired measurements ({@code ./jlance threads}, {@code ./jlance versus}):
 * {@code DATASET[,DATASET...] [PAIRS] [--quick]}. Each dataset's line ends with the CPU time the
 * hypervisor stole while it was measured ({@link CpuTicks}).
 *
 * @param datasets the dataset names, in order
 * @param pairs pairs per dataset (100 unless given)
 * @param size the generated size: {@link DatasetSize#QUICK} with {@code --quick}
 */
record PairedRunArgs(List<String> datasets, int pairs, DatasetSize size) {

    static final int DEFAULT_PAIRS = 100;

    /** Measures one generated dataset in {@code pairs} pairs, writing scratch files in {@code dir}; returns the summary line. */
    @FunctionalInterface
    interface Measurement {
        String measure(GeneratedData data, BufferAllocator allocator, int pairs, Path dir) throws Exception;
    }

    /**
     * The {@code main} of {@code ./jlance COMMAND}: prints the usage and exits 2 when {@code args} do
     * not fit; otherwise generates each dataset in turn and prints what {@code measurement} says of it.
     */
    static void runEach(String command, String[] args, Measurement measurement) throws Exception {
        PairedRunArgs run = parse(args);
        if (run == null) {
            System.err.println("usage: ./jlance " + command + " DATASET[,DATASET...] [PAIRS] [--quick]");
            System.exit(2);
        }
        Path dir = Files.createTempDirectory("jlance-" + command);
        try (RootAllocator allocator = new RootAllocator()) {
            for (String name : run.datasets()) {
                try (GeneratedData data = Datasets.named(name).generate(run.size(), allocator)) {
                    Optional<CpuTicks> before = CpuTicks.now();
                    String summary = measurement.measure(data, allocator, run.pairs(), dir);
                    System.out.println(summary + "; " + CpuTicks.stolenSince(before, CpuTicks.now()));
                }
            }
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    /** The arguments, or null when they do not fit the form above. */
    static PairedRunArgs parse(String[] args) {
        List<String> positional = new ArrayList<>();
        DatasetSize size = DatasetSize.DEFAULT;
        for (String a : args) {
            if (a.equals("--quick")) {
                size = DatasetSize.QUICK;
            } else {
                positional.add(a);
            }
        }
        if (positional.isEmpty() || positional.size() > 2) {
            return null;
        }
        int pairs = DEFAULT_PAIRS;
        if (positional.size() == 2) {
            try {
                pairs = Integer.parseInt(positional.get(1));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return new PairedRunArgs(List.of(positional.get(0).split(",")), pairs, size);
    }
}
