package dev.jlance.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

public class BackgroundPriorityTest {

    /** The calling thread's nice value, from field 19 of {@code /proc/thread-self/stat} (Linux only). */
    public static int currentNice() throws IOException {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[19 - 3]);
    }

    private static boolean linux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }

    /** Runs {@code body} on a new platform thread and returns what it produced. */
    private static int onNewThread(ThrowingSupplier body) throws Exception {
        AtomicInteger result = new AtomicInteger(Integer.MIN_VALUE);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                result.set(body.get());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.join(10_000);
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        return result.get();
    }

    @FunctionalInterface
    interface ThrowingSupplier {
        int get() throws Exception;
    }

    /** Runs {@code body} with {@link BackgroundPriority#PROPERTY} set to {@code value}, then restores it. */
    private static void withNiceProperty(String value, ThrowingRunnable body) throws Exception {
        String old = System.getProperty(BackgroundPriority.PROPERTY);
        System.setProperty(BackgroundPriority.PROPERTY, value);
        try {
            body.run();
        } finally {
            if (old == null) {
                System.clearProperty(BackgroundPriority.PROPERTY);
            } else {
                System.setProperty(BackgroundPriority.PROPERTY, old);
            }
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void theTestJvmCanLowerThreads() {
        // the tests run on Linux with --enable-native-access: if this fails, encode threads
        // silently keep their priority
        assertEquals(linux(), BackgroundPriority.supported());
    }

    @Test
    void lowersTheCallingThreadAndOnlyIt() throws Exception {
        if (!linux()) {
            assertFalse(BackgroundPriority.lowerCurrentThread());
            return;
        }
        int before = currentNice();
        int lowered = onNewThread(() -> {
            assertTrue(BackgroundPriority.lowerCurrentThread());
            return currentNice();
        });
        assertEquals(BackgroundPriority.DEFAULT_NICE, lowered);
        assertEquals(before, currentNice(), "the thread that asked for nothing keeps its priority");
    }

    @Test
    void niceZeroLeavesThreadsAlone() throws Exception {
        withNiceProperty("0", () -> {
            int before = linux() ? currentNice() : 0;
            int after = onNewThread(() -> {
                assertFalse(BackgroundPriority.lowerCurrentThread());
                return linux() ? currentNice() : 0;
            });
            assertEquals(before, after);
        });
    }

    @Test
    void outOfRangeValuesAreClamped() throws Exception {
        withNiceProperty("40", () -> assertEquals(19, BackgroundPriority.configuredNice()));
        withNiceProperty("-5", () -> assertEquals(0, BackgroundPriority.configuredNice()));
    }
}
