package dev.jlance.conformance.nested;

import dev.jlance.conformance.nested.FuzzRunner.Writer;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Randomized conformance (issue 4, item 9): random nested schemas and data ({@link NestedSchemaGenerator},
 * {@link NestedDataGenerator}), written by jlance, read back by the official reader (lance-core 7.0.0)
 * and compared value by value ({@link NestedComparator}). 2000 fixed seeds in CI.
 *
 * <p>A failing case reports its seed, schema and error, is shrunk to a smaller case that fails the
 * same way (fewer batches, rows and fields; data quirks switched off), prints that case's data and a
 * command that re-runs it, and says how the official writer does on the same case. A case the official
 * reader fails to read in exactly the same way when the official writer wrote it is counted, not
 * failed: the reader cannot decode that data whoever writes it ({@link KnownOfficialFailure};
 * {@code -Djlance.fuzz.strict=true} fails those too), and so is a case jlance refuses while writing,
 * naming the field, where official fails too. Wrong values are always a failure, even when
 * official's own file gives the same wrong values.
 *
 * <p>{@code -Djlance.fuzz.cases=N} runs N cases (of the same sequence; {@code -Djlance.fuzz.base=B} for
 * another), {@code -Djlance.fuzz.seed=S [-Djlance.fuzz.shrink=STEPS]} one case, and
 * {@code -Djlance.fuzz.features=A,B|all|none} generates exactly those {@link NestedFeature}s (default:
 * {@link NestedFeature#defaults()}).
 * Cases run in a worker JVM ({@code -Djlance.fuzz.fork=false}: in this one).
 */
class NestedRandomConformanceTest {

    static final int DEFAULT_CASES = 2000;

    @TempDir
    static Path dir;

    static BufferAllocator allocator;

    @BeforeAll
    static void open() {
        allocator = new RootAllocator();
    }

    @AfterAll
    static void close() {
        allocator.close();
    }

    @TestFactory
    Stream<DynamicTest> randomNestedCases() {
        FuzzSuite suite = new FuzzSuite("NestedRandomConformanceTest", Writer.JLANCE, dir, allocator,
                NestedFeature.fromSystemProperty());
        return suite.tests(FuzzSuite.seeds(DEFAULT_CASES), FuzzSuite.KnownFailures.NONE);
    }

    /**
     * More cases of lists, structs and fixed-size lists alone (other seeds): with every feature on,
     * about a fifth of the cases are schemas jlance refuses, so these keep the nested data dense.
     * Skipped when one seed is asked for (the repro command names its features).
     */
    @TestFactory
    Stream<DynamicTest> randomNestedTypesOnly() {
        FuzzSuite suite = new FuzzSuite("NestedRandomConformanceTest", Writer.JLANCE, dir, allocator,
                EnumSet.of(NestedFeature.FIXED_SIZE_LIST));
        List<Long> seeds = FuzzSuite.secondSeeds(DEFAULT_CASES / 2);
        return suite.tests(seeds, FuzzSuite.KnownFailures.NONE);
    }
}
