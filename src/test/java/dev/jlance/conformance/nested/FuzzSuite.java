package dev.jlance.conformance.nested;

import dev.jlance.conformance.nested.FuzzRunner.Outcome;
import dev.jlance.conformance.nested.FuzzRunner.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * Drives a randomized suite: which seeds run (a fixed sequence, or the one {@code -Djlance.fuzz.seed}
 * names), one dynamic test per case, shrinking of failures, failure reports with a repro command, and a
 * summary line at the end.
 *
 * <p>System properties: {@code jlance.fuzz.cases=N} (how many cases), {@code jlance.fuzz.base=B}
 * (another seed sequence), {@code jlance.fuzz.seed=S} (just that case; hex with 0x or decimal),
 * {@code jlance.fuzz.shrink=STEPS} (with a seed: apply these shrink steps first),
 * {@code jlance.fuzz.features=A,B|all} ({@link NestedFeature}), {@code jlance.fuzz.shrinkSeconds=T}
 * (shrink budget per failure), {@code jlance.fuzz.verbose=true} (a line per case),
 * {@code jlance.fuzz.parallel=N} (cases run at once, in worker JVMs).
 */
final class FuzzSuite {

    /** The fixed seed sequence CI runs. */
    static final long BASE_SEED = 0x6A6C616E63654E45L;

    /** In a many-case run at most this many distinct kinds of failure are shrunk (each costs many runs). */
    private static final int MAX_SHRUNK_KINDS = 3;

    private final String testClass;
    private final Writer writer;
    private final Path dir;
    private final BufferAllocator allocator;
    private final Set<NestedFeature> features;
    private final boolean singleSeed;
    private final boolean verbose = Boolean.getBoolean("jlance.fuzz.verbose");
    private final long shrinkMillis;
    private final Map<String, Integer> failuresByKind = new TreeMap<>();
    private final Map<String, String> shrunkKinds = new LinkedHashMap<>();
    private final int parallel;
    private ExecutorService threads;
    private final BlockingQueue<FuzzExecutor> runners
            = new LinkedBlockingQueue<>();
    private final Map<Integer, Future<Outcome>> pending = new HashMap<>();
    private FuzzExecutor shrinkExecutor;
    private FuzzExecutor officialExecutor;
    private final List<long[]> slowest = new ArrayList<>();
    private final Map<String, List<String>> officialFailureSeeds = new TreeMap<>();
    private int passed;
    private int failed;
    private int nestedCases;
    private long rows;
    private long millis;

    FuzzSuite(String testClass, Writer writer, Path dir, BufferAllocator allocator, Set<NestedFeature> features) {
        this.testClass = testClass;
        this.writer = writer;
        this.dir = dir;
        this.allocator = allocator;
        this.features = features;
        this.singleSeed = System.getProperty("jlance.fuzz.seed") != null;
        this.shrinkMillis = 1000L * Long.parseLong(System.getProperty("jlance.fuzz.shrinkSeconds",
                singleSeed ? "300" : "40"));
        boolean fork = Boolean.parseBoolean(System.getProperty("jlance.fuzz.fork", "true"));
        this.parallel = singleSeed || !fork ? 1 : Integer.parseInt(System.getProperty("jlance.fuzz.parallel", "2"));
    }

    /** The i-th seed of the sequence starting at {@code base} (a 64-bit mix, so neighbours differ everywhere). */
    static long seed(long base, int i) {
        long z = base + 0x9E3779B97F4A7C15L * (i + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long parseSeed(String s) {
        s = s.trim();
        return s.startsWith("0x") || s.startsWith("0X") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
    }

    /** The seeds to run: the property's single seed, or {@code jlance.fuzz.cases} (default {@code defaultCases}) of the sequence. */
    static List<Long> seeds(int defaultCases) {
        String single = System.getProperty("jlance.fuzz.seed");
        if (single != null) {
            return List.of(parseSeed(single));
        }
        int n = Integer.parseInt(System.getProperty("jlance.fuzz.cases", String.valueOf(defaultCases)));
        long base = parseSeed(System.getProperty("jlance.fuzz.base", "0x" + Long.toHexString(BASE_SEED)));
        return IntStream.range(0, n).mapToObj(i -> seed(base, i)).toList();
    }

    /**
     * A second sequence of {@code defaultCases} seeds (the complements of {@link #seeds}), for a
     * second set of features over the same run; empty when one seed is asked for, since its
     * repro command names the features it needs and the first sequence runs it.
     */
    static List<Long> secondSeeds(int defaultCases) {
        return System.getProperty("jlance.fuzz.seed") != null ? List.of()
                : seeds(defaultCases).stream().map(s -> ~s).toList();
    }

    /** The case a seed stands for, with {@code -Djlance.fuzz.shrink} steps applied when given. */
    FuzzCase caseOf(long seed) {
        FuzzCase c = NestedSchemaGenerator.generate(seed, features);
        String steps = System.getProperty("jlance.fuzz.shrink");
        return singleSeed && steps != null && !steps.isBlank() ? c.applyAll(steps) : c;
    }

    /**
     * One dynamic test per seed, then one that prints the summary. {@code knownFailure} names the
     * recorded failure (of official Lance) an outcome is, or returns null: such cases pass and are
     * counted in the summary under that name. Cases run ahead of their tests on
     * {@code -Djlance.fuzz.parallel} workers (default 2; 1 for a single seed).
     */
    Stream<DynamicTest> tests(List<Long> seeds, KnownFailures knownFailure) {
        List<DynamicTest> out = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            long seed = seeds.get(i);
            int index = i;
            out.add(DynamicTest.dynamicTest("case " + i + " seed 0x" + Long.toHexString(seed),
                    () -> runOne(seeds, index, knownFailure)));
        }
        out.add(DynamicTest.dynamicTest("summary", () -> {
            closeAll();
            System.out.println(summary());
        }));
        return out.stream();
    }

    private void closeAll() {
        if (threads != null) {
            threads.shutdownNow();
        }
        List<FuzzExecutor> all = new ArrayList<>(runners);
        all.add(shrinkExecutor);
        all.add(officialExecutor);
        for (FuzzExecutor e : all) {
            if (e != null) {
                e.close();
            }
        }
    }

    /** The outcome of case {@code i}, run ahead on the pool; later cases are started meanwhile. */
    private Outcome outcome(List<Long> seeds, int i) throws Exception {
        if (threads == null) {
            threads = Executors.newFixedThreadPool(parallel, r -> {
                Thread t = new Thread(r, "fuzz-runner");
                t.setDaemon(true);
                return t;
            });
            for (int k = 0; k < parallel; k++) {
                runners.add(FuzzExecutor.create(writer, dir, allocator, true));
            }
        }
        for (int k = i; k < Math.min(seeds.size(), i + 2 * parallel); k++) {
            if (!pending.containsKey(k)) {
                FuzzCase c = caseOf(seeds.get(k));
                pending.put(k, threads.submit(() -> {
                    FuzzExecutor e = runners.take();
                    try {
                        return e.run(c);
                    } finally {
                        runners.add(e);
                    }
                }));
            }
        }
        return pending.remove(i).get();
    }

    /** Names the recorded failure an outcome is, or null; may re-run variants of the case with {@code rerun}. */
    @FunctionalInterface
    interface KnownFailures {
        String classify(FuzzCase c, Outcome o, Function<FuzzCase, Outcome> rerun);

        KnownFailures NONE = (c, o, rerun) -> null;
    }

    /** Runs a case now (shrinking, re-runs), on its own worker. */
    private Outcome execute(FuzzCase c) {
        if (shrinkExecutor == null) {
            shrinkExecutor = FuzzExecutor.create(writer, dir, allocator, false);
        }
        return shrinkExecutor.run(c);
    }

    /** The same case written by the official writer (and read by the official reader). */
    private Outcome executeOfficial(FuzzCase c) {
        if (officialExecutor == null) {
            officialExecutor = FuzzExecutor.create(Writer.OFFICIAL, dir, allocator, false);
        }
        return officialExecutor.run(c);
    }

    /**
     * True if official Lance fails to READ the case exactly as it fails on jlance's file (the same
     * error at the same native location): the official reader cannot decode that data whoever writes
     * it (see {@link KnownOfficialFailure}), so jlance cannot be judged on it. Never for a failure of
     * jlance's writer, and never for a comparison: data that comes back different is reported even when
     * official's own file comes back the same wrong way (jlance writes official's layout, bugs included,
     * but a user would get wrong data). {@code -Djlance.fuzz.strict=true} excuses nothing.
     */
    static boolean sameReadFailure(Outcome jlance, Outcome official) {
        return !Boolean.getBoolean("jlance.fuzz.strict") && !official.passed()
                && jlance.stage() == FuzzRunner.Stage.READ && official.signature().equals(jlance.signature());
    }

    /**
     * True if jlance refused the case on purpose while writing — an {@code UnsupportedTypeException}
     * or an {@code IllegalArgumentException} thrown by jlance's own code, both naming the field — and
     * official Lance fails on it too (writing, reading or in the values it returns): jlance then
     * turns a bad file into a clear error, which is what it should do. A refusal where official
     * succeeds is a failure (jlance would be stricter than it needs to be), except for a schema
     * refused at open in a case without rows.
     * {@code -Djlance.fuzz.strict=true} excuses nothing.
     */
    static boolean refusedWhereOfficialFails(FuzzCase c, Outcome jlance, Outcome official) {
        if (Boolean.getBoolean("jlance.fuzz.strict") || jlance.stage() != FuzzRunner.Stage.WRITE) {
            return false;
        }
        if (official.passed()) {
            // a schema refused when the writer opens, with no row to write: official only fails
            // on the data, which this case does not have
            return c.totalRows() == 0 && FuzzRunner.Outcome.className(jlance.error())
                    .equals("dev.jlance.UnsupportedTypeException");
        }
        for (Throwable t = jlance.error(); t != null; t = t.getCause()) {
            String name = FuzzRunner.Outcome.className(t);
            boolean refusal = name.equals("dev.jlance.UnsupportedTypeException")
                    || (name.equals(IllegalArgumentException.class.getName()) && thrownByJlance(t));
            if (refusal) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code t} was thrown by jlance's main code (not by a test harness or a library). */
    private static boolean thrownByJlance(Throwable t) {
        StackTraceElement[] stack = t.getStackTrace();
        if (stack.length == 0) {
            return false;
        }
        String where = stack[0].getClassName();
        return where.startsWith("dev.jlance.") && !where.startsWith("dev.jlance.conformance.");
    }

    private void runOne(List<Long> seeds, int index, KnownFailures knownFailure) throws Exception {
        long seed = seeds.get(index);
        FuzzCase c = caseOf(seed);
        Outcome o = outcome(seeds, index);
        millis += o.millis();
        if (verbose) {
            System.out.printf(Locale.ROOT, "fuzz case 0x%x: %s in %d ms, %d rows, %d batches, depth %d%n", seed,
                    o.signature(), o.millis(), c.totalRows(), c.batches().size(), depth(c));
        }
        slowest.add(new long[] {o.millis(), seed, c.totalRows()});
        slowest.sort((a, b) -> Long.compare(b[0], a[0]));
        if (slowest.size() > 5) {
            slowest.removeLast();
        }
        rows += c.totalRows();
        nestedCases += c.isNested() ? 1 : 0;
        String known = o.passed() ? null : knownFailure.classify(c, o, this::execute);
        if (known != null) {
            failuresByKind.merge("recorded: " + known, 1, Integer::sum);
            passed++;
            return;
        }
        if (o.passed()) {
            passed++;
            return;
        }
        Outcome official = null;
        if (writer == Writer.JLANCE) {
            official = executeOfficial(c);
            if (sameReadFailure(o, official)) {
                String kind = "the official reader fails the same way on official's file: " + o.signature();
                failuresByKind.merge(kind, 1, Integer::sum);
                officialFailureSeeds.computeIfAbsent(kind, k -> new ArrayList<>()).add("0x" + Long.toHexString(seed));
                passed++;
                return;
            }
            if (refusedWhereOfficialFails(c, o, official)) {
                String kind = "jlance refuses it naming the field, where official fails too (or no row to fail on): "
                        + o.signature();
                failuresByKind.merge(kind, 1, Integer::sum);
                officialFailureSeeds.computeIfAbsent(kind, k -> new ArrayList<>()).add("0x" + Long.toHexString(seed));
                passed++;
                return;
            }
        }
        failuresByKind.merge(o.signature(), 1, Integer::sum);
        failed++;
        throw new FuzzFailure(report(c, o, official), singleSeed ? o.error() : null);
    }

    private String report(FuzzCase c, Outcome o, Outcome official) {
        StringBuilder sb = new StringBuilder();
        sb.append("randomized case failed (").append(writer == Writer.JLANCE ? "jlance" : "official")
                .append(" writer, official reader): ").append(o.summary(3000));
        if (official != null) {
            sb.append("\n  the same case with the official writer: ").append(describeOfficial(o, official));
        }
        sb.append("\n  case: ").append(c.describe().replace("\n", "\n  "));
        boolean shrinkIt = singleSeed || (shrunkKinds.size() < MAX_SHRUNK_KINDS
                && !shrunkKinds.containsKey(o.signature()));
        FuzzCase repro = c;
        if (shrinkIt) {
            Shrinker.Result r = Shrinker.shrink(c, o, this::execute,
                    shrinkMillis, singleSeed ? 2000 : 400);
            repro = r.smallest();
            shrunkKinds.put(o.signature(), "0x" + Long.toHexString(c.seed()));
            sb.append("\n  smallest failing case found (").append(r.attempts()).append(" runs): ")
                    .append(repro.describe().replace("\n", "\n  "));
            sb.append("\n  its failure: ").append(r.outcome().summary(6000).replace("\n", "\n  "));
            if (writer == Writer.JLANCE) {
                sb.append("\n  the smallest case with the official writer: ").append(describeOfficial(r.outcome(),
                        executeOfficial(repro)));
            }
            if (repro.totalRows() <= 60) {
                sb.append("\n  its data:").append(dumpOf(repro));
            }
        } else if (shrunkKinds.containsKey(o.signature())) {
            sb.append("\n  (the same kind of failure as seed ").append(shrunkKinds.get(o.signature()))
                    .append(", shrunk there; run this seed alone to shrink it)");
        } else {
            sb.append("\n  (not shrunk: run this seed alone to shrink it)");
        }
        sb.append("\n  repro: ").append(reproCommand(repro));
        return sb.toString();
    }

    private static String describeOfficial(Outcome jlance, Outcome official) {
        if (official.passed()) {
            return "passes (so official writes this data in a way its reader handles)";
        }
        if (jlance.stage() == FuzzRunner.Stage.COMPARE && official.stage() == FuzzRunner.Stage.COMPARE
                && String.valueOf(jlance.error().getMessage()).equals(String.valueOf(official.error().getMessage()))) {
            return "the same wrong values come back (an official 7.0.0 bug that jlance's file reproduces)";
        }
        return official.summary(600).replace("\n", "\n  ");
    }

    private String dumpOf(FuzzCase c) {
        try (BufferAllocator a = allocator.newChildAllocator("dump", 0, Long.MAX_VALUE);
                NestedDataGenerator.Batches b = NestedDataGenerator.generate(c, a)) {
            return DataDump.dump(b.roots, b.providers, 60);
        } catch (RuntimeException e) {
            return " (could not print: " + e + ")";
        }
    }

    private static int depth(FuzzCase c) {
        return SchemaPaths.allPaths(c.schema()).stream().mapToInt(p -> p.length).max().orElse(0);
    }

    String reproCommand(FuzzCase c) {
        StringBuilder sb = new StringBuilder("./jlance test -Djlance.skipKernelRuns=true -Dtest=").append(testClass)
                .append(" -Djlance.fuzz.seed=0x").append(Long.toHexString(c.seed()));
        if (!c.steps().isEmpty()) {
            sb.append(" -Djlance.fuzz.shrink=").append(String.join(",", c.steps()));
        }
        sb.append(" -D").append(NestedFeature.PROPERTY).append('=').append(NestedFeature.propertyValue(c.features()));
        return sb.toString();
    }

    String summary() {
        int total = passed + failed;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: %d cases (%d nested, %d rows) in %.1f s of runs, %d passed",
                testClass, total, nestedCases, rows, millis / 1000.0, passed));
        failuresByKind.forEach((k, v) -> {
            sb.append("\n  ").append(v).append(" x ").append(k);
            List<String> seeds = officialFailureSeeds.get(k);
            if (seeds != null) {
                sb.append(" (seeds ").append(String.join(", ", seeds.subList(0, Math.min(5, seeds.size()))))
                        .append(seeds.size() > 5 ? ", ..." : "").append(')');
            }
        });
        shrunkKinds.forEach((k, v) -> sb.append("\n  shrunk ").append(k).append(" at seed ").append(v));
        sb.append("\n  slowest:");
        for (long[] s : slowest) {
            sb.append(String.format(Locale.ROOT, " 0x%x (%d ms, %d rows)", s[1], s[0], s[2]));
        }
        return sb.toString();
    }

    /** A case failure: the report is the message; no stack trace of its own (the report says where). */
    static final class FuzzFailure extends AssertionFailedError {
        private static final long serialVersionUID = 1L;

        FuzzFailure(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
