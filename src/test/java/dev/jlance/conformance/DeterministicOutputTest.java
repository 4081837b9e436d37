package dev.jlance.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.bench.LanceFileLayout;
import dev.jlance.bench.data.Dataset;
import dev.jlance.bench.data.DatasetSize;
import dev.jlance.bench.data.Datasets;
import dev.jlance.bench.data.GeneratedData;
import dev.jlance.file.WriteOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same input gives the same bytes on every run: each benchmark dataset (sized so FSST trains
 * real tables on over 32 KiB, dictionaries and every fixed-width encoding appear) is written three
 * times, on the shared pool, on a single thread, and keeping the caller's arrays instead of copying
 * them, and the files must be identical. (Different batch boundaries may legitimately cut pages
 * elsewhere, as in official Lance.) Official Lance cannot promise this: its FSST sampling is
 * randomly seeded.
 */
class DeterministicOutputTest extends ConformanceTestBase {

    static Stream<Dataset> datasets() {
        return Datasets.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datasets")
    void sameInputSameBytes(Dataset dataset) throws Exception {
        Path first = tmp.resolve("first.lance");
        Path second = tmp.resolve("second.lance");
        Path third = tmp.resolve("third.lance");
        try (GeneratedData data = dataset.generate(new DatasetSize(30_000, 40_000_000, 7_000), allocator)) {
            OfficialReaderHarness.writeJlance(first, dataset.schema(), data.batches(), WriteOptions.defaults());
            ExecutorService single = Executors.newSingleThreadExecutor();
            try {
                OfficialReaderHarness.writeJlance(second, dataset.schema(), data.batches(),
                        WriteOptions.builder().executor(single).build());
            } finally {
                single.shutdown();
            }
            OfficialReaderHarness.writeJlance(third, dataset.schema(), data.batches(),
                    WriteOptions.builder().keepOriginalArray(true).build());
            List<String> encodings = LanceFileLayout.read(first).columns().stream()
                    .map(LanceFileLayout.Column::encodingSummary).toList();
            if (dataset.name().equals("people") || dataset.name().equals("event_log")) {
                assertTrue(encodings.stream().anyMatch(e -> e.contains("fsst")), () -> "expected FSST: " + encodings);
            }
            byte[] a = Files.readAllBytes(first);
            assertEquals(-1, Arrays.mismatch(a, Files.readAllBytes(second)), "single thread vs pool");
            assertEquals(-1, Arrays.mismatch(a, Files.readAllBytes(third)), "kept arrays vs copies");
        }
    }
}
