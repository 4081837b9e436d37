package dev.jlance.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the provider decided in this JVM, checked against how the JVM was started. The build runs
 * the kernel tests in several JVMs (see pom.xml): with the Vector API, without its module, forced
 * scalar, and at each forced width; {@value #EXPECT_PROPERTY} says which one this is.
 */
@Tag("kernels")
class KernelProviderTest {

    /** {@code vector} or {@code scalar}: what the surefire execution running this test expects. */
    static final String EXPECT_PROPERTY = "jlance.test.kernels";

    private static boolean moduleLoaded() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    @Test
    void decisionMatchesTheJvm() {
        String mode = System.getProperty(KernelProvider.MODE_PROPERTY, "auto");
        String expect = System.getProperty(EXPECT_PROPERTY, "");
        if (!moduleLoaded()) {
            // Only the build's no-vector-module run starts a JVM like this, and it states what it expects.
            assertEquals("scalar", expect, EXPECT_PROPERTY);
        }
        if (expect.equals("vector")) {
            // A forced width wider than the CPU's vectors is refused with that reason, nothing else.
            boolean tooWide = KernelProvider.forcedVectorBits() > 0 && !KernelProvider.vectorized()
                    && KernelProvider.fallbackReason().orElseThrow().contains("exceeds the CPU");
            assertTrue(KernelProvider.vectorized() || tooWide, () -> "expected the Vector API, got scalar: "
                    + KernelProvider.fallbackReason());
        } else if (expect.equals("scalar")) {
            assertFalse(KernelProvider.vectorized(), "expected scalar kernels");
        }
        if (mode.equals("scalar")) {
            assertFalse(KernelProvider.vectorized());
            assertEquals("forced by -Djlance.simd=scalar", KernelProvider.fallbackReason().orElseThrow());
        } else if (!moduleLoaded()) {
            assertFalse(KernelProvider.vectorized());
            assertTrue(KernelProvider.fallbackReason().orElseThrow().contains("jdk.incubator.vector is absent"),
                    KernelProvider.fallbackReason().orElseThrow());
        }
        assertEquals(KernelProvider.vectorized(), KernelProvider.fallbackReason().isEmpty());
    }

    @Test
    void loadedKernelsFollowTheDecision() {
        String name = BitPacking.kernel().getClass().getName();
        if (KernelProvider.vectorized()) {
            assertEquals("dev.jlance.simd.panama.PanamaBitPacking", name);
        } else {
            assertEquals(ScalarBitPacking.class.getName(), name);
        }
        assertEquals(ScalarBitPacking.class, KernelProvider.scalar(ScalarBitPacking::new).getClass());
    }

    @Test
    void widthPropertyIsValidated() {
        String saved = System.getProperty(KernelProvider.WIDTH_PROPERTY);
        try {
            for (String ok : new String[] {"128", "256", "512", " 256 "}) {
                System.setProperty(KernelProvider.WIDTH_PROPERTY, ok);
                assertEquals(Integer.parseInt(ok.trim()), KernelProvider.forcedVectorBits());
            }
            System.setProperty(KernelProvider.WIDTH_PROPERTY, "");
            assertEquals(0, KernelProvider.forcedVectorBits());
            for (String bad : new String[] {"64", "1024", "300", "wide", "-256"}) {
                System.setProperty(KernelProvider.WIDTH_PROPERTY, bad);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        KernelProvider::forcedVectorBits);
                assertTrue(e.getMessage().contains(KernelProvider.WIDTH_PROPERTY) && e.getMessage().contains(bad),
                        e.getMessage());
            }
            System.clearProperty(KernelProvider.WIDTH_PROPERTY);
            assertEquals(0, KernelProvider.forcedVectorBits());
        } finally {
            if (saved == null) {
                System.clearProperty(KernelProvider.WIDTH_PROPERTY);
            } else {
                System.setProperty(KernelProvider.WIDTH_PROPERTY, saved);
            }
        }
    }
}
