package dev.jlance.simd;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides once per JVM whether kernels run on the Vector API ({@code dev.jlance.simd.panama}) or on
 * their scalar twins, and loads each kernel accordingly. Panama implementations are loaded by class
 * name, so nothing outside {@code dev.jlance.simd.panama} links {@code jdk.incubator.vector} and
 * jlance runs, slower, without {@code --add-modules jdk.incubator.vector}.
 *
 * <p>System properties: {@value #MODE_PROPERTY} = {@code auto} (default) or {@code scalar} forces
 * the scalar twins; {@value #WIDTH_PROPERTY} = {@code 128}, {@code 256} or {@code 512} forces the
 * vector width (tests use it; the default is the CPU's preferred width).
 */
public final class KernelProvider {

    public static final String MODE_PROPERTY = SimdSettings.MODE_PROPERTY;
    public static final String WIDTH_PROPERTY = SimdSettings.WIDTH_PROPERTY;

    private static final System.Logger LOG = System.getLogger(KernelProvider.class.getName());
    private static final String PANAMA_PACKAGE = "dev.jlance.simd.panama.";

    /** Why the Vector API is not used, or empty when it is. */
    private static final Optional<String> FALLBACK_REASON = detectFallback();

    static {
        FALLBACK_REASON.ifPresentOrElse(
                why -> LOG.log(System.Logger.Level.INFO, "jlance kernels: scalar (" + why + ")"),
                () -> LOG.log(System.Logger.Level.DEBUG, "jlance kernels: Vector API"));
    }

    private KernelProvider() {
    }

    /** True when kernels run on the Vector API. */
    public static boolean vectorized() {
        return FALLBACK_REASON.isEmpty();
    }

    /** Why kernels run scalar, if they do. */
    public static Optional<String> fallbackReason() {
        return FALLBACK_REASON;
    }

    /** The vector width forced by {@value #WIDTH_PROPERTY}, or 0 for the CPU's preferred width. */
    public static int forcedVectorBits() {
        return SimdSettings.forcedVectorBits();
    }

    /**
     * The kernel of type {@code type}: an instance of {@code dev.jlance.simd.panama.<panamaClass>}
     * (public no-argument constructor) when the Vector API is usable, else {@code scalar.get()}.
     */
    public static <T> T load(Class<T> type, String panamaClass, Supplier<? extends T> scalar) {
        if (!vectorized()) {
            return scalar.get();
        }
        try {
            Object kernel = Class.forName(PANAMA_PACKAGE + panamaClass).getConstructor().newInstance();
            return type.cast(kernel);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot load Vector API kernel " + panamaClass, e);
        }
    }

    /** The scalar twin, whatever the runtime offers: for tests that duel the two. */
    public static <T> T scalar(Supplier<? extends T> scalar) {
        return scalar.get();
    }

    private static Optional<String> detectFallback() {
        String mode = System.getProperty(MODE_PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "auto", "" -> {
            }
            case "scalar" -> {
                return Optional.of("forced by -D" + MODE_PROPERTY + "=scalar");
            }
            default -> throw new IllegalArgumentException(MODE_PROPERTY + " must be 'auto' or 'scalar', got '" + mode + "'");
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return Optional.of("module jdk.incubator.vector is absent; add --add-modules jdk.incubator.vector");
        }
        Optional<String> compiler = missingC2();
        if (compiler.isPresent()) {
            return compiler;
        }
        try {
            Class.forName(PANAMA_PACKAGE + "PanamaSupport").getMethod("check").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return Optional.of("Vector API unusable: " + cause);
        }
        return Optional.empty();
    }

    /** The Vector API is only fast once C2 compiles it; interpreted or C1-only it is far slower than scalar. */
    private static Optional<String> missingC2() {
        var input = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String arg : input) {
            if (arg.equals("-Xint")) {
                return Optional.of("the JVM runs interpreted (-Xint)");
            }
            if (arg.startsWith("-XX:TieredStopAtLevel=") && !arg.endsWith("=4")) {
                return Optional.of("C2 is disabled (" + arg + ")");
            }
            if (arg.equals("-XX:-UseCompiler")) {
                return Optional.of("the JIT is disabled (-XX:-UseCompiler)");
            }
        }
        var compiler = ManagementFactory.getCompilationMXBean();
        if (compiler == null) {
            return Optional.of("the JVM has no JIT compiler");
        }
        return Optional.empty();
    }
}
