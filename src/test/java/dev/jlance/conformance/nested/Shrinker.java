package dev.jlance.conformance.nested;

import dev.jlance.conformance.nested.FuzzRunner.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Looks for a smaller case that fails the same way (same stage, same kind of error) as a failing
 * one, greedily: fewer batches, fewer rows (from the end, then from the front), fewer fields (top-level fields and struct children),
 * a nested field replaced by one of its children, non-nullable fields, default options. Every
 * candidate is re-run (write + official read + compare); the first that still fails is kept and the
 * search starts again from it, until no candidate fails or the budget is spent. The steps taken are
 * recorded in the case ({@link FuzzCase#steps()}) so that seed + steps re-create it.
 */
public final class Shrinker {

    private Shrinker() {
    }

    /** The smallest failing case found, its outcome, and how many runs it took. */
    public record Result(FuzzCase smallest, Outcome outcome, int attempts) {
    }

    public static Result shrink(FuzzCase failing, Outcome failure, Function<FuzzCase, Outcome> run, long budgetMillis,
            int maxAttempts) {
        long deadline = System.currentTimeMillis() + budgetMillis;
        FuzzCase current = failing;
        Outcome currentOutcome = failure;
        int attempts = 0;
        boolean improved = true;
        while (improved && attempts < maxAttempts && System.currentTimeMillis() < deadline) {
            improved = false;
            for (String step : candidates(current)) {
                if (attempts >= maxAttempts || System.currentTimeMillis() >= deadline) {
                    break;
                }
                FuzzCase candidate;
                try {
                    candidate = current.apply(step);
                } catch (RuntimeException invalid) {
                    continue; // a step that does not apply to this schema
                }
                attempts++;
                Outcome o = run.apply(candidate);
                if (!o.passed() && o.signature().equals(failure.signature())) {
                    current = candidate;
                    currentOutcome = o;
                    improved = true;
                    break;
                }
            }
        }
        return new Result(current, currentOutcome, attempts);
    }

    /** Shrink steps for {@code c}, the most aggressive first. */
    static List<String> candidates(FuzzCase c) {
        List<String> out = new ArrayList<>();
        List<FuzzCase.BatchSpec> batches = c.batches();
        if (batches.size() > 1) {
            for (int i = 0; i < batches.size(); i++) {
                out.add("B" + i);
            }
        }
        for (int i = 0; i < batches.size(); i++) {
            int n = batches.get(i).rows();
            TreeSet<Integer> sizes = new TreeSet<>(List.of(0, 1, 2, 3, 5, 8, 13, 21));
            for (int k = 1; k < 16; k++) {
                sizes.add((int) ((long) n * k / 16));
            }
            if (n <= 32) {
                sizes.add(n - 1);
            }
            for (int s : sizes) {
                if (s >= 0 && s < n) {
                    out.add("R" + i + "=" + s);
                }
            }
        }
        for (int i = 0; i < batches.size(); i++) {
            int n = batches.get(i).rows();
            TreeSet<Integer> cuts = new TreeSet<>();
            for (int k = 15; k >= 1; k--) {
                cuts.add((int) ((long) n * k / 16));
            }
            if (n <= 32) {
                cuts.add(1);
            }
            for (int k : cuts.descendingSet()) {
                if (k > 0) {
                    out.add("S" + i + "=" + k);
                }
            }
        }
        if (c.schema().getFields().size() > 1) {
            for (int i = 0; i < c.schema().getFields().size(); i++) {
                out.add("D" + i);
            }
        }
        boolean emptyStructs = c.features().contains(NestedFeature.EMPTY_STRUCT);
        List<int[]> paths = SchemaPaths.allPaths(c.schema());
        for (int[] p : paths) {
            if (p.length < 2) {
                continue;
            }
            Field parent = SchemaPaths.at(c.schema(), Arrays.copyOf(p, p.length - 1));
            if (parent.getType() instanceof ArrowType.Struct && (parent.getChildren().size() > 1 || emptyStructs)) {
                out.add("D" + SchemaPaths.format(p));
            }
        }
        for (int[] p : paths) {
            Field f = SchemaPaths.at(c.schema(), p);
            for (int k = 0; k < f.getChildren().size(); k++) {
                out.add("U" + SchemaPaths.format(p) + "/" + k);
            }
        }
        for (int[] p : paths) {
            Field f = SchemaPaths.at(c.schema(), p);
            if (f.isNullable() && !(f.getType() instanceof ArrowType.Null)) {
                out.add("N" + SchemaPaths.format(p));
            }
        }
        for (FuzzCase.Quirk q : FuzzCase.Quirk.values()) {
            if (c.has(q)) {
                out.add("Q" + q.name());
            }
        }
        if (c.cacheBytesPerColumn() > 0) {
            out.add("C");
        }
        if (c.readBatchSize() != 997) {
            out.add("K997");
        }
        return out;
    }
}
