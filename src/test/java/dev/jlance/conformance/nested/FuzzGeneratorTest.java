package dev.jlance.conformance.nested;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The promises the randomized suites rely on, checked without Lance: a seed always gives the same
 * case and the same data; data depends only on the batch seed and the field path (so shrinking keeps
 * what it does not remove); cases survive the trip to a worker JVM; schemas respect the rules
 * (unique sibling names, no '.' at the top level, depth, features off unless switched on).
 */
class FuzzGeneratorTest {

    private static final int SEEDS = 60;

    BufferAllocator allocator;

    @BeforeEach
    void open() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void close() {
        allocator.close();
    }

    private static List<FuzzCase> cases(Set<NestedFeature> features) {
        List<FuzzCase> out = new ArrayList<>();
        for (int i = 0; i < SEEDS; i++) {
            out.add(NestedSchemaGenerator.generate(FuzzSuite.seed(FuzzSuite.BASE_SEED, i), features));
        }
        return out;
    }

    /** Small enough to generate quickly: at most 300 rows per batch. */
    private static FuzzCase small(FuzzCase c) {
        for (int b = 0; b < c.batches().size(); b++) {
            if (c.batches().get(b).rows() > 300) {
                c = c.apply("R" + b + "=300");
            }
        }
        return c;
    }

    private void assertSameData(FuzzCase a, FuzzCase b, String what) {
        try (NestedDataGenerator.Batches x = NestedDataGenerator.generate(a, allocator);
                NestedDataGenerator.Batches y = NestedDataGenerator.generate(b, allocator)) {
            NestedComparator.Cursor cursor = new NestedComparator.Cursor(a.schema(), x.roots, x.providers);
            for (int i = 0; i < y.roots.size(); i++) {
                cursor.compareNext(y.roots.get(i), y.providers.get(i));
            }
            String problems = cursor.problems();
            assertTrue(problems.isEmpty(), () -> what + " (seed 0x" + Long.toHexString(a.seed()) + "):" + problems);
        }
    }

    @Test
    void aSeedAlwaysGivesTheSameCaseAndData() {
        for (FuzzCase c : cases(EnumSet.allOf(NestedFeature.class))) {
            assertEquals(c, NestedSchemaGenerator.generate(c.seed(), c.features()));
            assertSameData(small(c), small(c), "generated twice");
        }
    }

    @Test
    void droppingAFieldLeavesTheOthersAsTheyWere() {
        for (FuzzCase c : cases(NestedFeature.defaults())) {
            c = small(c);
            if (c.schema().getFields().size() < 2) {
                continue;
            }
            FuzzCase dropped = c.apply("D0");
            FuzzCase kept = new FuzzCase(c.seed(), dropped.schema(), c.batches(), c.cacheBytesPerColumn(),
                    c.readBatchSize(), c.dictionaries(), c.features(), c.itemCap(), c.quirksOff(), List.of());
            assertSameData(kept, dropped, "the other fields after dropping field 0");
        }
    }

    @Test
    void cuttingRowsFromTheFrontKeepsTheRest() {
        for (FuzzCase c : cases(NestedFeature.defaults())) {
            c = small(c);
            int rows = c.batches().getFirst().rows();
            if (rows < 4) {
                continue;
            }
            int cut = rows / 3;
            FuzzCase shorter = c.apply("S0=" + cut);
            try (NestedDataGenerator.Batches whole = NestedDataGenerator.generate(c, allocator);
                    NestedDataGenerator.Batches rest = NestedDataGenerator.generate(shorter, allocator)) {
                List<VectorSchemaRoot> expected = new ArrayList<>();
                try {
                    VectorSchemaRoot first = whole.roots.getFirst();
                    List<FieldVector> sliced = new ArrayList<>();
                    for (FieldVector v : first.getFieldVectors()) {
                        var pair = v.getTransferPair(allocator);
                        pair.splitAndTransfer(cut, rows - cut);
                        sliced.add((FieldVector) pair.getTo());
                    }
                    expected.add(new VectorSchemaRoot(first.getSchema().getFields(), sliced, rows - cut));
                    NestedComparator.Cursor cursor = new NestedComparator.Cursor(c.schema(), expected,
                            whole.providers.subList(0, 1));
                    cursor.compareNext(rest.roots.getFirst(), rest.providers.getFirst());
                    String problems = cursor.problems();
                    FuzzCase cc = c;
                    assertTrue(problems.isEmpty(), () -> "cut rows, seed 0x" + Long.toHexString(cc.seed()) + problems);
                } finally {
                    expected.forEach(VectorSchemaRoot::close);
                }
            }
        }
    }

    @Test
    void casesSurviveTheTripToAWorker() {
        for (FuzzCase c : cases(EnumSet.allOf(NestedFeature.class))) {
            FuzzCase shrunk = c.applyAll("QGARBAGE,K7").apply("R0=" + c.batches().getFirst().rows() / 2);
            assertEquals(shrunk, FuzzCase.decode(shrunk.encode()));
        }
    }

    @Test
    void schemasFollowTheRules() {
        // (with every feature but fixed-size lists off, so that the checks below can see them off)
        for (FuzzCase c : cases(EnumSet.of(NestedFeature.FIXED_SIZE_LIST))) {
            for (Field f : c.schema().getFields()) {
                assertFalse(f.getName().contains("."), "top-level name " + f.getName());
                checkField(f, 0, c.features());
            }
            assertUniqueNames(c.schema().getFields());
            assertTrue(c.batches().size() >= 1 && c.batches().size() <= 4);
        }
    }

    @Test
    void everyFeatureAppearsWhenSwitchedOn() {
        Set<String> seen = new HashSet<>();
        for (FuzzCase c : cases(EnumSet.allOf(NestedFeature.class))) {
            for (int[] p : SchemaPaths.allPaths(c.schema())) {
                Field f = SchemaPaths.at(c.schema(), p);
                if (f.getType() instanceof ArrowType.FixedSizeList) {
                    seen.add("fsl");
                }
                if (f.getType() instanceof ArrowType.Struct && f.getChildren().isEmpty()) {
                    seen.add("empty struct");
                }
                if (f.getDictionary() != null) {
                    seen.add("dictionary");
                }
                Map<String, String> md = f.getMetadata();
                if (md != null) {
                    md.keySet().stream().filter(k -> k.startsWith("lance-encoding:")).forEach(seen::add);
                }
            }
        }
        assertEquals(Set.of("fsl", "empty struct", "dictionary", "lance-encoding:packed", "lance-encoding:blob",
                "lance-encoding:structural-encoding", "lance-encoding:compression"), seen);
    }

    private static void checkField(Field f, int depth, Set<NestedFeature> on) {
        assertTrue(depth <= NestedSchemaGenerator.MAX_DEPTH, "too deep: " + f);
        assertEquals(null, f.getDictionary(), "dictionary with the feature off: " + f);
        assertTrue(on.contains(NestedFeature.FIXED_SIZE_LIST) || !(f.getType() instanceof ArrowType.FixedSizeList),
                "fixed-size list with the feature off: " + f);
        Map<String, String> md = f.getMetadata();
        if (md != null) {
            assertTrue(md.keySet().stream().noneMatch(k -> k.startsWith("lance-encoding:")), "metadata " + md);
        }
        if (f.getType() instanceof ArrowType.Struct) {
            assertFalse(f.getChildren().isEmpty(), "empty struct with the feature off: " + f);
        }
        assertUniqueNames(f.getChildren());
        for (Field c : f.getChildren()) {
            checkField(c, depth + 1, on);
        }
    }

    private static void assertUniqueNames(List<Field> fields) {
        Set<String> names = new HashSet<>();
        for (Field f : fields) {
            assertTrue(names.add(f.getName()), "duplicate sibling name " + f.getName() + " in " + fields);
        }
    }
}
