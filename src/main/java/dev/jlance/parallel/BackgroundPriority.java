package dev.jlance.parallel;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import java.util.Optional;

/**
 * Lowers the scheduling priority of jlance's encode threads, so that a writer's own thread gets a
 * core as soon as it has work. On two cores with both busy encoding, a {@code write} call (or the
 * writer's thread handing the next page to the file) otherwise waits for the scheduler to stop a
 * pool thread in the middle of a page, which takes milliseconds; at a lower priority the pool
 * thread gives way at once. Java's thread priorities do nothing on Linux, so this calls
 * {@code setpriority(2)} for the thread through the FFM linker.
 *
 * <p>It only acts on Linux, when this code may call native functions ({@code --enable-native-access})
 * and the C library has {@code gettid}; otherwise threads keep the priority they have. The nice
 * value comes from the system property {@value #PROPERTY} ({@value #DEFAULT_NICE} by default; 0
 * leaves the threads as they are).
 */
public final class BackgroundPriority {

    /** System property: the nice value encode threads take, 0 to 19 (0 leaves them alone). */
    public static final String PROPERTY = "jlance.encodeThreadNice";

    /** Low enough that a waking writer thread preempts an encode thread at once. */
    public static final int DEFAULT_NICE = 10;

    private static final int PRIO_PROCESS = 0;

    private record Calls(MethodHandle gettid, MethodHandle setpriority) {
    }

    private static final Optional<Calls> CALLS = lookUp();

    private BackgroundPriority() {
    }

    /** The nice value the property asks for, clamped to 0..19. */
    static int configuredNice() {
        int nice = Integer.getInteger(PROPERTY, DEFAULT_NICE);
        return Math.clamp(nice, 0, 19);
    }

    /** Whether this JVM can change a thread's priority here. */
    public static boolean supported() {
        return CALLS.isPresent();
    }

    /**
     * Lowers the calling thread to the configured nice value; true when it did. Never throws: a
     * thread that cannot be lowered still encodes, only with less room for the writer's thread.
     */
    public static boolean lowerCurrentThread() {
        int nice = configuredNice();
        if (nice == 0 || CALLS.isEmpty()) {
            return false;
        }
        try {
            int tid = (int) CALLS.get().gettid().invokeExact();
            return (int) CALLS.get().setpriority().invokeExact(PRIO_PROCESS, tid, nice) == 0;
        } catch (Throwable e) {
            return false;
        }
    }

    private static Optional<Calls> lookUp() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                || !BackgroundPriority.class.getModule().isNativeAccessEnabled()) {
            return Optional.empty();
        }
        try {
            Linker linker = Linker.nativeLinker();
            SymbolLookup libc = linker.defaultLookup();
            var gettid = libc.find("gettid");
            var setpriority = libc.find("setpriority");
            if (gettid.isEmpty() || setpriority.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Calls(
                    linker.downcallHandle(gettid.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT)),
                    linker.downcallHandle(setpriority.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
