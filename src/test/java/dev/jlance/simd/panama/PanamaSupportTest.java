package dev.jlance.simd.panama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jlance.simd.KernelProvider;
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
}
