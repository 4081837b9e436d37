package dev.jlance.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading the hypervisor's steal out of {@code /proc/stat}, and how a paired run reports it. */
class CpuTicksTest {

    @Test
    void readsTheAggregateLineNotACoreLine() {
        String stat = """
                cpu  10 2 3 400 5 6 7 8 90 1
                cpu0 5 1 1 200 2 3 3 4 45 0
                cpu1 5 1 2 200 3 3 4 4 45 1
                intr 123 0 0
                """;
        // guest (90) and guest_nice (1) are inside user and nice already: not counted twice
        assertEquals(Optional.of(new CpuTicks(8, 10 + 2 + 3 + 400 + 5 + 6 + 7 + 8)), CpuTicks.parse(stat));
    }

    @Test
    void aLineWithoutTheStealFieldOrWithGarbageIsNotKnown() {
        assertEquals(Optional.empty(), CpuTicks.parse("cpu  10 2 3 400 5 6 7\n"));
        assertEquals(Optional.empty(), CpuTicks.parse("cpu  10 2 3 400 5 6 7 x\n"));
        assertEquals(Optional.empty(), CpuTicks.parse("cpu0 10 2 3 400 5 6 7 8\n"));
        assertEquals(Optional.empty(), CpuTicks.parse(""));
    }

    @Test
    void reportsTheTicksStolenBetweenTwoReadings() {
        Optional<CpuTicks> before = Optional.of(new CpuTicks(8, 441));
        Optional<CpuTicks> after = Optional.of(new CpuTicks(1_508, 120_441));
        assertEquals("steal 1,500 of 120,000 ticks (1.3 %)", CpuTicks.stolenSince(before, after));
        assertEquals("steal 0 of 0 ticks (0.0 %)", CpuTicks.stolenSince(before, before));
        assertEquals("steal not known (no /proc/stat)", CpuTicks.stolenSince(Optional.empty(), after));
        assertEquals("steal not known (no /proc/stat)", CpuTicks.stolenSince(before, Optional.empty()));
    }

    @Test
    void readsThisMachineWhereItIsLinux() {
        if (!Files.isReadable(Path.of("/proc/stat"))) {
            assertEquals(Optional.empty(), CpuTicks.now());
            return;
        }
        CpuTicks first = CpuTicks.now().orElseThrow();
        CpuTicks second = CpuTicks.now().orElseThrow();
        assertTrue(first.steal() >= 0 && first.steal() <= first.total(), first.toString());
        assertTrue(second.total() >= first.total() && second.steal() >= first.steal(), first + " then " + second);
    }
}
