package dev.jlance.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tracking is decided once per JVM, and tests run with it on; so a JVM of its own checks that
 * with tracking off a leak check refuses to answer instead of passing on an empty list.
 */
class ArenaTrackingOffTest {

    private static final String REFUSED =
            "refused: arenas are not tracked: enable assertions or -Djlance.memory.trackArenas=true";

    /** Runs in the child JVM: prints what {@link OffHeapArena#openArenas()} does with an arena open. */
    public static final class AskWithTrackingOff {
        public static void main(String[] args) {
            try (OffHeapArena arena = OffHeapArena.open("left open while asked")) {
                arena.allocate(64);
                System.out.println("answered " + OffHeapArena.openArenas());
            } catch (IllegalStateException e) {
                System.out.println("refused: " + e.getMessage());
            }
        }
    }

    private static String run(String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), AskWithTrackingOff.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        return output.lines().filter(l -> l.startsWith("answered") || l.startsWith("refused")).findFirst()
                .orElse(output);
    }

    @Test
    void leakChecksRefuseWhenTrackingIsOff() throws Exception {
        assertEquals(REFUSED, run("-da"), "assertions off, no property");
        assertEquals(REFUSED, run("-ea", "-Djlance.memory.trackArenas=false"), "turned off explicitly");
        assertEquals("answered [left open while asked]", run("-da", "-Djlance.memory.trackArenas=true"),
                "turned on without assertions");
    }
}
