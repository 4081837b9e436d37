package dev.jlance.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generated Vector API kernels are what the generator produces today (nobody edited them by hand). */
class GeneratedBitPackingTest {

    @ParameterizedTest(name = "T={0}")
    @ValueSource(ints = {8, 16, 32, 64})
    void checkedInSourceIsUpToDate(int t) throws Exception {
        Path file = BitPackingGenerator.OUTPUT_DIR.resolve(BitPackingGenerator.className(t) + ".java");
        assertEquals(BitPackingGenerator.source(t), Files.readString(file, StandardCharsets.UTF_8),
                file + " is stale: run java src/test/java/dev/jlance/simd/BitPackingGenerator.java");
    }
}
