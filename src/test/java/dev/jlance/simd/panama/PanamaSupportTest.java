package dev.jlance.simd.panama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jlance.simd.KernelProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jdk.incubator.vector.IntVector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The vector width the kernels use is the forced one when forced, else the CPU's preferred one. */
@Tag("kernels")
class PanamaSupportTest {

    @Test
    void shapeFollowsTheWidthProperty() {
        // Without the module this class's vector references cannot even resolve: skip before touching them.
        assumeTrue(KernelProvider.vectorized(), "kernels run scalar here");
        String forced = System.getProperty(KernelProvider.WIDTH_PROPERTY, "").trim();
        int expected = forced.isEmpty() ? IntVector.SPECIES_PREFERRED.vectorBitSize() : Integer.parseInt(forced);
        assertEquals(expected, PanamaSupport.SHAPE.vectorBitSize());
        assertEquals(expected, PanamaSupport.BYTES.vectorBitSize());
        assertEquals(expected, PanamaSupport.SHORTS.vectorBitSize());
        assertEquals(expected, PanamaSupport.INTS.vectorBitSize());
        assertEquals(expected, PanamaSupport.LONGS.vectorBitSize());
    }

    /** Touches the Vector API constants before anything asked the provider, then reports its decision. */
    public static final class TouchSupportFirst {
        public static void main(String[] args) {
            System.out.println(PanamaSupport.INTS.vectorBitSize() + " " + KernelProvider.vectorized() + " "
                    + KernelProvider.fallbackReason().orElse(""));
        }
    }

    /**
     * The provider and this class initialise each other; whichever starts first, the decision must
     * be the same. (It once said "Vector API unusable: NullPointerException" when this class came first.)
     */
    @Test
    void initialisationOrderDoesNotMatter() throws Exception {
        assumeTrue(KernelProvider.vectorized(), "kernels run scalar here");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                TouchSupportFirst.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        assertTrue(output.strip().endsWith(" true"), output);
    }
}
